import type { DatacenterSummary, DatacenterSummaryResponse } from '@/shared/api/inventory';

/** The server's answer for a datacenter's summary, not stale: a calm datacenter unless `summary` says otherwise. */
export function summaryAnswer(summary: Partial<DatacenterSummary> = {}): DatacenterSummaryResponse {
  return {
    fetchedAt: Date.now(),
    stale: false,
    pollIntervalMs: 120_000,
    summary: {
      hosts: { total: 1, connected: 1, inMaintenance: 0 },
      vms: { total: 1, poweredOn: 1, poweredOff: 0, suspended: 0 },
      cpu: { used: 10_000, total: 20_000, percent: 50 },
      memory: { used: 104_858, total: 262_144, percent: 40 },
      storage: { used: 672, total: 1600, percent: 42 },
      alerts: [],
      ...summary,
    },
  };
}
