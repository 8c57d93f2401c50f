import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSimulator, type Simulator } from '@/simulator/simulator';
import { InventoryService } from '../inventory/inventory-service';
import { OvhInventory } from '../inventory/ovh-inventory';
import { simulatedOvh } from '../testing/simulated-ovh';
import { OvhClient } from '../upstream/ovh/client';
import { CollectionFetcher } from '../upstream/ovh/fetch-all';
import { CapacityRecorder } from './capacity-recorder';
import { GnocchiClient } from './gnocchi-client';
import type { GnocchiTransport } from './gnocchi-transport';
import { openMeteringBackend, type MeteringBackend } from './metering-backend';
import { capacityResourceId } from './resource-ids';

let sim: Simulator;
let inventory: InventoryService;
let backend: MeteringBackend;
let now = Date.UTC(2026, 10, 23, 14, 0);
const silent = pino({ level: 'silent' });
const interval = 120_000;

async function get(path: string): Promise<unknown> {
  const answer = await backend.writer.transport.request('GET', path);
  expect(answer.status, answer.text).toBe(200);
  return JSON.parse(answer.text) as unknown;
}

beforeAll(async () => {
  sim = createSimulator({ size: { vms: 30 } });
  const origin = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  const client = new OvhClient({ ...simulatedOvh(origin), retries: 0 });
  inventory = new InventoryService(new OvhInventory(client, new CollectionFetcher(client), silent), {
    intervalMs: interval,
    now: () => now,
  });
  backend = await openMeteringBackend({ metering: { kind: 'embedded' }, dataDir: ':memory:' }, silent);
});
afterAll(async () => {
  await inventory.close();
  await backend.close();
  await sim.app.close();
});

const service = () => sim.inventory.services[0]!;
const dc = () => service().datacenters[0]!;
const vmId = (vm: { vmId: number }) =>
  capacityResourceId({ type: 'vm', serviceName: service().serviceName, vmId: vm.vmId });

/** A recorder over the shared inventory, writing to the embedded engine or through a test's transport. */
const recorderWith = (transport?: GnocchiTransport, maxBatchMeasures?: number) =>
  new CapacityRecorder({
    inventory,
    writer: transport ? new GnocchiClient(transport) : backend.writer,
    intervalMs: interval,
    log: silent,
    maxBatchMeasures,
  });

describe('CapacityRecorder', () => {
  it('creates a resource per VM, host, filer and datacenter, and writes their capacity at the fetch time', async () => {
    const recorder = recorderWith();
    const first = await recorder.tick();
    const all = sim.inventory.services.flatMap((s) => s.datacenters);
    const vms = all.reduce((n, d) => n + d.vms.filter((vm) => vm.powerState !== 'deleted').length, 0);
    const hosts = all.reduce((n, d) => n + d.hosts.length, 0);
    expect(first.created).toBeGreaterThan(vms + hosts + all.length);
    expect(first).toMatchObject({ patched: 0, ended: 0 });
    expect(first.measures).toBeGreaterThan(vms * 4);

    const vm = dc().vms.find((v) => v.powerState === 'poweredOn')!;
    const resource = (await get(`/v1/resource/vm/${vmId(vm)}`)) as Record<string, unknown>;
    expect(resource).toMatchObject({
      name: vm.name,
      service: service().serviceName,
      datacenter: dc().name,
      datacenter_id: dc().datacenterId,
      host: vm.host.name,
      cluster: vm.host.clusterName,
      folder: vm.folderName,
      power_state: 'poweredOn',
      ended_at: null,
    });
    const snapshot = await inventory.list({ kind: 'all' }, service().serviceName, dc().datacenterId, 'vms');
    const measures = await get(
      `/v1/resource/vm/${vmId(vm)}/metric/vcpus/measures?refresh=true&granularity=300`,
    );
    const bucket = new Date(Math.floor(snapshot.fetchedAt / 300_000) * 300_000)
      .toISOString()
      .replace('.000Z', '+00:00');
    expect(measures).toEqual([[bucket, 300, vm.cpuNum]]);
    const metric = (await get(`/v1/resource/vm/${vmId(vm)}/metric/vcpus`)) as Record<string, unknown>;
    expect(metric).toMatchObject({ unit: 'vcpu', archive_policy: { name: 'vscope-rollups' } });

    // The same refresh is neither re-synchronised nor written twice.
    expect(await recorder.tick()).toEqual({ created: 0, patched: 0, ended: 0, measures: 0 });
  });

  it("PATCHes only what changed, so a VM's history shows its move to another host and its power-off", async () => {
    const recorder = recorderWith();
    await recorder.tick();
    const vm = dc().vms.find((v) => v.powerState === 'poweredOn')!;
    const from = vm.host;
    const to = dc().hosts.find((h) => h !== from)!;
    vm.host = to;
    now += interval;
    expect(await recorder.tick()).toMatchObject({ created: 0, patched: 1, ended: 0 });
    vm.powerState = 'poweredOff';
    now += interval;
    expect(await recorder.tick()).toMatchObject({ created: 0, patched: 1, ended: 0 });

    const history = (await get(`/v1/resource/vm/${vmId(vm)}/history`)) as Record<string, unknown>[];
    expect(history.map((r) => [r.host, r.power_state])).toEqual([
      [from.name, 'poweredOn'],
      [to.name, 'poweredOn'],
      [to.name, 'poweredOff'],
    ]);
  });

  it('ends a VM that OVH lists as deleted, but not while its list cannot be read', async () => {
    const recorder = recorderWith();
    await recorder.tick();
    // OVH lists a deleted VM for a while with the power state `deleted`: gone all the same.
    const deleted = dc().vms.find((v) => v.powerState === 'poweredOn')!;
    deleted.powerState = 'deleted';
    sim.faults.down.set('ovh', '503');
    now += interval;
    try {
      expect(await recorder.tick()).toMatchObject({ created: 0, ended: 0, measures: 0 });
    } finally {
      sim.faults.down.delete('ovh');
    }
    expect(await get(`/v1/resource/vm/${vmId(deleted)}`)).toMatchObject({ ended_at: null });

    now += interval;
    expect(await recorder.tick()).toMatchObject({ created: 0, patched: 0, ended: 1 });
    const snapshot = await inventory.list({ kind: 'all' }, service().serviceName, dc().datacenterId, 'vms');
    const ended = (await get(`/v1/resource/vm/${vmId(deleted)}`)) as { ended_at: string };
    expect(Date.parse(ended.ended_at)).toBe(snapshot.fetchedAt);
  });

  it('after a restart, reads back what exists instead of writing it again', async () => {
    let writes = 0;
    const counting: GnocchiTransport = {
      label: 'counting',
      request: (method, path, body, type) => {
        if (method !== 'GET' && !path.startsWith('/v1/search/') && !path.startsWith('/v1/batch/'))
          writes += 1;
        return backend.writer.transport.request(method, path, body, type);
      },
    };
    const restarted = recorderWith(counting);
    const pass = await restarted.tick();
    expect(pass).toMatchObject({ created: 0, patched: 0, ended: 0 });
    // The policy's and the types' creations, which answer 409, are all it sends besides searches and measures.
    expect(writes).toBe(1);
  });

  it('keeps the measures while the engine is down and writes them when it is back', async () => {
    let down = true;
    const flaky: GnocchiTransport = {
      label: 'flaky',
      request: (method, path, body, type) =>
        down && path.startsWith('/v1/batch/')
          ? Promise.resolve({ status: 0, text: 'unreachable: connection refused' })
          : backend.writer.transport.request(method, path, body, type),
    };
    const recorder = recorderWith(flaky);
    now += interval;
    expect((await recorder.tick()).measures).toBe(0);
    // A reading a VM, host and filer.
    expect(recorder.backlog).toBeGreaterThan(30);

    now += interval;
    down = false;
    const retried = (await recorder.tick()).measures;
    expect(recorder.backlog).toBe(0);
    now += interval;
    const alone = (await recorder.tick()).measures;
    expect(alone).toBeGreaterThan(100);
    // The pass that found the engine back wrote the backlog and its own.
    expect(retried).toBe(alone * 2);
    const host = dc().hosts[0]!;
    const id = capacityResourceId({ type: 'host', serviceName: service().serviceName, hostId: host.hostId });
    const points = (await get(
      `/v1/resource/host/${id}/metric/memory/measures?refresh=true&granularity=300`,
    )) as unknown[];
    expect(points.length).toBeGreaterThanOrEqual(2);
  });

  it('stops between two writes of a long first pass, rather than at its end', async () => {
    const empty = await openMeteringBackend({ metering: { kind: 'embedded' }, dataDir: ':memory:' }, silent);
    let creations = 0;
    let firstCreation: () => void = () => undefined;
    const created = new Promise<void>((resolve) => (firstCreation = resolve));
    const slow: GnocchiTransport = {
      label: 'slow',
      request: async (method, path, body, type) => {
        if (method === 'POST' && path.startsWith('/v1/resource/')) {
          creations += 1;
          firstCreation();
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return empty.writer.transport.request(method, path, body, type);
      },
    };
    try {
      const recorder = recorderWith(slow);
      recorder.start();
      await created;
      await recorder.stop();
      const atStop = creations;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(creations).toBe(atStop);
      // The simulator's 30 VMs, their hosts, filers and datacenters were not all created.
      expect(atStop).toBeLessThan(30);
    } finally {
      await empty.close();
    }
  });

  it('writes a pass in requests of maxBatchMeasures, and sends no further one once stopped', async () => {
    const batches: number[] = [];
    let stop: () => Promise<void> = () => Promise.resolve();
    const counting: GnocchiTransport = {
      label: 'counting',
      request: (method, path, body, type) => {
        if (path.startsWith('/v1/batch/')) {
          const resources = Object.values(body as Record<string, Record<string, { measures: unknown[] }>>);
          batches.push(
            resources.flatMap((metrics) => Object.values(metrics)).reduce((n, m) => n + m.measures.length, 0),
          );
          if (batches.length === 2) void stop();
        }
        return backend.writer.transport.request(method, path, body, type);
      },
    };
    const recorder = recorderWith(counting, 10);
    stop = () => recorder.stop();
    now += interval;
    recorder.start();
    await vi.waitFor(() => expect(batches.length).toBeGreaterThanOrEqual(2));
    await recorder.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Ten measures a request at most, a resource's whole: the pass has hundreds; the one under way ends it.
    expect(batches).toHaveLength(2);
    expect(batches.every((measures) => measures > 0 && measures <= 10)).toBe(true);
    expect(recorder.backlog).toBeGreaterThan(30);
  });
});
