import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CATALOG, datacenterTag, type Catalog } from '@/shared/metrics/catalog';
import { entityOfRoute } from '@/shared/metrics/entities';
import { createSimulator, type Simulator } from '@/simulator/simulator';
import { MemoryStore } from '@/tsdb';
import { cachedLists, readServices } from '../inventory/cached-lists';
import { InventoryService } from '../inventory/inventory-service';
import { OvhInventory } from '../inventory/ovh-inventory';
import { OvhClient } from '../upstream/ovh/client';
import { CollectionFetcher } from '../upstream/ovh/fetch-all';
import { simulatedOvh } from '../testing/simulated-ovh';
import { EmbeddedOpenTsdbEndpoint } from '../upstream/opentsdb/embedded-endpoint';
import type { OpenTsdbEndpoint } from '../upstream/opentsdb/endpoint';
import { Recorder } from './recorder';

let sim: Simulator;
let inventory: InventoryService;
let now = Date.UTC(2026, 10, 23, 14, 0);
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  sim = createSimulator({ size: { vms: 30 } });
  const origin = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  const client = new OvhClient({ ...simulatedOvh(origin), retries: 0 });
  inventory = new InventoryService(new OvhInventory(client, new CollectionFetcher(client), silent), {
    intervalMs: 120_000,
    now: () => now,
  });
});
afterAll(() => sim.app.close());

/** A recorder whose catalog holds the thread 2 ms for each row it reads, as 20 000 VMs would hold it in all. */
const slowRecorder = (target: OpenTsdbEndpoint, onRow: () => void) => {
  const catalog: Catalog = {
    ...CATALOG,
    valuesOf: (kind, row) => {
      onRow();
      const end = performance.now() + 2;
      while (performance.now() < end);
      return CATALOG.valuesOf(kind, row);
    },
  };
  return new Recorder({ inventory, target, intervalMs: 120_000, log: silent, catalog });
};

/** The most points one inventory row yields (a host's grow with its NICs, a VM has 13). */
const mostPointsOfARow = async () => {
  let most = 0;
  for await (const { route, snapshot } of cachedLists(inventory, (await readServices(inventory)).value)) {
    for (const row of snapshot.value) {
      most = Math.max(most, Object.keys(CATALOG.valuesOf(entityOfRoute(route), row)).length);
    }
  }
  return most;
};

/** A target that only counts the puts it is given. */
const countingTarget = () => {
  const puts: number[] = [];
  const target: OpenTsdbEndpoint = {
    label: 'counting',
    query: () => Promise.resolve([]),
    put: (points) => {
      puts.push(points.length);
      return Promise.resolve();
    },
  };
  return { puts, target };
};

describe('Recorder', () => {
  it('writes the live values as vscope.* points that Graphs can read back', async () => {
    const store = new MemoryStore();
    const target = new EmbeddedOpenTsdbEndpoint(store, () => now);
    const recorder = new Recorder({ inventory, target, intervalMs: 120_000, log: silent });
    const written = await recorder.tick();
    expect(written).toBeGreaterThan(100);

    const service = sim.inventory.services[0]!;
    const dc = service.datacenters[0]!;
    const snapshot = await inventory.list({ kind: 'all' }, service.serviceName, dc.datacenterId, 'vms');
    const vm = snapshot.value.find((v) => v.powerState === 'poweredOn')!;
    const [result] = await target.query({
      start: now - 3_600_000,
      end: now + 1,
      msResolution: true,
      queries: [
        {
          metric: 'vscope.vm.cpu.ready',
          aggregator: 'none',
          tags: { vm: vm.moRef, datacenter: datacenterTag(service.serviceName, dc.name) },
        },
      ],
    });
    expect(result!.dps).toEqual({
      [String(snapshot.fetchedAt)]: CATALOG.valuesOf('vm', vm)['vscope.vm.cpu.ready'],
    });

    // The same refresh is not written twice.
    expect(await recorder.tick()).toBe(0);
  });

  it('keeps points while the target is down and writes them when it returns', async () => {
    const store = new MemoryStore();
    const embedded = new EmbeddedOpenTsdbEndpoint(store, () => now);
    let down = true;
    const flaky: OpenTsdbEndpoint = {
      label: 'flaky',
      query: (q) => embedded.query(q),
      put: (points) => (down ? Promise.reject(new Error('connection refused')) : embedded.put(points)),
    };
    const recorder = new Recorder({ inventory, target: flaky, intervalMs: 120_000, log: silent });
    now += 120_000;
    expect(await recorder.tick()).toBe(0);
    const backlog = recorder.backlog;
    expect(backlog).toBeGreaterThan(100);

    now += 120_000;
    down = false;
    const written = await recorder.tick();
    expect(written).toBe(backlog * 2);
    expect(recorder.backlog).toBe(0);
    const [cpu] = await store.findSeries('vscope.host.cpu.usage.perc');
    const points = await store.readSeries(cpu!, { startMs: 0, endMs: now + 1 });
    expect(points.kind === 'raw' && points.points.length).toBe(2);
  });

  it('writes a pass as it reads it, and once the target fails keeps the rest without asking it again', async () => {
    now += 120_000;
    const puts: number[] = [];
    let failAt = 2;
    const target: OpenTsdbEndpoint = {
      label: 'failing',
      query: () => Promise.resolve([]),
      put: (points) => {
        puts.push(points.length);
        return puts.length === failAt ? Promise.reject(new Error('connection reset')) : Promise.resolve();
      },
    };
    const recorder = new Recorder({
      inventory,
      target,
      intervalMs: 120_000,
      log: silent,
      pointsPerWrite: 50,
    });
    const written = await recorder.tick();
    // Two puts: the first written, the second refused; the rest of the pass went to the backlog untried.
    expect(puts).toHaveLength(2);
    expect(written).toBe(puts[0]);
    expect(puts[0]).toBeGreaterThanOrEqual(50);
    // A row's points go together: a put is never more than a row's worth past the size.
    expect(puts[0]).toBeLessThan(50 + (await mostPointsOfARow()));
    const backlog = recorder.backlog;
    expect(backlog).toBeGreaterThan(puts[1]!);

    // Back: the backlog goes first, with the first of the next pass's points, then the rest a write at a time.
    now += 120_000;
    failAt = 0;
    puts.length = 0;
    const next = await recorder.tick();
    expect(puts[0]).toBeGreaterThanOrEqual(backlog + 50);
    expect(puts.length).toBeGreaterThan(2);
    expect(next).toBe(puts.reduce((a, b) => a + b, 0));
    // The backlog, and a pass as big as the first (the same inventory, read again).
    expect(next).toBe(backlog + written + backlog);
    expect(recorder.backlog).toBe(0);
  });

  it('does not record stale data as new points', async () => {
    const store = new MemoryStore();
    const recorder = new Recorder({
      inventory,
      target: new EmbeddedOpenTsdbEndpoint(store, () => now),
      intervalMs: 120_000,
      log: silent,
    });
    await recorder.tick();
    now += 120_000;
    sim.faults.down.set('ovh', '503');
    try {
      expect(await recorder.tick()).toBe(0);
    } finally {
      sim.faults.down.delete('ovh');
    }
  });

  it('reads a big pass in slices, with the event loop free between two', async () => {
    now += 120_000;
    // Refreshed first: the turns counted are the pass's, not those of the refresh's requests.
    for await (const list of cachedLists(inventory, (await readServices(inventory)).value)) {
      expect(list.snapshot.stale).toBe(false);
    }
    const { puts, target } = countingTarget();
    let rows = 0;
    const recorder = slowRecorder(target, () => (rows += 1));
    let turns = 0;
    let ticking = true;
    const beat = () => {
      turns += 1;
      if (ticking) setImmediate(beat);
    };
    setImmediate(beat);
    const written = await recorder.tick();
    ticking = false;
    // About 2 ms a row: the loop turned at least once every slice of the rows' time.
    expect(turns).toBeGreaterThanOrEqual(Math.floor((rows * 2) / 15));
    expect(rows).toBeGreaterThan(30);
    expect(puts.reduce((a, b) => a + b, 0)).toBe(written);
  });

  it('stops between two slices of a pass, and writes nothing of it', async () => {
    now += 120_000;
    const { puts, target } = countingTarget();
    let rows = 0;
    let stopped: Promise<void> | undefined;
    // Stopped at the first turn of the loop the pass lets through once it reads rows.
    const recorder: Recorder = slowRecorder(target, () => {
      rows += 1;
      if (rows === 1) {
        setImmediate(() => {
          stopped = recorder.stop();
        });
      }
    });
    recorder.start();
    await vi.waitFor(() => expect(stopped).toBeDefined());
    await stopped;
    const atStop = rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rows).toBe(atStop);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(30);
    expect(puts).toEqual([]);
  });
});
