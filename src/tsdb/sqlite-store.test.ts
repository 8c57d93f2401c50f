import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseQueryBody } from './query-parse';
import { runQuery } from './query-engine';
import { MemoryStore } from './memory-store';
import { DEFAULT_ROLLUP_LEVELS } from './rollup-levels';
import { chunkLevelOfKey, chunkStartOfKey } from './sealed-chunks';
import { SqliteStore } from './sqlite-store';
import type { IncomingPoint, SeriesData, TsdbStore } from './store';

const DAY = 86_400_000;
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsdb-sqlite-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Deterministic, non-trivial values so rollup statistics are checked against raw ones. */
function series(metric: string, vm: string, fromMs: number, toMs: number, stepMs: number): IncomingPoint[] {
  const points: IncomingPoint[] = [];
  for (let ts = fromMs, i = 0; ts < toMs; ts += stepMs, i++) {
    points.push({ metric, tags: { vm }, ts, value: ((i * 7919) % 1000) / 10, isInteger: false });
  }
  return points;
}

async function query(store: TsdbStore, body: object, now: number) {
  return runQuery(store, parseQueryBody(body, now, { arrays: false }));
}

describe('SqliteStore', () => {
  it('keeps points, integer kinds and names across a reopen', async () => {
    const dir = tempDir();
    const first = SqliteStore.open(dir);
    await first.write([
      { metric: 'm', tags: { host: 'a' }, ts: 1_000_000, value: 3, isInteger: true },
      { metric: 'm', tags: { host: 'a' }, ts: 1_060_000, value: 2.5, isInteger: false },
    ]);
    await first.close();
    const again = SqliteStore.open(dir);
    expect(await again.hasMetric('m')).toBe(true);
    expect(await again.suggest('tagv', '', 10)).toEqual(['a']);
    const [ref] = await again.findSeries('m');
    expect(ref).toEqual({ metric: 'm', tags: { host: 'a' } });
    const data = await again.readSeries(ref!, { startMs: 0, endMs: 2_000_000 });
    expect(data).toEqual({
      kind: 'raw',
      points: [
        { ts: 1_000_000, value: 3, isInteger: true },
        { ts: 1_060_000, value: 2.5, isInteger: false },
      ],
    });
    await again.close();
  });

  it('answers old ranges from rollups with the same avg/min/max/count as raw points', async () => {
    const now = Date.UTC(2026, 0, 10);
    const sqlite = SqliteStore.open(tempDir(), { now: () => now });
    const memory = new MemoryStore();
    const points = series('vscope.vm.cpu.usage.perc', 'vm-1', now - 9 * DAY, now, 5 * 60_000);
    await sqlite.write(points);
    await memory.write(points);
    for (const fn of ['avg', 'min', 'max', 'count', 'sum']) {
      const body = {
        start: now - 8 * DAY,
        end: now,
        msResolution: true,
        queries: [{ metric: 'vscope.vm.cpu.usage.perc', aggregator: 'avg', downsample: `2h-${fn}` }],
      };
      const [fromRollup] = await query(sqlite, body, now);
      const [fromRaw] = await query(memory, body, now);
      expect(fromRollup?.dps.length).toBe(fromRaw?.dps.length);
      fromRollup?.dps.forEach((p, i) => {
        expect(p.ts).toBe(fromRaw?.dps[i]?.ts);
        expect(p.value).toBeCloseTo(fromRaw?.dps[i]?.value ?? NaN, 6);
      });
    }
    // Raw points older than the raw retention are pruned: a raw read of that range now comes from a rollup.
    const [ref] = await sqlite.findSeries('vscope.vm.cpu.usage.perc');
    const old = await sqlite.readSeries(ref!, { startMs: now - 8 * DAY, endMs: now - 7 * DAY });
    expect(old.kind).toBe('rollup');
    await sqlite.close();
  });

  it('answers a one-year 1d query for one VM (13 metrics) from the daily rollups, not raw points', async () => {
    const now = Date.UTC(2026, 5, 1);
    const store = SqliteStore.open(tempDir(), { now: () => now });
    const metrics = Array.from({ length: 13 }, (_, i) => `vscope.vm.metric${i}`);
    // Hourly points keep the test quick; the query reads 1-day rollups whatever the raw density.
    for (const metric of metrics) await store.write(series(metric, 'vm-1', now - 366 * DAY, now, 3_600_000));
    const reads: SeriesData['kind'][] = [];
    const readSeries = store.readSeries.bind(store);
    store.readSeries = async (ref, window) => {
      const data = await readSeries(ref, window);
      reads.push(data.kind === 'rollup' && data.intervalMs === DAY ? 'rollup' : 'raw');
      return data;
    };
    const body = {
      start: now - 365 * DAY,
      end: now,
      queries: metrics.map((metric) => ({
        metric,
        aggregator: 'avg',
        downsample: '1d-avg',
        tags: { vm: 'vm-1' },
      })),
    };
    const results = await query(store, body, now);
    expect(results).toHaveLength(13);
    expect(results[0]?.dps.length).toBeGreaterThanOrEqual(365);
    // The speed target (under 50 ms) is measured by `npm run bench`; here, the design that makes it possible.
    expect(reads).toEqual(Array.from({ length: 13 }, () => 'rollup'));
    await store.close();
  });
});

describe('SqliteStore sealed chunks', () => {
  const HOUR = 3_600_000;
  const NOW = Date.UTC(2026, 2, 1, 13, 7);
  const POLL = 120_000;
  /** Values exact at 2 decimals, doubles exact at none, and values far outside either. */
  const KINDS: Record<string, (i: number) => number> = {
    cents: (i) => ((i * 7919) % 10_000) / 100,
    percent: (i) => (((i * 37) % 4096) / 4096) * 100,
    extreme: (i) => [2 ** 60, -1e300, 5e-324, 1e-7 * i, -(2 ** 53) - 2][i % 5]!,
  };

  function year(days: number): IncomingPoint[] {
    return polls(NOW - days * DAY, NOW);
  }

  function polls(fromMs: number, toMs: number): IncomingPoint[] {
    const out: IncomingPoint[] = [];
    for (let ts = fromMs, i = 0; ts <= toMs; ts += POLL, i++) {
      for (const [vm, value] of Object.entries(KINDS)) {
        const v = value(i);
        out.push({ metric: 'm', tags: { vm }, ts, value: v, isInteger: Number.isInteger(v) });
      }
    }
    return out;
  }

  /** Every level's window as the query engine would ask for it, and raw windows across chunk boundaries. */
  async function readAll(store: TsdbStore) {
    const windows = [
      { startMs: NOW - 2 * DAY, endMs: NOW },
      { startMs: NOW - DAY - 3 * HOUR - 1, endMs: NOW - 5 * HOUR + 1 },
      ...DEFAULT_ROLLUP_LEVELS.map((l) => ({
        startMs: NOW - l.retentionMs,
        endMs: NOW,
        resolutionMs: l.intervalMs,
      })),
    ];
    const refs = await store.findSeries('m');
    return Promise.all(refs.flatMap((ref) => windows.map((w) => store.readSeries(ref, w))));
  }

  function tables(dir: string) {
    const db = new Database(join(dir, 'tsdb.sqlite'), { readonly: true });
    try {
      const count = (sql: string) => db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
      return {
        chunks: count("SELECT COUNT(*) AS n FROM sqlite_schema WHERE name = 'chunk'")
          ? count('SELECT COUNT(*) AS n FROM chunk')
          : undefined,
        derived: count("SELECT COUNT(*) AS n FROM sqlite_schema WHERE name = 'chunk'")
          ? count('SELECT COUNT(*) AS n FROM chunk WHERE length(data) = 0')
          : undefined,
        raw: count('SELECT COUNT(*) AS n FROM raw'),
        rollup: count('SELECT COUNT(*) AS n FROM rollup'),
      };
    } finally {
      db.close();
    }
  }

  it('seals closed spans into chunks and reads them back exactly as the rows they replaced', async () => {
    const dir = tempDir();
    let clock = NOW;
    const store = SqliteStore.open(dir, { now: () => clock });
    const memory = new MemoryStore();
    const points = year(40);
    await store.write(points);
    await memory.write(points);
    const open = await readAll(store);
    expect(tables(dir).chunks).toBe(0);

    clock += 10 * 60_000;
    await store.write([]);
    await store.maintained();
    const sealed = tables(dir);
    expect(sealed.chunks).toBeGreaterThan(100);
    // The 5-minute level's sealed buckets are its raw points' sums: its chunks hold nothing. It keeps two days
    // (a day and the slack) in 2-hour chunks, less the open one. So do the 30-minute level's 12-hour spans
    // whose raw points are kept (three days), from the first boundary after those start: Feb 27 00:00 to 12:00
    // on Mar 1, five spans.
    expect(sealed.derived).toBe(3 * ((2 * DAY) / (2 * HOUR) - 1 + 5));
    // Left in the head: at most the open 2-hour span of raw points and the open span of each level.
    expect(sealed.raw).toBeLessThan((3 * (2 * HOUR + 20 * 60_000)) / POLL);
    expect(sealed.rollup).toBeLessThan(3 * (48 + 24 + 24 + 16));
    expect(await readAll(store)).toEqual(open);

    // Raw points read across chunks and the head are the memory store's, bit for bit.
    for (const ref of await store.findSeries('m')) {
      const window = { startMs: NOW - 2 * DAY, endMs: NOW };
      expect(await store.readSeries(ref, window)).toEqual(await memory.readSeries(ref, window));
    }
    await store.close();
  });

  /** A store holding `days` of polls up to NOW, sealed by the maintenance pass of a write ten minutes later. */
  async function sealedStore(days: number) {
    const dir = tempDir();
    const clock = { now: NOW };
    const store = SqliteStore.open(dir, { now: () => clock.now });
    await store.write(year(days));
    clock.now += 10 * 60_000;
    await store.write([]);
    await store.maintained();
    return { dir, clock, store };
  }

  it('takes a sealed span back when a point is written into it, overwriting as OpenTSDB does, then seals it again', async () => {
    const { dir, clock, store } = await sealedStore(3);
    const [ref] = (await store.findSeries('m')).filter((r) => r.tags.vm === 'cents');
    const ts = NOW - DAY - 3 * POLL;
    const window = { startMs: ts - 2 * HOUR, endMs: ts + 2 * HOUR };
    const bucketWindow = { ...window, resolutionMs: 5 * 60_000 };
    const before = await store.readSeries(ref!, window);
    const bucketsBefore = await store.readSeries(ref!, bucketWindow);
    const old = before.kind === 'raw' ? before.points.find((p) => p.ts === ts) : undefined;
    expect(old).toBeDefined();

    await store.write([
      { metric: 'm', tags: { vm: 'cents' }, ts, value: 1000, isInteger: true },
      { metric: 'm', tags: { vm: 'cents' }, ts: ts + 1, value: -5.5, isInteger: false },
    ]);
    const after = await store.readSeries(ref!, window);
    if (after.kind !== 'raw' || before.kind !== 'raw') throw new Error('expected raw points');
    expect(after.points).toHaveLength(before.points.length + 1);
    expect(after.points.find((p) => p.ts === ts)).toEqual({ ts, value: 1000, isInteger: true });
    expect(after.points.find((p) => p.ts === ts + 1)).toEqual({ ts: ts + 1, value: -5.5, isInteger: false });

    const bucketTs = ts - (ts % (5 * 60_000));
    const bucketsAfter = await store.readSeries(ref!, bucketWindow);
    if (bucketsAfter.kind !== 'rollup' || bucketsBefore.kind !== 'rollup')
      throw new Error('expected buckets');
    const was = bucketsBefore.buckets.find((b) => b.ts === bucketTs)!;
    const is = bucketsAfter.buckets.find((b) => b.ts === bucketTs)!;
    expect(is.count).toBe(was.count + 1);
    expect(is.sum).toBeCloseTo(was.sum - old!.value + 1000 - 5.5, 9);
    expect([is.min, is.max]).toEqual([-5.5, 1000]);

    // Sealed again once the next span closes: the boundary moves, and everything before it is sealed.
    const reopened = tables(dir);
    clock.now += 2 * HOUR;
    await store.write([{ metric: 'm', tags: { vm: 'cents' }, ts: clock.now, value: 1, isInteger: true }]);
    await store.maintained();
    expect(tables(dir).raw).toBeLessThan(reopened.raw);
    expect(await store.readSeries(ref!, window)).toEqual(after);
    expect(await store.readSeries(ref!, bucketWindow)).toEqual(bucketsAfter);
    await store.close();
  });

  it('fills the empty chunks of a level before the raw points they are made of are pruned', async () => {
    const { dir, clock, store } = await sealedStore(10);
    const window = { startMs: NOW - 4 * DAY, endMs: NOW - DAY, resolutionMs: 30 * 60_000 };
    const refs = await store.findSeries('m');
    const before = await Promise.all(refs.map((ref) => store.readSeries(ref, window)));
    expect(emptyChunks(dir, 2, NOW - DAY)).toBeGreaterThan(0);

    // Three days on, the raw points of that window are pruned; its buckets are not.
    clock.now = NOW + 3 * DAY;
    await store.write(polls(NOW + POLL, clock.now));
    clock.now += 10 * 60_000;
    await store.write([]);
    await store.maintained();
    // The newest point (three days on) less raw retention (two days) and its slack (a day).
    const rawKeptFrom = NOW;
    expect(tables(dir).raw).toBeLessThan((3 * (2 * HOUR + 20 * 60_000)) / POLL);
    for (const level of DEFAULT_ROLLUP_LEVELS.slice(1))
      expect(emptyChunks(dir, level.id, rawKeptFrom)).toBe(0);
    expect(await Promise.all(refs.map((ref) => store.readSeries(ref, window)))).toEqual(before);
    await store.close();
  });

  /** A store holding `days` of polls up to NOW, whose sealing pass has done its first step (one series). */
  async function passUnderWay(days: number) {
    const dir = tempDir();
    const clock = { now: NOW };
    const store = SqliteStore.open(dir, { now: () => clock.now, maintenanceStepMs: 0 });
    await store.write(year(days));
    const open = await readAll(store);
    clock.now += 10 * 60_000;
    await store.write([]);
    return { dir, clock, store, open };
  }

  const sealedSeries = (dir: string) => {
    const db = new Database(join(dir, 'tsdb.sqlite'), { readonly: true });
    try {
      const keys = db.prepare<[], { key: number }>('SELECT key FROM chunk').all();
      return new Set(keys.map((k) => Math.floor(k.key / 2 ** 26))).size;
    } finally {
      db.close();
    }
  };

  it('maintains series by series, a transaction each step, the event loop free between two', async () => {
    const { dir, store, open } = await passUnderWay(3);
    // The write that started the pass returned after its first step: one series of three is sealed.
    expect(sealedSeries(dir)).toBe(1);
    let steps = 0;
    while (sealedSeries(dir) < 3) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(++steps).toBeLessThan(10);
    }
    expect(steps).toBe(2);
    await store.maintained();
    // Answers are the same whatever the pass reached, since each series is whole at every commit.
    expect(await readAll(store)).toEqual(open);
    await store.close();
  });

  it('takes back a span the pass under way sealed, and seals what it writes into a series it has not reached', async () => {
    const { store } = await passUnderWay(3);
    // An overwrite in sealed time of every series: the first is sealed, the others not yet.
    const ts = NOW - DAY - 3 * POLL;
    await store.write(
      ['cents', 'percent', 'extreme'].map((vm) => ({
        metric: 'm',
        tags: { vm },
        ts,
        value: 42,
        isInteger: true,
      })),
    );
    await store.maintained();
    for (const ref of await store.findSeries('m')) {
      const read = await store.readSeries(ref, { startMs: ts - POLL, endMs: ts });
      expect(read.kind === 'raw' && read.points.map((p) => p.value)).toEqual([expect.any(Number), 42]);
    }
    await store.close();
  });

  it('stops a pass at close and does it again at the next open, answering the same throughout', async () => {
    const { dir, clock, store, open } = await passUnderWay(3);
    await store.close();
    expect(sealedSeries(dir)).toBe(1);

    const again = SqliteStore.open(dir, { now: () => clock.now });
    await again.maintained();
    expect(sealedSeries(dir)).toBe(3);
    expect(tables(dir).raw).toBeLessThan((3 * (2 * HOUR + 20 * 60_000)) / POLL);
    expect(await readAll(again)).toEqual(open);
    await again.close();
  });

  it('tells a failed pass and tries again at the next', async () => {
    const dir = tempDir();
    const clock = { now: NOW };
    const errors: unknown[] = [];
    const store = SqliteStore.open(dir, { now: () => clock.now, onMaintenanceError: (e) => errors.push(e) });
    await store.write(year(3));
    const open = await readAll(store);
    // A chunk where the pass will seal one (the first series' 5-minute buckets a day ago): the insert fails.
    const blocker = new Database(join(dir, 'tsdb.sqlite'));
    const key = (1 * 16 + 1) * 2 ** 22 + Math.floor((NOW - DAY) / (2 * HOUR)) * 2;
    blocker.prepare('INSERT INTO chunk (key, data) VALUES (?, ?)').run(key, Buffer.alloc(0));
    clock.now += 10 * 60_000;
    await store.write([]);
    await store.maintained();
    expect(errors).toEqual([expect.objectContaining({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })]);
    // The step's transaction was rolled back: nothing but the blocker is sealed.
    expect(tables(dir).chunks).toBe(1);

    blocker.exec('DELETE FROM chunk');
    blocker.close();
    clock.now += 10 * 60_000;
    await store.write([]);
    await store.maintained();
    expect(sealedSeries(dir)).toBe(3);
    expect(await readAll(store)).toEqual(open);
    await store.close();
  });

  /** Empty chunks of a level that start before `beforeMs`. */
  function emptyChunks(dir: string, level: number, beforeMs: number): number {
    const db = new Database(join(dir, 'tsdb.sqlite'), { readonly: true });
    try {
      return db
        .prepare<[], { key: number }>('SELECT key FROM chunk WHERE length(data) = 0')
        .all()
        .filter((c) => chunkLevelOfKey(c.key) === level && chunkStartOfKey(c.key) < beforeMs).length;
    } finally {
      db.close();
    }
  }

  it('opens a database written before chunks existed and seals it, reading the same answers', async () => {
    const dir = tempDir();
    const first = SqliteStore.open(dir, { now: () => NOW });
    await first.write(year(40));
    const expected = await readAll(first);
    await first.close();
    // Today's format: the same raw, rollup, series and meta tables, without the chunk table or its marks.
    const db = new Database(join(dir, 'tsdb.sqlite'));
    db.exec("DROP TABLE chunk; DELETE FROM meta WHERE key LIKE 'sealed:%'");
    db.close();
    expect(tables(dir).chunks).toBeUndefined();

    const migrated = SqliteStore.open(dir, { now: () => NOW });
    await migrated.maintained();
    const after = tables(dir);
    expect(after.chunks).toBeGreaterThan(100);
    expect(after.raw).toBeLessThan((3 * (2 * HOUR + 20 * 60_000)) / POLL);
    expect(await readAll(migrated)).toEqual(expected);
    await migrated.close();
  });
});
