// The live fields of the OVH API's objects that the metrics read, and the formulas that need more than one of
// them. The catalog's rows use these formulas for their points, and the inventory uses them for the tables'
// percentages, so a table's figure and the last point of its graph are the same number.

export type Maybe = number | null | undefined;

export interface FilerLiveFields {
  /** GB */
  spaceUsed: Maybe;
}

export interface HostLiveFields {
  cpuUsed: Maybe;
  cpuMax: Maybe;
  /** MB */
  memoryUsed: Maybe;
  /** `ram.value` in GB */
  ram: { value: number };
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

/** What each kind of entity's live object carries for its metrics. */
export interface LiveFields {
  filer: FilerLiveFields;
  host: HostLiveFields;
  vm: VmLiveFields;
}

/**
 * The traffic of one physical NIC of a host: rx and tx in KB/s, packets in packets/s. OVH's Host object has
 * no per-NIC figures; they exist only as the host's per-NIC network series.
 */
export type NicField = 'rx' | 'tx' | 'packetsRx' | 'packetsTx';

function percent(used: Maybe, max: Maybe): number | undefined {
  if (used == null || max == null || max <= 0) return undefined;
  return (used / max) * 100;
}

export function hostCpuPercent(host: Pick<HostLiveFields, 'cpuUsed' | 'cpuMax'>): number | undefined {
  return percent(host.cpuUsed, host.cpuMax);
}

export function hostMemoryPercent(host: Pick<HostLiveFields, 'memoryUsed' | 'ram'>): number | undefined {
  return percent(host.memoryUsed, host.ram.value * 1024);
}

export function vmCpuPercent(vm: Pick<VmLiveFields, 'cpuUsed' | 'cpuMax'>): number | undefined {
  return percent(vm.cpuUsed, vm.cpuMax);
}

export function vmMemoryPercent(vm: Pick<VmLiveFields, 'memoryUsed' | 'memoryMax'>): number | undefined {
  return percent(vm.memoryUsed, vm.memoryMax);
}

/** The datastore metric is in kB; OVH reports the space in GB. */
export function filerUsedKb(filer: FilerLiveFields): number | null {
  return filer.spaceUsed == null ? null : filer.spaceUsed * 1024 * 1024;
}
