// The vScope metric catalog of DESIGN.md: names, tags and units exactly as OVH's Metrics used them.
// Server, SPA and simulator read this one list, so a metric cannot mean different things in different places.

export type EntityKind = 'filer' | 'host' | 'vm';

export type MetricUnit = 'percent' | 'kB' | 'ms' | 'KBps' | 'pps' | 'iops';

export interface MetricDefinition {
  readonly name: string;
  readonly entity: EntityKind;
  readonly unit: MetricUnit;
  /** Host network series exist once per physical NIC, tagged `nicname`. */
  readonly perNic: boolean;
}

function metric<const N extends string>(name: N, entity: EntityKind, unit: MetricUnit, perNic = false) {
  return { name, entity, unit, perNic } satisfies MetricDefinition;
}

export const NIC_NAMES = ['vmnic0', 'vmnic1', 'vmnic2', 'vmnic3'] as const;
export type NicName = (typeof NIC_NAMES)[number];

export const METRICS = [
  metric('vscope.filer.datastore.diskspace.used', 'filer', 'kB'),
  metric('vscope.host.cpu.usage.perc', 'host', 'percent'),
  metric('vscope.host.mem.usage.perc', 'host', 'percent'),
  metric('vscope.host.net.tx', 'host', 'KBps', true),
  metric('vscope.host.net.rx', 'host', 'KBps', true),
  metric('vscope.host.net.packetstx', 'host', 'pps', true),
  metric('vscope.host.net.packetsrx', 'host', 'pps', true),
  metric('vscope.vm.cpu.usage.perc', 'vm', 'percent'),
  metric('vscope.vm.mem.usage.perc', 'vm', 'percent'),
  metric('vscope.vm.cpu.ready', 'vm', 'ms'),
  metric('vscope.vm.net.rx', 'vm', 'KBps'),
  metric('vscope.vm.net.tx', 'vm', 'KBps'),
  metric('vscope.vm.net.packetsrx', 'vm', 'pps'),
  metric('vscope.vm.net.packetstx', 'vm', 'pps'),
  metric('vscope.vm.disk.io.read', 'vm', 'iops'),
  metric('vscope.vm.disk.io.write', 'vm', 'iops'),
  metric('vscope.vm.disk.bandwidth.read', 'vm', 'KBps'),
  metric('vscope.vm.disk.bandwidth.write', 'vm', 'KBps'),
  metric('vscope.vm.disk.latency.read', 'vm', 'ms'),
  metric('vscope.vm.disk.latency.write', 'vm', 'ms'),
] as const satisfies readonly MetricDefinition[];

export type MetricName = (typeof METRICS)[number]['name'];

const byName = new Map<string, MetricDefinition>(METRICS.map((m) => [m.name, m]));

export function findMetric(name: string): MetricDefinition | undefined {
  return byName.get(name);
}

export function metricsOf(entity: EntityKind): (MetricDefinition & { name: MetricName })[] {
  return METRICS.filter((m) => m.entity === entity);
}

/** The `datacenter` tag: `<serviceName>_<datacenter name>`, e.g. `pcc-37-187-228-180_datacenter869`. */
export function datacenterTag(serviceName: string, datacenterName: string): string {
  return `${serviceName}_${datacenterName}`;
}

/** The tag that names the entity inside its datacenter: host name (an IP), VM moRef, or filer name. */
export const ENTITY_TAG_KEY: Record<EntityKind, 'host' | 'vm' | 'datastore'> = {
  filer: 'datastore',
  host: 'host',
  vm: 'vm',
};

/** vScope's graph periods, each at vCenter's own rollup interval (at most ~365 points a series). */
export const PERIODS = {
  day: { rangeMs: 24 * 3600_000, intervalMs: 5 * 60_000 },
  week: { rangeMs: 7 * 24 * 3600_000, intervalMs: 30 * 60_000 },
  month: { rangeMs: 30 * 24 * 3600_000, intervalMs: 2 * 3600_000 },
  year: { rangeMs: 365 * 24 * 3600_000, intervalMs: 24 * 3600_000 },
} as const;

export type Period = keyof typeof PERIODS;

/** Live values move in 5-minute buckets, the finest rollup vCenter keeps for a day. */
export const BUCKET_MS = 5 * 60_000;
