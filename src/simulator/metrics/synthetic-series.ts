import { seriesKey } from '@/tsdb';
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
  /** The series read from the same live object, this one among them. */
  family: SeriesFamily;
}

/**
 * The series that are fields of one live object (a VM's, a host's, a NIC's). Computing the object is most of
 * a point's cost, so a store summarises a coarse bucket for the whole family in one pass: a year of daily
 * buckets for a VM's metrics is one pass over its 5-minute buckets, not one per metric.
 */
export interface SeriesFamily {
  /** Names the family among the store's (its first member's series key). */
  readonly key: string;
  readonly members: readonly SyntheticSeries[];
  /** Each member's value at a bucket, in `members` order; the array is reused by the next call. */
  valuesAt: (bucket: number) => readonly (number | undefined)[];
}

function entityTags<K extends EntityKind>(kind: K, entity: EntityIdentity<K>, base: Record<string, string>) {
  return { ...base, [ENTITY_KINDS[kind].tagKey]: entityRef(kind, entity).tagValue };
}

interface Field<T> {
  metric: string;
  read: (live: T) => number | null | undefined;
}

function family<T>(
  tags: Record<string, string>,
  live: (bucket: number) => T | undefined,
  fields: Field<T>[],
) {
  const values: (number | undefined)[] = [];
  const members: SyntheticSeries[] = [];
  const self: SeriesFamily = {
    key: seriesKey({ metric: fields[0]?.metric ?? '', tags }),
    members,
    valuesAt: (bucket) => {
      const entity = live(bucket);
      for (let i = 0; i < fields.length; i++) {
        values[i] = entity === undefined ? undefined : (fields[i]!.read(entity) ?? undefined);
      }
      return values;
    },
  };
  for (const { metric, read } of fields) {
    const valueAt = (bucket: number) => {
      const entity = live(bucket);
      return entity === undefined ? undefined : (read(entity) ?? undefined);
    };
    members.push({ metric, tags, valueAt, family: self });
  }
  return members;
}

/** The series of the metrics read from an entity's live object. */
function liveSeries<K extends EntityKind>(
  kind: K,
  tags: Record<string, string>,
  live: (bucket: number) => LiveFields[K] | undefined,
): SyntheticSeries[] {
  return family(
    tags,
    live,
    CATALOG.metricsOf(kind).flatMap(({ name, extract }) =>
      extract ? [{ metric: name, read: extract }] : [],
    ),
  );
}

/** The series of one physical NIC of a host, each its metric's field of the NIC's traffic. */
function nicSeries(tags: Record<string, string>, live: (bucket: number) => NicLive): SyntheticSeries[] {
  return family(
    tags,
    live,
    CATALOG.metricsOf('host').flatMap(({ name, nicField }) =>
      nicField ? [{ metric: name, read: (nic: NicLive) => nic[nicField] }] : [],
    ),
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
