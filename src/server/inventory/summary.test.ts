import { describe, expect, it } from 'vitest';
import { DatacenterSummarySchema, type FilerRow, type HostRow, type VmRow } from '@/shared/api/inventory';
import { cachedSummary, combinedFreshness, summarizeDatacenter } from './summary';

// Only the fields the summary reads; the rest of OVH's objects do not change it.
const host = (over: Partial<HostRow>): HostRow =>
  ({
    hostId: 1,
    name: '172.17.86.51',
    billingType: 'monthly',
    connectionState: 'connected',
    inMaintenance: false,
    cpuUsed: 1000,
    cpuMax: 10_000,
    memoryUsed: 1024,
    ram: { unit: 'GB', value: 4 },
    cpuPercent: 10,
    memoryPercent: 25,
    ...over,
  }) as HostRow;

const vm = (over: Partial<VmRow>): VmRow =>
  ({
    vmId: 100,
    moRef: 'vm-100',
    name: 'web-prod-01',
    powerState: 'poweredOn',
    cpuPercent: 10,
    memoryPercent: 10,
    cpuReadyPercent: 0.5,
    readLatency: 1,
    writeLatency: 2,
    ...over,
  }) as VmRow;

const filer = (over: Partial<FilerRow>): FilerRow =>
  ({
    filerId: 10,
    name: 'pcc-000010',
    spaceUsed: 100,
    spaceFree: 300,
    size: { unit: 'GB', value: 500 },
    usedPercent: 25,
    global: false,
    ...over,
  }) as FilerRow;

describe('summarizeDatacenter', () => {
  it('counts hosts and VMs by state, leaving deleted VMs out', () => {
    const summary = summarizeDatacenter({
      hosts: [
        host({ hostId: 1 }),
        host({ hostId: 2, inMaintenance: true }),
        host({ hostId: 3, connectionState: 'notResponding' }),
      ],
      vms: [
        vm({ vmId: 1 }),
        vm({ vmId: 2, powerState: 'poweredOff' }),
        vm({ vmId: 3, powerState: 'suspended' }),
        vm({ vmId: 4, powerState: 'deleted' }),
      ],
      filers: [],
    });
    expect(summary.hosts).toEqual({ total: 3, connected: 2, inMaintenance: 1 });
    expect(summary.vms).toEqual({ total: 3, poweredOn: 1, poweredOff: 1, suspended: 1 });
  });

  it('adds up capacity without the free spare host, and storage over local and global filers', () => {
    const summary = summarizeDatacenter({
      hosts: [
        host({ hostId: 1, cpuUsed: 3000, cpuMax: 10_000, memoryUsed: 2048, ram: { unit: 'GB', value: 4 } }),
        host({ hostId: 2, cpuUsed: null, cpuMax: 10_000, memoryUsed: 1024, ram: { unit: 'GB', value: 4 } }),
        host({ hostId: 3, billingType: 'freeSpare', cpuUsed: 10, cpuMax: 10_000 }),
      ],
      vms: [],
      filers: [
        filer({ filerId: 1, spaceUsed: 100, spaceFree: 300 }),
        // No free space reported: its commercial size is its capacity.
        filer({ filerId: 2, spaceUsed: 50, spaceFree: null, size: { unit: 'GB', value: 200 }, global: true }),
      ],
    });
    expect(summary.cpu).toEqual({ used: 3000, total: 20_000, percent: 15 });
    expect(summary.memory).toEqual({ used: 3072, total: 8192, percent: 37.5 });
    expect(summary.storage).toEqual({ used: 150, total: 600, percent: 25 });
  });

  it('has no percentage for an empty datacenter', () => {
    const summary = summarizeDatacenter({ hosts: [], vms: [], filers: [] });
    expect(summary.cpu).toEqual({ used: 0, total: 0, percent: null });
    expect(summary.alerts).toEqual([]);
    expect(DatacenterSummarySchema.parse(summary)).toEqual(summary);
  });

  it('lists every breach, critical first, then by value', () => {
    const summary = summarizeDatacenter({
      hosts: [host({ hostId: 7, name: '172.17.86.57', cpuPercent: 93.5, memoryPercent: 82 })],
      vms: [
        vm({ vmId: 1, name: 'db-1', cpuReadyPercent: 6.2, memoryPercent: 99 }),
        vm({ vmId: 2, name: null, moRef: 'vm-2', readLatency: 12, writeLatency: 31 }),
        vm({ vmId: 3, name: 'app-3', powerState: 'deleted', cpuPercent: 100 }),
        vm({ vmId: 4, name: 'quiet', cpuPercent: null, memoryPercent: null, cpuReadyPercent: null }),
      ],
      filers: [filer({ filerId: 5, name: 'pcc-000005', usedPercent: 95.6 })],
    });
    expect(summary.alerts).toEqual([
      { kind: 'vms', id: 1, name: 'db-1', metric: 'memoryPercent', value: 99, level: 'critical' },
      {
        kind: 'filers',
        id: 5,
        name: 'pcc-000005',
        metric: 'filerUsedPercent',
        value: 95.6,
        level: 'critical',
      },
      { kind: 'hosts', id: 7, name: '172.17.86.57', metric: 'cpuPercent', value: 93.5, level: 'critical' },
      { kind: 'vms', id: 1, name: 'db-1', metric: 'cpuReadyPercent', value: 6.2, level: 'critical' },
      { kind: 'hosts', id: 7, name: '172.17.86.57', metric: 'memoryPercent', value: 82, level: 'warning' },
      // The worse of read and write latency, under the VM's moRef when it has no name.
      { kind: 'vms', id: 2, name: 'vm-2', metric: 'latencyMs', value: 31, level: 'warning' },
    ]);
    expect(DatacenterSummarySchema.parse(summary)).toEqual(summary);
  });
});

describe('combinedFreshness', () => {
  it('is as old as the oldest list and stale when any list is, with the latest error', () => {
    expect(
      combinedFreshness([
        { value: 1, fetchedAt: 3000, stale: false },
        {
          value: 2,
          fetchedAt: 1000,
          stale: true,
          error: { message: 'first', at: 5000 },
        },
        { value: 3, fetchedAt: 2000, stale: true, error: { message: 'latest', at: 6000 } },
      ]),
    ).toEqual({ fetchedAt: 1000, stale: true, error: { message: 'latest', at: 6000 } });
    expect(
      combinedFreshness([
        { value: 1, fetchedAt: 3000, stale: false },
        { value: 2, fetchedAt: 2000, stale: false },
      ]),
    ).toEqual({ fetchedAt: 2000, stale: false });
  });

  it('says since when the earliest refresh still under way has been running', () => {
    expect(
      combinedFreshness([
        { value: 1, fetchedAt: 1000, stale: true, refreshingSince: 9000 },
        { value: 2, fetchedAt: 1000, stale: true, refreshingSince: 8000 },
        { value: 3, fetchedAt: 8500, stale: false },
      ]),
    ).toEqual({ fetchedAt: 1000, stale: true, refreshingSince: 8000 });
  });
});

describe('cachedSummary', () => {
  it('answers the same summary for the same lists, and a new one as soon as any list is refreshed', () => {
    const lists = { hosts: [host({})], vms: [vm({ vmId: 1 })], filers: [filer({})] };
    const first = cachedSummary(lists);
    expect(cachedSummary({ ...lists })).toBe(first);

    const refreshed = [vm({ vmId: 1, powerState: 'poweredOff' })];
    expect(cachedSummary({ ...lists, vms: refreshed }).vms.poweredOff).toBe(1);
    const hostsRefreshed = cachedSummary({ ...lists, hosts: [host({ inMaintenance: true })] });
    expect(hostsRefreshed).not.toBe(first);
    expect(hostsRefreshed.hosts.inMaintenance).toBe(1);
    const filersRefreshed = cachedSummary({ ...lists, filers: [filer({ spaceUsed: 200 })] });
    expect(filersRefreshed.storage.used).toBe(200);
  });
});
