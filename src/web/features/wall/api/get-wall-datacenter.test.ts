import { describe, expect, it } from 'vitest';
import type { FilerRow, HostRow, VmRow } from '@/shared/api/inventory';
import { digestDatacenter, TOP_VMS } from './get-wall-datacenter';

const t0 = Date.UTC(2026, 10, 23, 12);
const fresh = { fetchedAt: t0, stale: false, pollIntervalMs: 120_000 };

const vm = (vmId: number, fields: Partial<VmRow>) =>
  ({
    vmId,
    moRef: `vm-${vmId}`,
    name: `vm${vmId}`,
    hostName: '10.0.0.1',
    powerState: 'poweredOn',
    cpuPercent: null,
    cpuReadyPercent: null,
    readLatency: null,
    writeLatency: null,
    ...fields,
  }) as VmRow;

describe('digestDatacenter', () => {
  const summary = { ...fresh, summary: { alerts: [] } as never };
  const hosts = { ...fresh, items: [] as HostRow[] };
  const filers = { ...fresh, items: [] as FilerRow[] };

  it('keeps the top powered-on VMs by CPU, CPU ready and worst disk latency', () => {
    const vms = [
      vm(1, { cpuPercent: 10, cpuReadyPercent: 6, readLatency: 3, writeLatency: 70 }),
      vm(2, { cpuPercent: 90, cpuReadyPercent: 1, readLatency: 5, writeLatency: null }),
      vm(3, { cpuPercent: 99, powerState: 'poweredOff' }),
      ...Array.from({ length: 20 }, (_, i) => vm(10 + i, { cpuPercent: 1 })),
    ];
    const { topVms } = digestDatacenter(summary, hosts, filers, { ...fresh, items: vms });
    expect(topVms.cpu.map((v) => v.vmId).slice(0, 2)).toEqual([2, 1]);
    expect(topVms.cpu).toHaveLength(TOP_VMS);
    expect(topVms.ready.map((v) => [v.vmId, v.value])).toEqual([
      [1, 6],
      [2, 1],
    ]);
    expect(topVms.latency.map((v) => [v.vmId, v.value])).toEqual([
      [1, 70],
      [2, 5],
    ]);
  });

  it('is as fresh as the oldest answer and stale if any is', () => {
    const error = { message: 'OVH API unreachable', at: t0 + 5 };
    const view = digestDatacenter(summary, { ...hosts, fetchedAt: t0 - 60_000, stale: true, error }, filers, {
      ...fresh,
      items: [],
    });
    expect(view).toMatchObject({ fetchedAt: t0 - 60_000, stale: true, error, pollIntervalMs: 120_000 });
  });

  it('says since when the earliest refresh still under way has been running', () => {
    const refreshing = { ...fresh, fetchedAt: t0 - 120_000, stale: true };
    const view = digestDatacenter(
      { ...summary, ...refreshing, refreshingSince: t0 + 2 },
      { ...hosts, ...refreshing, refreshingSince: t0 + 1 },
      filers,
      { ...fresh, items: [] },
    );
    expect(view).toMatchObject({ stale: true, refreshingSince: t0 + 1 });
  });
});
