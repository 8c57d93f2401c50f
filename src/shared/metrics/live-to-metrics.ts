import type { MetricName } from './catalog';

// DESIGN's mapping from the OVH API's live fields to vScope metric values. The recorder writes these as points,
// the tables show them as percentages, and the simulator derives its series from them: one formula everywhere.

type Maybe = number | null | undefined;

export type MetricValues = Partial<Record<MetricName, number>>;

function percent(used: Maybe, max: Maybe): number | undefined {
  if (used == null || max == null || max <= 0) return undefined;
  return (used / max) * 100;
}

function put(values: MetricValues, name: MetricName, value: Maybe): void {
  if (value != null && Number.isFinite(value)) values[name] = value;
}

export interface HostLiveFields {
  cpuUsed: Maybe;
  cpuMax: Maybe;
  /** MB */
  memoryUsed: Maybe;
  /** `ram.value` in GB */
  ram: { value: number };
}

export function hostCpuPercent(host: Pick<HostLiveFields, 'cpuUsed' | 'cpuMax'>): number | undefined {
  return percent(host.cpuUsed, host.cpuMax);
}

export function hostMemoryPercent(host: Pick<HostLiveFields, 'memoryUsed' | 'ram'>): number | undefined {
  return percent(host.memoryUsed, host.ram.value * 1024);
}

/** One extractor per host metric: the recorder writes them all, the simulator evaluates them one at a time. */
export const HOST_METRIC_EXTRACTORS = {
  'vscope.host.cpu.usage.perc': hostCpuPercent,
  'vscope.host.mem.usage.perc': hostMemoryPercent,
} satisfies Partial<Record<MetricName, (host: HostLiveFields) => Maybe>>;

function extractAll<T>(
  extractors: Partial<Record<MetricName, (entity: T) => Maybe>>,
  entity: T,
): MetricValues {
  const values: MetricValues = {};
  for (const [name, extract] of Object.entries(extractors)) put(values, name as MetricName, extract(entity));
  return values;
}

export function hostMetricValues(host: HostLiveFields): MetricValues {
  return extractAll(HOST_METRIC_EXTRACTORS, host);
}

export interface VmLiveFields {
  cpuUsed: Maybe;
  cpuMax: Maybe;
  memoryUsed: Maybe;
  memoryMax: Maybe;
  cpuReady: Maybe;
  netRx: Maybe;
  netTx: Maybe;
  netPacketRx: Maybe;
  netPacketTx: Maybe;
  readPerSecond: Maybe;
  writePerSecond: Maybe;
  readRate: Maybe;
  writeRate: Maybe;
  readLatency: Maybe;
  writeLatency: Maybe;
}

export function vmCpuPercent(vm: Pick<VmLiveFields, 'cpuUsed' | 'cpuMax'>): number | undefined {
  return percent(vm.cpuUsed, vm.cpuMax);
}

export function vmMemoryPercent(vm: Pick<VmLiveFields, 'memoryUsed' | 'memoryMax'>): number | undefined {
  return percent(vm.memoryUsed, vm.memoryMax);
}

export const VM_METRIC_EXTRACTORS = {
  'vscope.vm.cpu.usage.perc': vmCpuPercent,
  'vscope.vm.mem.usage.perc': vmMemoryPercent,
  'vscope.vm.cpu.ready': (vm) => vm.cpuReady,
  'vscope.vm.net.rx': (vm) => vm.netRx,
  'vscope.vm.net.tx': (vm) => vm.netTx,
  'vscope.vm.net.packetsrx': (vm) => vm.netPacketRx,
  'vscope.vm.net.packetstx': (vm) => vm.netPacketTx,
  'vscope.vm.disk.io.read': (vm) => vm.readPerSecond,
  'vscope.vm.disk.io.write': (vm) => vm.writePerSecond,
  'vscope.vm.disk.bandwidth.read': (vm) => vm.readRate,
  'vscope.vm.disk.bandwidth.write': (vm) => vm.writeRate,
  'vscope.vm.disk.latency.read': (vm) => vm.readLatency,
  'vscope.vm.disk.latency.write': (vm) => vm.writeLatency,
} satisfies Partial<Record<MetricName, (vm: VmLiveFields) => Maybe>>;

export function vmMetricValues(vm: VmLiveFields): MetricValues {
  return extractAll(VM_METRIC_EXTRACTORS, vm);
}

export interface FilerLiveFields {
  /** GB */
  spaceUsed: Maybe;
}

export const FILER_METRIC_EXTRACTORS = {
  // The metric is in kB.
  'vscope.filer.datastore.diskspace.used': (filer) =>
    filer.spaceUsed == null ? null : filer.spaceUsed * 1024 * 1024,
} satisfies Partial<Record<MetricName, (filer: FilerLiveFields) => Maybe>>;

export function filerMetricValues(filer: FilerLiveFields): MetricValues {
  return extractAll(FILER_METRIC_EXTRACTORS, filer);
}
