import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPACITY_RESOURCE_TYPE_NAMES } from '@/shared/capacity/catalog';
import { createSimulator, type Simulator } from '@/simulator/simulator';
import { InventoryService } from '../inventory/inventory-service';
import { OvhInventory } from '../inventory/ovh-inventory';
import { simulatedOvh } from '../testing/simulated-ovh';
import { OvhClient } from '../upstream/ovh/client';
import { CollectionFetcher } from '../upstream/ovh/fetch-all';
import { CapacityRecorder } from './capacity-recorder';
import { GnocchiClient } from './gnocchi-client';
import { httpTransport } from './gnocchi-transport';
import { capacityResourceId } from './resource-ids';

// The sync and the recorder against a real Gnocchi 4.4.2 (METERING_URL's path): the same resource types,
// creations, PATCHes, ends, searches and batch writes must be accepted there, and read back the same way.

const REFERENCE_URL = process.env.GNOCCHI_REFERENCE_URL;
if (!REFERENCE_URL) {
  console.warn(
    'capacity sync against Gnocchi 4.4.2 skipped: start it with `../shared/tools/gnocchi-reference start` ' +
      'and run with GNOCCHI_REFERENCE_URL=<the URL it prints last> (.ci/run does both)',
  );
}

const silent = pino({ level: 'silent' });
const interval = 120_000;
let now = Date.UTC(2026, 10, 23, 14, 0);
let sim: Simulator;
let inventory: InventoryService;
let writer: GnocchiClient;

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const answer = await writer.transport.request(method, path, body);
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBeLessThan(300);
  return answer.text === '' ? undefined : (JSON.parse(answer.text) as unknown);
}

/** What an earlier run left of this simulated infrastructure: its ids are fixed, so it starts over. */
async function forgetEarlierRuns(): Promise<void> {
  const services = sim.inventory.services.map((s) => s.serviceName);
  for (const type of CAPACITY_RESOURCE_TYPE_NAMES) {
    const types = (await call('GET', '/v1/resource_type')) as { name: string }[];
    if (!types.some((t) => t.name === type)) continue;
    for (const found of await writer.searchResources(type, { in: { service: services } })) {
      // Without Accept: Gnocchi answers a DELETE with no body, and refuses (406) to promise JSON for it.
      const gone = await fetch(`${REFERENCE_URL}/v1/resource/${type}/${found.id}`, {
        method: 'DELETE',
        headers: { authorization: `Basic ${Buffer.from('admin:').toString('base64')}` },
      });
      expect(gone.status).toBe(204);
    }
  }
}

describe.skipIf(!REFERENCE_URL)('capacity sync against a real Gnocchi', () => {
  beforeAll(async () => {
    writer = new GnocchiClient(
      httpTransport({ url: REFERENCE_URL!, auth: { kind: 'basic', user: 'admin', password: '' } }),
    );
    sim = createSimulator({ size: { vms: 20 } });
    const origin = await sim.app.listen({ port: 0, host: '127.0.0.1' });
    const client = new OvhClient({ ...simulatedOvh(origin), retries: 0 });
    inventory = new InventoryService(new OvhInventory(client, new CollectionFetcher(client), silent), {
      intervalMs: interval,
      now: () => now,
    });
    await forgetEarlierRuns();
  }, 120_000);
  afterAll(async () => {
    await inventory?.close();
    await sim?.app.close();
  });

  it('creates, revises, ends and meters as on the embedded engine', { timeout: 180_000 }, async () => {
    const service = sim.inventory.services[0]!;
    const dc = service.datacenters[0]!;
    const provisioned = dc.vms
      .filter((vm) => vm.powerState !== 'deleted')
      .reduce((n, vm) => n + vm.cpuNum, 0);
    const recorder = new CapacityRecorder({ inventory, writer, intervalMs: interval, log: silent });
    const first = await recorder.tick();
    expect(first).toMatchObject({ patched: 0, ended: 0 });
    expect(first.created).toBeGreaterThan(dc.vms.length);
    expect(first.measures).toBeGreaterThan(dc.vms.length * 4);

    const [moved, deleted] = dc.vms.filter((vm) => vm.powerState === 'poweredOn');
    const id = (vm: { vmId: number }) =>
      capacityResourceId({ type: 'vm', serviceName: service.serviceName, vmId: vm.vmId });
    const from = moved!.host;
    const to = dc.hosts.find((h) => h !== from)!;
    moved!.host = to;
    now += interval;
    expect(await recorder.tick()).toMatchObject({ created: 0, patched: 1, ended: 0 });
    moved!.powerState = 'poweredOff';
    deleted!.powerState = 'deleted';
    now += interval;
    expect(await recorder.tick()).toMatchObject({ created: 0, patched: 1, ended: 1 });

    const history = (await call('GET', `/v1/resource/vm/${id(moved!)}/history`)) as Record<string, unknown>[];
    expect(history.map((r) => [r.host, r.power_state])).toEqual([
      [from.name, 'poweredOn'],
      [to.name, 'poweredOn'],
      [to.name, 'poweredOff'],
    ]);
    const ended = (await call('GET', `/v1/resource/vm/${id(deleted!)}`)) as { ended_at: string };
    expect(Date.parse(ended.ended_at)).toBe(now);

    // A restarted server reads back what is there and writes no resource again.
    expect(
      await new CapacityRecorder({ inventory, writer, intervalMs: interval, log: silent }).tick(),
    ).toMatchObject({
      created: 0,
      patched: 0,
      ended: 0,
    });

    // The Capacity page's question, asked of Gnocchi: the datacenter's provisioned vCPUs over the three polls
    // (one 5-minute bucket). Gnocchi processes measures in the background: reading each metric with
    // refresh=true processes its backlog first.
    const search = {
      and: [{ '=': { service: service.serviceName } }, { '=': { datacenter_id: dc.datacenterId } }],
    };
    for (const vm of await writer.searchResources('vm', search)) {
      await call('GET', `/v1/metric/${vm.metrics!.vcpus}/measures?refresh=true`);
    }
    const answer = (await writer.aggregates(
      { operations: '(aggregate sum (metric vcpus mean))', resource_type: 'vm', search },
      new URLSearchParams({ granularity: '300' }),
    )) as { measures: { aggregated: [string, number, number][] } };
    expect(answer.measures.aggregated).toEqual([['2026-11-23T14:00:00+00:00', 300, provisioned]]);
  });
});
