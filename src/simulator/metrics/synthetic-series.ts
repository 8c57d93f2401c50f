import { datacenterTag, NIC_NAMES, type MetricName, type NicName } from '../../shared/metrics/catalog';
import {
  FILER_METRIC_EXTRACTORS,
  HOST_METRIC_EXTRACTORS,
  VM_METRIC_EXTRACTORS,
} from '../../shared/metrics/live-to-metrics';
import type { SimInventory } from '../model/inventory';
import { filerLive, hostLive, nicLive, vmLive, type HostLive, type VmLive } from '../model/live-values';

// The simulator's vScope history: every series of the DESIGN catalog for every entity, each point computed from
// the same live values the OVH API renders, mapped by the same shared extractors the recorder uses.

export interface SyntheticSeries {
  metric: MetricName;
  tags: Record<string, string>;
  /** The value at a 5-minute bucket, or undefined where vCenter would report nothing (a deleted VM). */
  valueAt: (bucket: number) => number | undefined;
}

type Extractors<T> = Record<string, (entity: T) => number | null | undefined>;

function seriesFor<T>(
  extractors: Extractors<T>,
  tags: Record<string, string>,
  live: (bucket: number) => T | undefined,
): SyntheticSeries[] {
  return Object.entries(extractors).map(([metric, extract]) => ({
    metric: metric as MetricName,
    tags,
    valueAt: (bucket: number) => {
      const entity = live(bucket);
      return entity === undefined ? undefined : (extract(entity) ?? undefined);
    },
  }));
}

const NIC_FIELDS = {
  'vscope.host.net.tx': 'tx',
  'vscope.host.net.rx': 'rx',
  'vscope.host.net.packetstx': 'packetstx',
  'vscope.host.net.packetsrx': 'packetsrx',
} as const;

function nicSeries(live: (bucket: number) => ReturnType<typeof nicLive>, tags: Record<string, string>) {
  return Object.entries(NIC_FIELDS).map(([metric, field]) => ({
    metric: metric as MetricName,
    tags,
    valueAt: (bucket: number) => live(bucket)[field],
  }));
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
        all.push(
          ...seriesFor(FILER_METRIC_EXTRACTORS, { ...base, datastore: filer.name }, (b) =>
            filerLive(filer, b),
          ),
        );
      }
      for (const host of dc.hosts) {
        const tags = { ...base, host: host.name };
        all.push(...seriesFor<HostLive>(HOST_METRIC_EXTRACTORS, tags, (b) => hostLive(host, b)));
        for (const nic of NIC_NAMES as readonly NicName[]) {
          all.push(...nicSeries((b) => nicLive(host, nic, b), { ...tags, nicname: nic }));
        }
      }
      for (const vm of dc.vms) {
        if (vm.powerState === 'deleted') continue;
        all.push(...seriesFor<VmLive>(VM_METRIC_EXTRACTORS, { ...base, vm: vm.moRef }, (b) => vmLive(vm, b)));
      }
    }
  }
  return all;
}
