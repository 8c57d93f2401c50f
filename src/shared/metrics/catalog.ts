import type { EntityKind } from './entities';
import {
  filerUsedKb,
  hostCpuPercent,
  hostMemoryPercent,
  vmCpuPercent,
  vmMemoryPercent,
  type LiveFields,
  type Maybe,
  type NicField,
} from './live-fields';

// The vScope metrics, named, tagged and in the units OVH's Metrics platform used for them. Each row says all
// there is to know about a metric: the entity it describes, its unit, the chart and legend line Graphs draw it
// as, and where its value comes from. The recorder, the series API, Graphs, the hosts' NIC column and the
// simulator all derive from these rows, so adding a metric is one row here; only a chart or legend line not
// named yet also needs its word below and its translations.

export type MetricUnit = 'percent' | 'kB' | 'ms' | 'KBps' | 'pps' | 'iops';

/** Graphs' charts, in the order the page shows them; `chart.<group>` in the graphs translations titles each. */
export const CHART_GROUPS = [
  'cpu',
  'memory',
  'cpuReady',
  'network',
  'packets',
  'iops',
  'bandwidth',
  'latency',
  'space',
] as const;
export type ChartGroup = (typeof CHART_GROUPS)[number];

/** A chart's lines, in legend order; `line.<label>` in the graphs translations names each. */
export const LINE_LABELS = ['usage', 'ready', 'used', 'rx', 'tx', 'read', 'write'] as const;
export type LineLabel = (typeof LINE_LABELS)[number];

export interface EntityMetric<K extends EntityKind> {
  readonly name: string;
  readonly entity: K;
  readonly unit: MetricUnit;
  readonly chartGroup: ChartGroup;
  readonly lineLabel: LineLabel;
  /** The value, read from the entity's live object as the OVH API returns it. */
  readonly extract?: (live: LiveFields[K]) => Maybe;
  /** A host network metric has one series per physical NIC, tagged `nicname`: its value is this NIC field. */
  readonly nicField?: NicField;
}

/** A metric of kind `K`: for a union of kinds, any one of them, each with its own live object. */
export type MetricDefinition<K extends EntityKind = EntityKind> = { [E in K]: EntityMetric<E> }[K];

function metric<K extends EntityKind>(row: EntityMetric<K>): EntityMetric<K> {
  return row;
}

export const NIC_NAMES = ['vmnic0', 'vmnic1', 'vmnic2', 'vmnic3'] as const;
export type NicName = (typeof NIC_NAMES)[number];

// prettier-ignore
export const METRICS: readonly MetricDefinition[] = [
  metric({ name: 'vscope.filer.datastore.diskspace.used', entity: 'filer', unit: 'kB', chartGroup: 'space', lineLabel: 'used', extract: filerUsedKb }),
  metric({ name: 'vscope.host.cpu.usage.perc', entity: 'host', unit: 'percent', chartGroup: 'cpu', lineLabel: 'usage', extract: hostCpuPercent }),
  metric({ name: 'vscope.host.mem.usage.perc', entity: 'host', unit: 'percent', chartGroup: 'memory', lineLabel: 'usage', extract: hostMemoryPercent }),
  metric({ name: 'vscope.host.net.tx', entity: 'host', unit: 'KBps', chartGroup: 'network', lineLabel: 'tx', nicField: 'tx' }),
  metric({ name: 'vscope.host.net.rx', entity: 'host', unit: 'KBps', chartGroup: 'network', lineLabel: 'rx', nicField: 'rx' }),
  metric({ name: 'vscope.host.net.packetstx', entity: 'host', unit: 'pps', chartGroup: 'packets', lineLabel: 'tx', nicField: 'packetsTx' }),
  metric({ name: 'vscope.host.net.packetsrx', entity: 'host', unit: 'pps', chartGroup: 'packets', lineLabel: 'rx', nicField: 'packetsRx' }),
  metric({ name: 'vscope.vm.cpu.usage.perc', entity: 'vm', unit: 'percent', chartGroup: 'cpu', lineLabel: 'usage', extract: vmCpuPercent }),
  metric({ name: 'vscope.vm.mem.usage.perc', entity: 'vm', unit: 'percent', chartGroup: 'memory', lineLabel: 'usage', extract: vmMemoryPercent }),
  metric({ name: 'vscope.vm.cpu.ready', entity: 'vm', unit: 'ms', chartGroup: 'cpuReady', lineLabel: 'ready', extract: (vm) => vm.cpuReady }),
  metric({ name: 'vscope.vm.net.rx', entity: 'vm', unit: 'KBps', chartGroup: 'network', lineLabel: 'rx', extract: (vm) => vm.netRx }),
  metric({ name: 'vscope.vm.net.tx', entity: 'vm', unit: 'KBps', chartGroup: 'network', lineLabel: 'tx', extract: (vm) => vm.netTx }),
  metric({ name: 'vscope.vm.net.packetsrx', entity: 'vm', unit: 'pps', chartGroup: 'packets', lineLabel: 'rx', extract: (vm) => vm.netPacketRx }),
  metric({ name: 'vscope.vm.net.packetstx', entity: 'vm', unit: 'pps', chartGroup: 'packets', lineLabel: 'tx', extract: (vm) => vm.netPacketTx }),
  metric({ name: 'vscope.vm.disk.io.read', entity: 'vm', unit: 'iops', chartGroup: 'iops', lineLabel: 'read', extract: (vm) => vm.readPerSecond }),
  metric({ name: 'vscope.vm.disk.io.write', entity: 'vm', unit: 'iops', chartGroup: 'iops', lineLabel: 'write', extract: (vm) => vm.writePerSecond }),
  metric({ name: 'vscope.vm.disk.bandwidth.read', entity: 'vm', unit: 'KBps', chartGroup: 'bandwidth', lineLabel: 'read', extract: (vm) => vm.readRate }),
  metric({ name: 'vscope.vm.disk.bandwidth.write', entity: 'vm', unit: 'KBps', chartGroup: 'bandwidth', lineLabel: 'write', extract: (vm) => vm.writeRate }),
  metric({ name: 'vscope.vm.disk.latency.read', entity: 'vm', unit: 'ms', chartGroup: 'latency', lineLabel: 'read', extract: (vm) => vm.readLatency }),
  metric({ name: 'vscope.vm.disk.latency.write', entity: 'vm', unit: 'ms', chartGroup: 'latency', lineLabel: 'write', extract: (vm) => vm.writeLatency }),
];

/** Metric name → value, for the metrics whose value the live object holds. */
export type MetricValues = Record<string, number>;

/** A list of metrics and what every module asks of it. Tests build their own to prove a new row flows through. */
export interface Catalog {
  readonly metrics: readonly MetricDefinition[];
  find(name: string): MetricDefinition | undefined;
  /** An entity kind's metrics, in catalog order (the order of the series API's answer). */
  metricsOf<K extends EntityKind>(entity: K): MetricDefinition<K>[];
  /** Every value the live object yields; a metric whose fields are missing is left out, not zero. */
  valuesOf<K extends EntityKind>(entity: K, live: LiveFields[K]): MetricValues;
}

export function createCatalog(metrics: readonly MetricDefinition[]): Catalog {
  const byName = new Map(metrics.map((m) => [m.name, m]));
  const metricsOf = <K extends EntityKind>(entity: K) =>
    metrics.filter((m): m is MetricDefinition & MetricDefinition<K> => m.entity === entity);
  return {
    metrics,
    find: (name) => byName.get(name),
    metricsOf,
    valuesOf: (entity, live) => {
      const values: MetricValues = {};
      for (const m of metricsOf(entity)) {
        const value = m.extract?.(live);
        if (value != null && Number.isFinite(value)) values[m.name] = value;
      }
      return values;
    },
  };
}

export const CATALOG = createCatalog(METRICS);

/** The `datacenter` tag: `<serviceName>_<datacenter name>`, e.g. `pcc-37-187-228-180_datacenter869`. */
export function datacenterTag(serviceName: string, datacenterName: string): string {
  return `${serviceName}_${datacenterName}`;
}

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
