import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
