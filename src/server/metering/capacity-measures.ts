import { filerCapacityGb, type FilerRow, type HostRow, type KeptVm } from '@/shared/api/inventory';
import { CAPACITY_METRICS } from '@/shared/capacity/catalog';
import type { EntityKind } from '@/shared/metrics/entities';
import { CATALOG, type MetricValues } from '@/shared/metrics/catalog';

// The value of each capacity metric of an inventory entity. Provisioned figures come straight from the row
// (what a VM is given, what a host or filer offers). Usage figures are the vScope metrics the tsdb recorder
// writes, from the same live fields through the same catalog, converted to Gnocchi's units: so a VM's
// `cpu.util` here and its CPU graph are one number, and the demo's backfill converts the simulator's vScope
// history with the very same table.

export interface CapacityRows {
  vm: KeptVm;
  host: HostRow;
  filer: FilerRow;
}

/** A usage metric: the vScope metric it is read from, and the factor to Gnocchi's unit (the row may say it). */
export interface UsageSource<K extends EntityKind> {
  readonly vscope: string;
  readonly scale?: (row: CapacityRows[K]) => number | null;
}

const GB_PER_KB = 1 / (1024 * 1024);

/** Percent of memoryMax (MB) → MB. */
const percentOf = (mb: number | null) => (mb === null ? null : mb / 100);

// prettier-ignore
// The catalog's metric names are plain strings, so completeness is the test's to check (capacity-measures.test.ts).
export const USAGE_SOURCES: { [K in EntityKind]: Record<string, UsageSource<K>> } = {
  vm: {
    'cpu.util': { vscope: 'vscope.vm.cpu.usage.perc' },
    'memory.usage': { vscope: 'vscope.vm.mem.usage.perc', scale: (vm) => percentOf(vm.memoryMax) },
    'disk.read.bytes.rate': { vscope: 'vscope.vm.disk.bandwidth.read' },
    'disk.write.bytes.rate': { vscope: 'vscope.vm.disk.bandwidth.write' },
    'disk.read.requests.rate': { vscope: 'vscope.vm.disk.io.read' },
    'disk.write.requests.rate': { vscope: 'vscope.vm.disk.io.write' },
    'network.incoming.bytes.rate': { vscope: 'vscope.vm.net.rx' },
    'network.outgoing.bytes.rate': { vscope: 'vscope.vm.net.tx' },
  },
  host: {
    'cpu.util': { vscope: 'vscope.host.cpu.usage.perc' },
    'memory.usage': { vscope: 'vscope.host.mem.usage.perc', scale: (host) => percentOf(host.ram.value * 1024) },
  },
  filer: {
    'disk.used': { vscope: 'vscope.filer.datastore.diskspace.used', scale: () => GB_PER_KB },
  },
};

// prettier-ignore
export const PROVISIONED_SOURCES: { [K in EntityKind]: Record<string, (row: CapacityRows[K]) => number | null> } = {
  vm: { vcpus: (vm) => vm.cpuNum, memory: (vm) => vm.memoryMax },
  // OVH's Host reports its cores (cpuNum) and RAM in GB.
  host: { vcpus: (host) => host.cpuNum, memory: (host) => host.ram.value * 1024 },
  filer: {
    // What the datastore reports it can hold (used + free), as the filers table shows it.
    'disk.size': (filer) => filerCapacityGb(filer),
    'disk.provisioned': (filer) => filer.spaceProvisionned,
  },
};

const usable = (value: number | null | undefined): value is number => value != null && Number.isFinite(value);

/** Gnocchi metric name → value, for the usage metrics whose vScope value is known (live or from history). */
export function usageFromVscope<K extends EntityKind>(
  kind: K,
  row: CapacityRows[K],
  vscope: MetricValues,
): MetricValues {
  const values: MetricValues = {};
  for (const [name, source] of Object.entries<UsageSource<K>>(USAGE_SOURCES[kind])) {
    const raw = vscope[source.vscope];
    const scale = source.scale ? source.scale(row) : 1;
    if (usable(raw) && usable(scale)) values[name] = raw * scale;
  }
  return values;
}

export function provisionedValues<K extends EntityKind>(kind: K, row: CapacityRows[K]): MetricValues {
  const values: MetricValues = {};
  for (const [name, read] of Object.entries(PROVISIONED_SOURCES[kind]) as [
    string,
    (row: CapacityRows[K]) => number | null,
  ][]) {
    const value = read(row);
    if (usable(value)) values[name] = value;
  }
  return values;
}

/** Every capacity metric the row's live values give; one whose fields are missing is left out, not zero. */
export function capacityValues<K extends EntityKind>(kind: K, row: CapacityRows[K]): MetricValues {
  return { ...provisionedValues(kind, row), ...usageFromVscope(kind, row, CATALOG.valuesOf(kind, row)) };
}

/** The unit of each capacity metric, for the metrics the batch creates. */
export function capacityUnit(kind: EntityKind, name: string): string | undefined {
  return (CAPACITY_METRICS[kind] as readonly { name: string; unit: string }[]).find((m) => m.name === name)
    ?.unit;
}
