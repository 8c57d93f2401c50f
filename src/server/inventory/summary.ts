import {
  filerCapacityGb,
  type Alert,
  type DatacenterSummary,
  type FilerRow,
  type HostRow,
  type VmRow,
} from '@/shared/api/inventory';
import { alertLevel, compareLevels, type ThresholdMetric } from '@/shared/thresholds/thresholds';
import type { Snapshot } from './refreshing-cache';

// A datacenter at a glance, computed from the same cached lists the Filers, Hosts and VMs pages read, so the
// summary can never disagree with the tables and costs the OVH API nothing more.

const round2 = (value: number) => Math.round(value * 100) / 100;

function usage(used: number, total: number) {
  return {
    used: round2(used),
    total: round2(total),
    percent: total > 0 ? round2((used / total) * 100) : null,
  };
}

const sum = <T>(rows: readonly T[], value: (row: T) => number | null | undefined) =>
  rows.reduce((total, row) => total + (value(row) ?? 0), 0);

function maxOf(...values: (number | null | undefined)[]): number | null {
  const known = values.filter((v): v is number => v != null && Number.isFinite(v));
  return known.length > 0 ? Math.max(...known) : null;
}

interface Candidate {
  kind: Alert['kind'];
  id: number;
  name: string;
  metric: ThresholdMetric;
  value: number | null | undefined;
}

function alertsOf(candidates: Candidate[]): Alert[] {
  const alerts: Alert[] = [];
  for (const c of candidates) {
    const level = alertLevel(c.metric, c.value);
    if (level === 'ok' || c.value == null) continue;
    alerts.push({ kind: c.kind, id: c.id, name: c.name, metric: c.metric, value: c.value, level });
  }
  // Worst first, then the biggest value; kind and id only make the order repeatable between polls.
  return alerts.sort(
    (a, b) =>
      compareLevels(b.level, a.level) ||
      b.value - a.value ||
      a.kind.localeCompare(b.kind) ||
      a.metric.localeCompare(b.metric) ||
      a.id - b.id,
  );
}

export interface SummaryInput {
  hosts: readonly HostRow[];
  vms: readonly VmRow[];
  /** The datacenter's filers and the service's global ones. */
  filers: readonly FilerRow[];
}

export function summarizeDatacenter({ hosts, vms, filers }: SummaryInput): DatacenterSummary {
  // A deleted VM is a leftover the API still lists, not a machine of the datacenter.
  const liveVms = vms.filter((vm) => vm.powerState !== 'deleted');
  // OVH's free spare host stands by to replace a failed one: its capacity is not the datacenter's to use.
  const capacityHosts = hosts.filter((host) => host.billingType !== 'freeSpare');

  const candidates: Candidate[] = [
    ...hosts.flatMap((host): Candidate[] => [
      { kind: 'hosts', id: host.hostId, name: host.name, metric: 'cpuPercent', value: host.cpuPercent },
      { kind: 'hosts', id: host.hostId, name: host.name, metric: 'memoryPercent', value: host.memoryPercent },
    ]),
    ...liveVms.flatMap((vm): Candidate[] => {
      const name = vm.name ?? vm.moRef;
      return [
        { kind: 'vms', id: vm.vmId, name, metric: 'cpuPercent', value: vm.cpuPercent },
        { kind: 'vms', id: vm.vmId, name, metric: 'memoryPercent', value: vm.memoryPercent },
        { kind: 'vms', id: vm.vmId, name, metric: 'cpuReadyPercent', value: vm.cpuReadyPercent },
        {
          kind: 'vms',
          id: vm.vmId,
          name,
          metric: 'latencyMs',
          value: maxOf(vm.readLatency, vm.writeLatency),
        },
      ];
    }),
    ...filers.map((filer): Candidate => ({
      kind: 'filers',
      id: filer.filerId,
      name: filer.name,
      metric: 'filerUsedPercent',
      value: filer.usedPercent,
    })),
  ];

  return {
    hosts: {
      total: hosts.length,
      connected: hosts.filter((h) => h.connectionState === 'connected').length,
      inMaintenance: hosts.filter((h) => h.inMaintenance === true).length,
    },
    vms: {
      total: liveVms.length,
      poweredOn: liveVms.filter((vm) => vm.powerState === 'poweredOn').length,
      poweredOff: liveVms.filter((vm) => vm.powerState === 'poweredOff').length,
      suspended: liveVms.filter((vm) => vm.powerState === 'suspended').length,
    },
    cpu: usage(
      sum(capacityHosts, (h) => h.cpuUsed),
      sum(capacityHosts, (h) => h.cpuMax),
    ),
    memory: usage(
      sum(capacityHosts, (h) => h.memoryUsed),
      sum(capacityHosts, (h) => h.ram.value * 1024),
    ),
    storage: usage(
      sum(filers, (f) => f.spaceUsed),
      sum(filers, filerCapacityGb),
    ),
    alerts: alertsOf(candidates),
  };
}

const summaries = new WeakMap<readonly VmRow[], SummaryInput & { summary: DatacenterSummary }>();

/**
 * The summary of these lists, computed once per refresh rather than once per request: every wall screen asks
 * for it each poll, and for 10 000 VMs it weighs 40 000 alert candidates. The cached lists keep their arrays
 * until a refresh replaces them, so the arrays themselves are the key.
 */
export function cachedSummary(input: SummaryInput): DatacenterSummary {
  const hit = summaries.get(input.vms);
  if (hit?.hosts === input.hosts && hit.filers === input.filers) return hit.summary;
  const summary = summarizeDatacenter(input);
  summaries.set(input.vms, { ...input, summary });
  return summary;
}

/**
 * The freshness of data built from several lists: as old as the oldest, stale if any of them is, with the
 * latest error and the earliest refresh still under way.
 */
export function combinedFreshness(snapshots: readonly Snapshot<unknown>[]): Omit<Snapshot<unknown>, 'value'> {
  const fetchedAt = Math.min(...snapshots.map((s) => s.fetchedAt));
  const errors = snapshots.flatMap((s) => (s.error ? [s.error] : []));
  const latest = errors.sort((a, b) => b.at - a.at)[0];
  const refreshing = snapshots.flatMap((s) => (s.refreshingSince === undefined ? [] : [s.refreshingSince]));
  return {
    fetchedAt,
    stale: snapshots.some((s) => s.stale),
    ...(latest ? { error: latest } : {}),
    ...(refreshing.length > 0 ? { refreshingSince: Math.min(...refreshing) } : {}),
  };
}
