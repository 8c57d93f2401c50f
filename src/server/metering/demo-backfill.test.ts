import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '@/simulator/simulator';
import { createHistory, type History } from '../history/history';
import { InventoryService } from '../inventory/inventory-service';
import { OvhInventory } from '../inventory/ovh-inventory';
import { simulatedOvh } from '../testing/simulated-ovh';
import { OvhClient } from '../upstream/ovh/client';
import { CollectionFetcher } from '../upstream/ovh/fetch-all';
import { CapacityRecorder } from './capacity-recorder';
import { backfillRanges, DemoBackfill } from './demo-backfill';
import type { GnocchiClient } from './gnocchi-client';
import { openMeteringBackend, type MeteringBackend } from './metering-backend';
import { capacityResourceId } from './resource-ids';

const silent = pino({ level: 'silent' });
const now = Date.UTC(2026, 10, 23, 14, 7);
let sim: Simulator;
let inventory: InventoryService;
let backend: MeteringBackend;
let history: History;

beforeAll(async () => {
  sim = createSimulator({ size: { vms: 6, hosts: 2 }, now: () => now });
  const origin = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  const client = new OvhClient({ ...simulatedOvh(origin), retries: 0 });
  const ovhInventory = new OvhInventory(client, new CollectionFetcher(client), silent);
  inventory = new InventoryService(ovhInventory, { intervalMs: 120_000, now: () => now });
  backend = await openMeteringBackend({ metering: { kind: 'embedded' }, dataDir: ':memory:' }, silent);
  history = createHistory(
    { history: { source: 'metrics-token', pccUser: 'admin' }, dataDir: ':memory:' },
    { client, pccUserId: (serviceName, user) => ovhInventory.pccUserId(serviceName, user) },
    silent,
  );
});
afterAll(async () => {
  await inventory.close();
  await backend.close();
  await sim.app.close();
});

/** A backfill wired as the server wires it: run by the capacity recorder before its first write. */
function backfillBeforeFirstPass(writer: GnocchiClient) {
  const backfill = new DemoBackfill({
    inventory,
    writer,
    historyFor: history.endpointFor,
    log: silent,
    now: () => now,
  });
  let backfilled = 0;
  const recorder = new CapacityRecorder({
    inventory,
    writer,
    intervalMs: 120_000,
    log: silent,
    beforeFirstWrite: async () => (backfilled = await backfill.run()),
  });
  /** The recorder's first pass; how many measures the backfill wrote. */
  const firstPass = async () => {
    await recorder.tick();
    return backfilled;
  };
  return { backfill, firstPass };
}

describe('demo backfill', () => {
  it("reads each age range at the policy's granularity, a year back", () => {
    const ranges = backfillRanges(now);
    expect(ranges.map((r) => r.granularity)).toEqual([300, 1800, 7200, 86_400]);
    expect(ranges[0]!.endMs).toBe(now);
    ranges.slice(1).forEach((range, i) => expect(range.endMs).toBe(ranges[i]!.startMs));
    for (const range of ranges) expect(range.startMs % (range.granularity * 1000)).toBe(0);
    expect(ranges.map((r) => Math.round((now - r.startMs) / 86_400_000))).toEqual([1, 7, 31, 366]);
  });

  it("writes a year of the simulator's history as capacity measures before the first live ones, once", async () => {
    const { backfill, firstPass } = backfillBeforeFirstPass(backend.writer);
    expect(await firstPass()).toBeGreaterThan(1000);

    const service = sim.inventory.services[0]!;
    const vm = service.datacenters[0]!.vms.find((v) => v.powerState === 'poweredOn')!;
    const id = capacityResourceId({ type: 'vm', serviceName: service.serviceName, vmId: vm.vmId });
    const daily = await backend.writer.measures(
      'vm',
      id,
      'vcpus',
      new URLSearchParams({ granularity: '86400', refresh: 'true' }),
    );
    expect(daily.length).toBeGreaterThan(360);
    expect(Date.parse(daily[0]![0])).toBeLessThan(now - 364 * 86_400_000);
    expect(new Set(daily.map(([, , value]) => value))).toEqual(new Set([vm.cpuNum]));
    const cpu = await backend.writer.measures(
      'vm',
      id,
      'cpu.util',
      new URLSearchParams({ granularity: '300', refresh: 'true' }),
    );
    expect(cpu.length).toBeGreaterThan(250);
    for (const [, , value] of cpu) expect(value).toBeGreaterThanOrEqual(0);

    // Already done: a restart does not write it again.
    expect(await backfill.run()).toBe(0);
  }, 120_000);

  it('leaves the event loop free for the dashboard while it reads and writes the year', async () => {
    const fresh = await openMeteringBackend({ metering: { kind: 'embedded' }, dataDir: ':memory:' }, silent);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    try {
      const { firstPass } = backfillBeforeFirstPass(fresh.writer);
      delay.enable();
      const backfilled = await firstPass();
      delay.disable();
      expect(backfilled).toBeGreaterThan(1000);
      // A generous bound for a loaded machine: unsliced, one query held the loop for seconds.
      expect(delay.max / 1e6).toBeLessThan(250);
    } finally {
      delay.disable();
      await fresh.close();
    }
  }, 120_000);
});
