import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchivePolicy } from '../carbonara/archive-policy';
import { parseArchivePolicy, patchArchivePolicy } from '../carbonara/archive-policy';
import { measuresOf } from '../carbonara/ingest';
import type { LocalMeasureStore } from './measure-store';
import { openMeasureStore } from './measure-store';

const S = 1_000_000;
const T0 = 1_425_652_380 * S; // 2015-03-06T14:33:00

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'metering-store-'));
  dirs.push(dir);
  return dir;
}

const policy: ArchivePolicy = parseArchivePolicy({
  name: 'p',
  definition: [
    { granularity: 60, points: 100 },
    { granularity: 300, points: 10 },
  ],
  aggregation_methods: ['mean', 'max', 'rate:sum', '90pct', '+median', '-count'],
});

function seconds(series: { timestamps: Float64Array; values: Float64Array }): [number, number][] {
  return Array.from(series.timestamps, (t, i) => [(t - T0) / S, series.values[i] as number]);
}

describe.each(['memory', 'sqlite'])('openMeasureStore (%s)', (kind) => {
  const open = (): LocalMeasureStore =>
    openMeasureStore({ dataDir: kind === 'sqlite' ? tempDir() : undefined });

  it('answers an empty series for what was never stored', () => {
    const store = open();
    expect(seconds(store.read('nope', 'mean', 60 * S))).toEqual([]);
    store.addMeasures('m', policy, measuresOf([{ timestampUs: T0, value: 1 }]));
    expect(seconds(store.read('m', 'mean', 7 * S))).toEqual([]);
    expect(seconds(store.read('m', 'min', 60 * S))).toEqual([]);
    store.close();
  });

  it('reads [from rounded down to the granularity, to)', () => {
    const store = open();
    store.addMeasures(
      'm',
      policy,
      measuresOf(Array.from({ length: 10 }, (_, i) => ({ timestampUs: T0 + i * 60 * S, value: i }))),
    );
    expect(seconds(store.read('m', 'mean', 60 * S, T0 + 130 * S, T0 + 300 * S))).toEqual([
      [120, 2],
      [180, 3],
      [240, 4],
    ]);
    expect(seconds(store.read('m', 'max', 300 * S))).toEqual([
      [-180, 1],
      [120, 6],
      [420, 9],
    ]);
    store.close();
  });

  it('ignores measures older than the back window, as Gnocchi does', () => {
    const store = open();
    const plain = parseArchivePolicy({
      name: 'plain',
      definition: [{ granularity: 60 }, { granularity: 300 }],
    });
    store.addMeasures('m', plain, measuresOf([{ timestampUs: T0 + 900 * S, value: 10 }]));
    // The block is the coarsest granularity (300 s): with back_window 0, nothing before T0 + 720 s is taken
    // (a policy storing a rate would keep one block more).
    store.addMeasures(
      'm',
      plain,
      measuresOf([
        { timestampUs: T0 + 500 * S, value: 99 },
        { timestampUs: T0 + 800 * S, value: 20 },
      ]),
    );
    expect(seconds(store.read('m', 'mean', 60 * S))).toEqual([
      [780, 20],
      [900, 10],
    ]);
    store.close();
  });

  it('stores the valid methods a policy lists and not its `+x`/`-x` leftovers', () => {
    expect(policy.aggregationMethods).toContain('-count');
    const store = open();
    store.addMeasures(
      'm',
      policy,
      measuresOf([
        { timestampUs: T0, value: 1 },
        { timestampUs: T0 + S, value: 3 },
      ]),
    );
    expect(seconds(store.read('m', 'median', 60 * S))).toEqual([[0, 2]]);
    expect(seconds(store.read('m', '90pct', 60 * S))).toEqual([[0, 2.8000000000000003]]);
    expect(seconds(store.read('m', 'rate:sum', 60 * S))).toEqual([[0, 2]]);
    expect(seconds(store.read('m', '-count', 60 * S))).toEqual([]);
    store.close();
  });

  it('keeps one measure per time: the smallest in a batch, the later batch’s over an earlier one', () => {
    // As Gnocchi 4.4.2 answered carbonara/fixtures/record-gnocchi-duplicates.py: numpy sorts a batch by time
    // then value and keeps the first of each time; a new batch replaces the stored measure.
    const store = open();
    const onePerSecond = parseArchivePolicy({ name: 's', definition: [{ granularity: 1, points: 100 }] });
    store.addMeasures(
      'm',
      onePerSecond,
      measuresOf([
        { timestampUs: T0, value: 5 },
        { timestampUs: T0, value: 3 },
        { timestampUs: T0, value: 9 },
        { timestampUs: T0 + S, value: 7 },
        { timestampUs: T0 + S, value: -2 },
      ]),
    );
    expect(seconds(store.read('m', 'mean', S))).toEqual([
      [0, 3],
      [1, -2],
    ]);
    store.addMeasures('m', onePerSecond, measuresOf([{ timestampUs: T0 + S, value: 100 }]));
    expect(seconds(store.read('m', 'mean', S))).toEqual([
      [0, 3],
      [1, 100],
    ]);
    store.close();
  });

  it('cuts reads to a patched policy’s timespan at once', () => {
    const store = open();
    const before = parseArchivePolicy({ name: 's', definition: [{ granularity: 1, points: 10 }] });
    store.addMeasures(
      'm',
      before,
      measuresOf(Array.from({ length: 10 }, (_, i) => ({ timestampUs: T0 + i * S, value: i }))),
    );
    expect(store.read('m', 'mean', S).timestamps).toHaveLength(10);
    store.updatePolicy('m', patchArchivePolicy(before, { definition: [{ granularity: 1, points: 3 }] }));
    expect(seconds(store.read('m', 'mean', S)).map(([t]) => t)).toEqual([7, 8, 9]);
    store.close();
  });

  it('adds a batch of metrics and deletes a metric', () => {
    const store = open();
    store.addMeasuresBatch([
      { metricId: 'a', policy, measures: measuresOf([{ timestampUs: T0, value: 1 }]) },
      { metricId: 'b', policy, measures: measuresOf([{ timestampUs: T0, value: 2 }]) },
    ]);
    expect(seconds(store.read('a', 'mean', 60 * S))).toEqual([[0, 1]]);
    expect(seconds(store.read('b', 'mean', 60 * S))).toEqual([[0, 2]]);
    store.deleteMetric('a');
    expect(seconds(store.read('a', 'mean', 60 * S))).toEqual([]);
    expect(seconds(store.read('b', 'mean', 60 * S))).toEqual([[0, 2]]);
    store.close();
  });

  it('expires whole splits past the timespan and hides the rest when read', () => {
    const store = open();
    const small = parseArchivePolicy({ name: 's', definition: [{ granularity: 1, points: 10 }] });
    for (let batch = 0; batch < 10; batch++) {
      store.addMeasures(
        'm',
        small,
        measuresOf(
          Array.from({ length: 1000 }, (_, i) => ({ timestampUs: T0 + (batch * 1000 + i) * S, value: i })),
        ),
      );
    }
    expect(seconds(store.read('m', 'mean', S)).map(([t]) => t)).toEqual(
      Array.from({ length: 10 }, (_, i) => 9990 + i),
    );
    store.close();
  });
});

describe.each(['memory', 'sqlite'])('reads cut as Gnocchi 4.4.2 cuts them (%s)', (kind) => {
  // Recorded from the real Gnocchi 4.4.2 with carbonara/fixtures/record-gnocchi-splits.py: 1 s × 5000 points,
  // measures 0…9000 s in three processed batches, then GET measures with these start/stop. Gnocchi deletes only
  // whole splits of 3600 points and cuts to the timespan from the last point of the splits it read, so a read
  // that stops early shows points older than the timespan.
  const T = 1_425_600_000;
  const cases: [number | undefined, number | undefined, number, number, number][] = [
    [undefined, undefined, 5000, 4001, 9000],
    [undefined, 5000, 1400, 3600, 4999],
    [3000, 5000, 1400, 3600, 4999],
    [8990, undefined, 11, 8990, 9000],
    [100, undefined, 5000, 4001, 9000],
  ];
  it.each(cases)('start %s stop %s', (start, stop, length, first, last) => {
    const store = openMeasureStore({ dataDir: kind === 'sqlite' ? tempDir() : undefined });
    const small = parseArchivePolicy({ name: 's', definition: [{ granularity: 1, points: 5000 }] });
    for (let part = 0; part < 3; part++) {
      store.addMeasures(
        'm',
        small,
        measuresOf(
          Array.from({ length: 3001 }, (_, i) => part * 3001 + i)
            .filter((t) => t <= 9000)
            .map((t) => ({ timestampUs: (T + t) * S, value: t })),
        ),
      );
    }
    const at = (t: number | undefined) => (t === undefined ? undefined : (T + t) * S);
    const { timestamps } = store.read('m', 'mean', S, at(start), at(stop));
    expect([timestamps.length, (timestamps[0] ?? 0) / S - T, (timestamps.at(-1) ?? 0) / S - T]).toEqual([
      length,
      first,
      last,
    ]);
    store.close();
  });
});

describe('openMeasureStore with a data directory', () => {
  it('reads back after reopening what was stored, and goes on from the raw measures kept', () => {
    const dir = tempDir();
    const first = openMeasureStore({ dataDir: dir });
    first.addMeasures(
      'm',
      policy,
      measuresOf([
        { timestampUs: T0, value: 1 },
        { timestampUs: T0 + 10 * S, value: 2 },
      ]),
    );
    first.close();
    const second = openMeasureStore({ dataDir: dir });
    second.addMeasures('m', policy, measuresOf([{ timestampUs: T0 + 20 * S, value: 6 }]));
    expect(seconds(second.read('m', 'mean', 60 * S))).toEqual([[0, 3]]);
    expect(seconds(second.read('m', 'rate:sum', 60 * S))).toEqual([[0, 5]]);
    second.close();
  });
});
