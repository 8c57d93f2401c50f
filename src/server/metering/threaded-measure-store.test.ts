import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openMeasureStore, type ArchivePolicy } from '@/metering';
import { openMeteringBackend, type MeteringBackend } from './metering-backend';
import { spawnMeasureStoreWorker, ThreadedMeasureStore } from './threaded-measure-store';

const silent = pino({ level: 'silent' });
const S = 1_000_000;
const T0 = Date.parse('2026-12-01T00:00:00Z') * 1_000;
const policy: ArchivePolicy = {
  name: 'p',
  backWindow: 0,
  definition: [{ granularityUs: 60 * S, timespanUs: 3_600 * S, points: 60 }],
  aggregationMethods: ['mean', 'max'],
};
/** One measure a minute from T0's `minute`th. */
const measuresFrom = (minute: number, ...values: number[]) => ({
  timestampsUs: Float64Array.from(values, (_, i) => T0 + (minute + i) * 60 * S),
  values: Float64Array.from(values),
});
const measures = (...values: number[]) => measuresFrom(0, ...values);
const read = (store: { read: ThreadedMeasureStore['read'] }, metricId: string, method = 'mean') =>
  Array.from(store.read(metricId, method, 60 * S).values);

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'threaded-metering-'));
  dirs.push(dir);
  return dir;
}

/** A store on `dir`, and the threads it started. */
function threaded(dir: string) {
  const threads: Worker[] = [];
  const store = new ThreadedMeasureStore(
    openMeasureStore({ dataDir: dir }),
    () => {
      const worker = spawnMeasureStoreWorker(dir);
      threads.push(worker);
      return worker;
    },
    silent,
  );
  closers.push(() => store.close());
  return { store, threads };
}

describe('ThreadedMeasureStore', () => {
  it('writes on its own thread what this thread then reads, also after a reopen', async () => {
    const dir = tempDir();
    const { store, threads } = threaded(dir);
    await store.addMeasuresBatch([
      { metricId: 'a', policy, measures: measures(1, 2, 3) },
      { metricId: 'b', policy, measures: measures(7) },
    ]);
    await store.addMeasures('a', policy, measuresFrom(3, 5));
    expect(threads).toHaveLength(1);
    expect(read(store, 'a')).toEqual([1, 2, 3, 5]);
    expect(read(store, 'b', 'max')).toEqual([7]);
    await store.deleteMetric('b');
    expect(read(store, 'b')).toEqual([]);
    await store.close();

    const again = threaded(dir).store;
    expect(read(again, 'a')).toEqual([1, 2, 3, 5]);
  });

  it("refuses a write the thread fails, with the thread's reason, and keeps none of it", async () => {
    const dir = tempDir();
    const { store } = threaded(dir);
    await store.addMeasures('a', policy, measures(1));
    // A chunk that cannot be unpacked: the next write to `a` reads it back to merge into it.
    const db = new Database(join(dir, 'metering.sqlite'));
    db.prepare("UPDATE aggregate_chunk SET data = x'00' WHERE metric = 'a' AND method = 'max'").run();
    db.close();

    const failed = store.addMeasuresBatch([
      { metricId: 'b', policy, measures: measures(4) },
      { metricId: 'a', policy, measures: measuresFrom(1, 2) },
    ]);
    await expect(failed).rejects.toThrow(/^metering store: .+/);
    expect(read(store, 'b')).toEqual([]);
    expect(read(store, 'a')).toEqual([1]);
  });

  it('fails the writes of a thread that stopped, and starts another at the next write', async () => {
    const { store, threads } = threaded(tempDir());
    await store.addMeasures('a', policy, measures(1));
    const pending = store.addMeasures('a', policy, measuresFrom(1, 2));
    await threads[0]!.terminate();
    await expect(pending).rejects.toThrow(/^metering store: its thread stopped/);

    await store.addMeasures('a', policy, measuresFrom(2, 3));
    expect(threads).toHaveLength(2);
    expect(read(store, 'a')).toEqual([1, 3]);
  });

  it('refuses writes once closed, without starting a thread', async () => {
    const { store, threads } = threaded(tempDir());
    await store.close();
    await expect(store.addMeasures('a', policy, measures(1))).rejects.toThrow('metering store: it is closed');
    expect(threads).toHaveLength(0);
  });
});

describe('the embedded metering backend on disk', () => {
  let backend: MeteringBackend | undefined;
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
  });

  it('answers a batch once its measures are readable, and sends a thousand at a time', async () => {
    const dir = tempDir();
    backend = await openMeteringBackend({ metering: { kind: 'embedded' }, dataDir: dir }, silent);
    expect(backend.measuresPerRequest).toBe(1_000);
    const { writer } = backend;
    await writer.ensureArchivePolicy({
      name: 'p',
      back_window: 0,
      definition: [{ granularity: 60, timespan: 3_600 }],
      aggregation_methods: ['mean'],
    });
    await writer.ensureResourceType('thing', { name: 'string' });
    const id = '33333333-3333-5333-8333-333333333333';
    await writer.createResource('thing', { id, name: 'a' });
    await writer.addMeasures({
      [id]: { vcpus: { archive_policy_name: 'p', measures: [{ timestamp: T0 / S, value: 4 }] } },
    });
    const query = new URLSearchParams({ granularity: '60' });
    expect(await writer.measures('thing', id, 'vcpus', query)).toEqual([
      ['2026-12-01T00:00:00+00:00', 60, 4],
    ]);
    await backend.close();

    backend = await openMeteringBackend({ metering: { kind: 'embedded' }, dataDir: dir }, silent);
    expect(await backend.writer.measures('thing', id, 'vcpus', query)).toHaveLength(1);
  });
});
