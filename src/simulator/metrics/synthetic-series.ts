import { CATALOG, datacenterTag, NIC_NAMES } from '@/shared/metrics/catalog';
import { ENTITY_KINDS, entityRef, type EntityIdentity, type EntityKind } from '@/shared/metrics/entities';
import type { LiveFields } from '@/shared/metrics/live-fields';
import type { SimInventory } from '../model/inventory';
import { filerLive, hostLive, nicLive, vmLive, type NicLive } from '../model/live-values';

// The simulator's vScope history: a series for every metric of the shared catalog and every entity, each point
// computed from the same live values the OVH API renders and read by the catalog's own extractors, the ones the
// recorder uses on the OVH API's objects.

export interface SyntheticSeries {
  metric: string;
  tags: Record<string, string>;
  /** The value at a 5-minute bucket, or undefined where vCenter would report nothing (a deleted VM). */
  valueAt: (bucket: number) => number | undefined;
}

function entityTags<K extends EntityKind>(kind: K, entity: EntityIdentity<K>, base: Record<string, string>) {
  return { ...base, [ENTITY_KINDS[kind].tagKey]: entityRef(kind, entity).tagValue };
}

/** The series of the metrics read from an entity's live object. */
function liveSeries<K extends EntityKind>(
  kind: K,
  tags: Record<string, string>,
  live: (bucket: number) => LiveFields[K] | undefined,
): SyntheticSeries[] {
  return CATALOG.metricsOf(kind).flatMap(({ name, extract }) => {
    if (!extract) return [];
    const valueAt = (bucket: number) => {
      const entity = live(bucket);
      return entity === undefined ? undefined : (extract(entity) ?? undefined);
    };
    return [{ metric: name, tags, valueAt }];
  });
}

/** The series of one physical NIC of a host, each its metric's field of the NIC's traffic. */
function nicSeries(tags: Record<string, string>, live: (bucket: number) => NicLive): SyntheticSeries[] {
  return CATALOG.metricsOf('host').flatMap(({ name, nicField }) =>
    nicField ? [{ metric: name, tags, valueAt: (bucket: number) => live(bucket)[nicField] }] : [],
  );
}

/** Every series the simulated Metrics platform holds, tagged as OVH tagged vScope data. */
export function syntheticSeries(inventory: SimInventory): SyntheticSeries[] {
  const all: SyntheticSeries[] = [];
  for (const service of inventory.services) {
    const common = { servicename: service.serviceName, servicetype: 'vscope', env: 'prod' };
    for (const dc of service.datacenters) {
      const base = { ...common, datacenter: datacenterTag(service.serviceName, dc.name) };
      // Global filers are mounted on every datacenter, so each datacenter reports them.
      for (const filer of [...dc.filers, ...service.globalFilers]) {
        all.push(...liveSeries('filer', entityTags('filer', filer, base), (b) => filerLive(filer, b)));
      }
      for (const host of dc.hosts) {
        const tags = entityTags('host', host, base);
        all.push(...liveSeries('host', tags, (b) => hostLive(host, b)));
        for (const nic of NIC_NAMES) {
          all.push(...nicSeries({ ...tags, nicname: nic }, (b) => nicLive(host, nic, b)));
        }
      }
      for (const vm of dc.vms) {
        if (vm.powerState === 'deleted') continue;
        all.push(...liveSeries('vm', entityTags('vm', vm, base), (b) => vmLive(vm, b)));
      }
    }
  }
  return all;
}
