import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vmExample } from '@/shared/ovh/ovh-api-examples';
import { VmSchema } from '@/shared/ovh/models';
import { createSimulator, type Simulator } from '@/simulator/simulator';
import { simulatedOvh } from '@/server/testing/simulated-ovh';
import { OvhClient } from './client';
import { OvhApiError } from './errors';
import { BATCH_CONCURRENCY, BATCH_SIZE, CollectionFetcher } from './fetch-all';

let sim: Simulator;
let origin: string;
const vmRoute = 'GET /ovh/1.0/dedicatedCloud/:serviceName/datacenter/:datacenterId/vm/:vmId';

beforeAll(async () => {
  sim = createSimulator({ size: { vms: 200 } });
  origin = await sim.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => sim.app.close());

const fetcher = () => new CollectionFetcher(new OvhClient(simulatedOvh(origin)));

async function vmRequests(): Promise<number> {
  const state = (await (await fetch(`${origin}/_admin/state`)).json()) as {
    counters: Record<string, number>;
  };
  return state.counters[vmRoute] ?? 0;
}

describe('CollectionFetcher', () => {
  const dc = () => sim.inventory.services[0]!.datacenters[0]!;
  const listPath = () => `/dedicatedCloud/pcc-37-187-228-180/datacenter/${dc().datacenterId}/vm`;

  it('reads a collection in batches of 40 ids', async () => {
    await fetch(`${origin}/_admin/counters/reset`, { method: 'POST' });
    const result = await fetcher().fetchAll(listPath(), VmSchema);
    expect(result.mode).toBe('batch');
    expect(result.problems).toEqual([]);
    expect(result.items.map((vm) => vm.vmId)).toEqual(dc().vms.map((vm) => vm.vmId));
    expect(await vmRequests()).toBe(Math.ceil(dc().vms.length / 40));
  });

  it('falls back to per-id requests when batch mode is refused, and remembers it', async () => {
    await fetch(`${origin}/_admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ batch: false }),
    });
    try {
      const f = fetcher();
      await fetch(`${origin}/_admin/counters/reset`, { method: 'POST' });
      const result = await f.fetchAll(listPath(), VmSchema);
      expect(result.mode).toBe('per-id');
      expect(result.items.map((vm) => vm.vmId)).toEqual(dc().vms.map((vm) => vm.vmId));
      expect(await vmRequests()).toBe(dc().vms.length + 1);
      expect(f.batchAvailable).toBe(false);

      await fetch(`${origin}/_admin/counters/reset`, { method: 'POST' });
      await f.fetchAll(listPath(), VmSchema);
      expect(await vmRequests()).toBe(dc().vms.length);
    } finally {
      await fetch(`${origin}/_admin/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ batch: true }),
      });
    }
  });

  it('asks for no more chunks once one has failed', async () => {
    const ids = Array.from({ length: 20 * BATCH_SIZE }, (_, i) => i + 1);
    const chunks: string[] = [];
    const client = {
      get: async (path: string) => {
        if (path === '/list') return ids;
        chunks.push(path);
        if (chunks.length === 2) throw new OvhApiError(503, path, 'unavailable', undefined, undefined);
        await new Promise((resolve) => setTimeout(resolve, 10));
        return [];
      },
    } as unknown as OvhClient;
    await expect(new CollectionFetcher(client).fetchAll('/list', VmSchema)).rejects.toThrow('unavailable');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The first chunk goes alone, then the workers hold at most one each.
    expect(chunks.length).toBeLessThanOrEqual(1 + BATCH_CONCURRENCY);
  });

  it('keeps the good objects of a chunk and names each bad one by id, whichever chunk it came in', async () => {
    const vm = (vmId: number, changes: Record<string, unknown> = {}) => ({ ...vmExample, vmId, ...changes });
    const ids = Array.from({ length: 2 * BATCH_SIZE }, (_, i) => i + 1);
    const bad = new Map<number, unknown>([
      [3, { key: 3, value: vm(3, { cpuUsed: 'lots' }) }],
      [BATCH_SIZE + 5, { key: BATCH_SIZE + 5, error: 'The requested object (vmId = 45) does not exist' }],
      [
        BATCH_SIZE + 6,
        { key: BATCH_SIZE + 6, value: vm(BATCH_SIZE + 6, { license: 'windows 2025 Standard' }) },
      ],
    ]);
    const client = {
      get: (path: string) =>
        Promise.resolve(
          path === '/list'
            ? ids
            : path
                .slice('/list/'.length)
                .split(',')
                .map((id) => bad.get(Number(id)) ?? { key: Number(id), value: vm(Number(id)) }),
        ),
    } as unknown as OvhClient;
    const result = await new CollectionFetcher(client).fetchAll('/list', VmSchema);
    expect(result.items.map((item) => item.vmId)).toEqual(
      ids.filter((id) => id !== 3 && id !== BATCH_SIZE + 5),
    );
    expect(result.problems).toEqual([
      { id: '3', message: expect.stringMatching(/→ at cpuUsed$/m) as string },
      { id: String(BATCH_SIZE + 5), message: 'The requested object (vmId = 45) does not exist' },
    ]);
    expect(result.warnings).toEqual([
      {
        id: String(BATCH_SIZE + 6),
        message: 'license: value "windows 2025 Standard" is newer than our schema',
      },
    ]);
  });
});
