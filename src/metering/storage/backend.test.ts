import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Series } from '../carbonara/aggregate';
import { EMPTY_SERIES } from '../carbonara/aggregate';
import type { MetricMeta, MetricState, StorageBackend } from './backend';
import { CHUNK_POINTS, packChunkRuns, unpackChunkRuns } from './backend';
import { MemoryBackend } from './memory-backend';
import { SqliteBackend } from './sqlite-backend';

describe('chunks packed as runs', () => {
  const g = 300_000_000;
  const chunk = 5_000;
  const chunkSeries = fc
    .uniqueArray(fc.integer({ min: 0, max: CHUNK_POINTS - 1 }), { maxLength: CHUNK_POINTS })
    .chain((indexes) =>
      fc
        .array(fc.constantFrom(0, -0, 1, 2, NaN, Infinity, -Infinity, 0.1, 1e300), {
          minLength: indexes.length,
          maxLength: indexes.length,
        })
        .map((values) => ({ indexes: [...indexes].sort((a, b) => a - b), values })),
    );

  it('read back bit for bit, -0, NaN and gaps included', () => {
    fc.assert(
      fc.property(chunkSeries, ({ indexes, values }) => {
        const timestamps = Float64Array.from(indexes, (i) => (chunk * CHUNK_POINTS + i) * g);
        const back = unpackChunkRuns(
          packChunkRuns({ timestamps, values: Float64Array.from(values) }, g, chunk),
          g,
          chunk,
        );
        expect(Array.from(back.timestamps)).toEqual(Array.from(timestamps));
        back.values.forEach((v, i) => expect(Object.is(v, values[i])).toBe(true));
      }),
    );
  });
});

describe.each([
  ['memory', () => new MemoryBackend()],
  ['sqlite', () => new SqliteBackend(new Database(':memory:'))],
] as const)('StorageBackend (%s)', (_kind, open) => {
  const g = 60_000_000;
  /** A chunk's series: its buckets at these indexes, with these values. */
  const chunkOf = (chunk: number, indexes: number[], values: number[]): Series => ({
    timestamps: Float64Array.from(indexes, (i) => (chunk * CHUNK_POINTS + i) * g),
    values: Float64Array.from(values),
  });
  const plain = (series: Series | undefined) =>
    series && { timestamps: Array.from(series.timestamps), values: Array.from(series.values) };
  let backend: StorageBackend;
  beforeEach(() => {
    backend = open();
  });
  afterEach(() => backend.close());

  it('keeps a metric’s state as it was put, the latest one winning', () => {
    expect(backend.getState('m')).toBeUndefined();
    expect(backend.getMeta('m')).toBeUndefined();
    const meta: MetricMeta = {
      timespans: [
        [g, 100 * g],
        [5 * g, null],
      ],
      expiredBelow: { [`${g}|mean`]: 40, [`${5 * g}|rate:max`]: -3 },
    };
    backend.putState('m', {
      meta,
      bound: { timestamps: Float64Array.of(1, 2), values: Float64Array.of(-0, NaN) },
    });
    const state = backend.getState('m')!;
    expect(state.meta).toEqual(meta);
    expect(backend.getMeta('m')).toEqual(meta);
    expect(Array.from(state.bound.timestamps)).toEqual([1, 2]);
    expect(Object.is(state.bound.values[0], -0)).toBe(true);
    expect(state.bound.values[1]).toBeNaN();
    const empty: MetricState = { meta: { timespans: [[g, null]], expiredBelow: {} }, bound: EMPTY_SERIES };
    backend.putState('m', empty);
    expect(backend.getState('m')!.meta).toEqual(empty.meta);
    expect(backend.getState('m')!.bound.timestamps).toHaveLength(0);
  });

  it('gives back the raw measures kept exactly, at a steady pace or not', () => {
    const T0 = 1_767_225_600_000_000;
    const timestamps = Float64Array.from([
      ...Array.from({ length: 100 }, (_, i) => T0 + i * 300_000_000),
      T0 + 3e10 + 0.1,
      T0 + 3e10 + 0.3,
      T0 + 3e10 + 0.5,
      ...Array.from({ length: 50 }, (_, i) => T0 + 4e10 + i * i),
    ]);
    const values = Float64Array.from(timestamps, (_, i) => i / 7);
    const meta: MetricMeta = { timespans: [[g, null]], expiredBelow: {} };
    backend.putState('m', { meta, bound: { timestamps, values } });
    const { bound } = backend.getState('m')!;
    expect(Array.from(bound.timestamps)).toEqual(Array.from(timestamps));
    expect(Array.from(bound.values)).toEqual(Array.from(values));
  });

  it('files chunks by granularity, method and number, and rewrites or deletes one in place', () => {
    backend.putChunk('m', g, 'mean', 7, chunkOf(7, [0, 1, 359], [1, 1, 2]));
    backend.putChunk('m', g, 'mean', -2, chunkOf(-2, [5], [3]));
    backend.putChunk('m', g, 'max', 7, chunkOf(7, [4], [9]));
    backend.putChunk('m', 5 * g, 'mean', 1, chunkOf(1, [0], [4]));
    backend.putChunk('m', g, 'mean', 3, chunkOf(3, [2, 3], [5, 6]));
    expect(plain(backend.getChunk('m', g, 'mean', 7))).toEqual(plain(chunkOf(7, [0, 1, 359], [1, 1, 2])));
    expect(backend.getChunk('m', g, 'mean', 4)).toBeUndefined();
    expect(backend.getChunk('m', g, 'min', 7)).toBeUndefined();
    expect(backend.getChunk('other', g, 'mean', 7)).toBeUndefined();
    expect(backend.listChunks('m', g, 'mean', -Infinity, Infinity).map(plain)).toEqual(
      [chunkOf(-2, [5], [3]), chunkOf(3, [2, 3], [5, 6]), chunkOf(7, [0, 1, 359], [1, 1, 2])].map(plain),
    );
    expect(backend.listChunks('m', g, 'mean', 0, 6).map(plain)).toEqual([plain(chunkOf(3, [2, 3], [5, 6]))]);

    backend.putChunk('m', g, 'mean', 3, chunkOf(3, [1, 2, 3], [7, 5, 6]));
    expect(plain(backend.getChunk('m', g, 'mean', 3))).toEqual(plain(chunkOf(3, [1, 2, 3], [7, 5, 6])));
    backend.putChunk('m', g, 'mean', 3, EMPTY_SERIES);
    expect(backend.getChunk('m', g, 'mean', 3)).toBeUndefined();
    expect(backend.listChunks('m', g, 'mean', -Infinity, Infinity)).toHaveLength(2);
    expect(plain(backend.getChunk('m', g, 'max', 7))).toEqual(plain(chunkOf(7, [4], [9])));
  });

  it('keeps a copy of what it is given, not the caller’s buffer', () => {
    const whole = chunkOf(2, [0, 1, 2, 3], [1, 2, 3, 4]);
    const view = { timestamps: whole.timestamps.subarray(1, 3), values: whole.values.subarray(1, 3) };
    backend.putChunk('m', g, 'mean', 2, view);
    whole.values.fill(0);
    expect(plain(backend.getChunk('m', g, 'mean', 2))).toEqual(plain(chunkOf(2, [1, 2], [2, 3])));
  });

  it('expires one granularity and method below a chunk, and deletes a metric whole', () => {
    for (const chunk of [1, 2, 3]) {
      backend.putChunk('m', g, 'mean', chunk, chunkOf(chunk, [0], [chunk]));
      backend.putChunk('m', g, 'max', chunk, chunkOf(chunk, [0], [chunk]));
      backend.putChunk('n', g, 'mean', chunk, chunkOf(chunk, [0], [chunk]));
    }
    backend.deleteChunksBelow('m', g, 'mean', 3);
    backend.deleteChunksBelow('m', g, 'last', 3);
    backend.deleteChunksBelow('absent', g, 'mean', 3);
    expect(backend.listChunks('m', g, 'mean', -Infinity, Infinity).map(plain)).toEqual([
      plain(chunkOf(3, [0], [3])),
    ]);
    expect(backend.listChunks('m', g, 'max', -Infinity, Infinity)).toHaveLength(3);

    backend.putState('m', { meta: { timespans: [[g, null]], expiredBelow: {} }, bound: EMPTY_SERIES });
    backend.deleteMetric('m');
    expect(backend.getState('m')).toBeUndefined();
    expect(backend.listChunks('m', g, 'max', -Infinity, Infinity)).toEqual([]);
    expect(backend.listChunks('n', g, 'mean', -Infinity, Infinity)).toHaveLength(3);
    backend.putChunk('m', g, 'max', 9, chunkOf(9, [1], [1]));
    expect(backend.listChunks('m', g, 'max', -Infinity, Infinity)).toHaveLength(1);
  });
});

describe('SqliteBackend', () => {
  it('reads back the meta a failed transaction left, not the one it put before failing', () => {
    const backend = new SqliteBackend(new Database(':memory:'));
    const kept: MetricMeta = { timespans: [[60_000_000, null]], expiredBelow: {} };
    backend.putState('m', { meta: kept, bound: EMPTY_SERIES });
    expect(() =>
      backend.transaction(() => {
        backend.putState('m', {
          meta: { ...kept, expiredBelow: { '60000000|mean': 9 } },
          bound: EMPTY_SERIES,
        });
        throw new Error('the batch failed');
      }),
    ).toThrow('the batch failed');
    expect(backend.getMeta('m')).toEqual(kept);
    expect(backend.getState('m')!.meta).toEqual(kept);
    backend.close();
  });
});
