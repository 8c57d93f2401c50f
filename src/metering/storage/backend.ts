// Where a metric's data lives: its state (the raw measures kept for recomputation, and what the policy says
// about retention) and its aggregates in chunks of CHUNK_POINTS buckets per (granularity, method).
// A chunk is small enough that appending a measure rewrites little, and large enough that a week of
// 5-minute buckets is a handful of rows. Ten chunks make one Gnocchi split (3 600 buckets), the unit in which
// Gnocchi expires and reads, so its split arithmetic can be replayed on chunk numbers.

import type { Series } from '../carbonara/aggregate';

export const CHUNK_POINTS = 360;
export const CHUNKS_PER_SPLIT = 10; // carbonara.SplitKey.POINTS_PER_SPLIT = 3600

export interface MetricMeta {
  /** The policy's items when last written: [granularityUs, timespanUs or null]. */
  readonly timespans: readonly (readonly [number, number | null])[];
  /** Per `granularity|method`, the chunk number below which everything has been expired. */
  readonly expiredBelow: Readonly<Record<string, number>>;
}

export interface MetricState {
  readonly meta: MetricMeta;
  readonly bound: Series;
}

export interface StorageBackend {
  getState(metricId: string): MetricState | undefined;
  getMeta(metricId: string): MetricMeta | undefined;
  putState(metricId: string, state: MetricState): void;
  getChunk(metricId: string, granularityUs: number, method: string, chunk: number): Series | undefined;
  /** An empty series deletes the chunk. The series may be a view of a larger buffer: keep a copy, not it. */
  putChunk(metricId: string, granularityUs: number, method: string, chunk: number, series: Series): void;
  deleteChunksBelow(metricId: string, granularityUs: number, method: string, chunk: number): void;
  /** Chunks numbered in [fromChunk, toChunk], ascending. */
  listChunks(
    metricId: string,
    granularityUs: number,
    method: string,
    fromChunk: number,
    toChunk: number,
  ): Series[];
  deleteMetric(metricId: string): void;
  transaction<T>(fn: () => T): T;
  close(): void;
}

export function chunkOf(timestampUs: number, granularityUs: number): number {
  return Math.floor(timestampUs / (granularityUs * CHUNK_POINTS));
}

/** The first chunk of the Gnocchi split that holds `timestampUs`. */
export function splitStartChunk(timestampUs: number, granularityUs: number): number {
  return Math.floor(timestampUs / (granularityUs * CHUNK_POINTS * CHUNKS_PER_SPLIT)) * CHUNKS_PER_SPLIT;
}

/** A series packed as one blob: the timestamps, then the values (little-endian doubles). */
export function packSeries(series: Series): Buffer {
  const n = series.timestamps.length;
  const packed = new Float64Array(2 * n);
  packed.set(series.timestamps, 0);
  packed.set(series.values, n);
  return Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
}

/**
 * A chunk packed as one blob: its values (doubles), then each bucket's index in the chunk (uint16), since a
 * bucket's time is the chunk's start plus a whole number of granularities: 10 bytes a bucket instead of 16.
 */
export function packChunk(series: Series, granularityUs: number, chunk: number): Buffer {
  const n = series.timestamps.length;
  const bytes = new ArrayBuffer(n * 10);
  new Float64Array(bytes, 0, n).set(series.values);
  const offsets = new Uint16Array(bytes, n * 8, n);
  const startUs = chunk * granularityUs * CHUNK_POINTS;
  for (let i = 0; i < n; i++) offsets[i] = ((series.timestamps[i] as number) - startUs) / granularityUs;
  return Buffer.from(bytes);
}

export function unpackChunk(blob: Uint8Array, granularityUs: number, chunk: number): Series {
  const bytes = new Uint8Array(blob).buffer;
  const n = bytes.byteLength / 10;
  const offsets = new Uint16Array(bytes, n * 8, n);
  const startUs = chunk * granularityUs * CHUNK_POINTS;
  const timestamps = new Float64Array(n);
  for (let i = 0; i < n; i++) timestamps[i] = startUs + (offsets[i] as number) * granularityUs;
  return { timestamps, values: new Float64Array(bytes, 0, n) };
}

export function unpackSeries(blob: Uint8Array): Series {
  // Copied into a fresh buffer, since a blob need not be aligned for a Float64Array view.
  const all = new Float64Array(new Uint8Array(blob).buffer);
  const n = all.length / 2;
  return { timestamps: all.subarray(0, n), values: all.subarray(n) };
}

/**
 * A chunk packed as runs (the format of databases created since it exists): metered values repeat for long
 * stretches (a VM's vcpus, a count of 1) and buckets follow each other, so a week of them packs into a few
 * hundred bytes instead of 36 kB, which is what a batch's commit writes and syncs. Layout (little-endian):
 * uint16 [n, value runs V, index runs R, 0]; V doubles; V uint16 run lengths; R uint16 first indexes;
 * R uint16 run lengths. Values are equal when Object.is says so (NaN to NaN, 0 apart from -0).
 */
export function packChunkRuns(series: Series, granularityUs: number, chunk: number): Buffer {
  return Buffer.from(packChunkRunsTransient(series, granularityUs, chunk));
}

/** Where chunks are packed: a chunk's runs are at most CHUNK_POINTS values and CHUNK_POINTS / 2 index runs. */
let packScratch = Buffer.allocUnsafeSlow(8 + 10 * CHUNK_POINTS + 4 * Math.ceil(CHUNK_POINTS / 2));
let packView = new DataView(packScratch.buffer, packScratch.byteOffset, packScratch.byteLength);

/**
 * packChunkRuns without allocating: the bytes are a view of a buffer that the next call overwrites, for a
 * caller that copies them at once (into a string, a database row). A write path packs a chunk per
 * (granularity, method) per metric, and allocating each pack's buffer cost more than packing it.
 */
export function packChunkRunsTransient(series: Series, granularityUs: number, chunk: number): Buffer {
  const { timestamps, values } = series;
  const n = timestamps.length;
  const startUs = chunk * granularityUs * CHUNK_POINTS;
  // Counted first, so that each part's place is known before it is written.
  let v = 0;
  for (let i = 0; i < n; i++) if (i === 0 || !Object.is(values[i], values[i - 1])) v++;
  let r = 0;
  let previous = -2;
  for (let i = 0; i < n; i++) {
    const index = (timestamps[i]! - startUs) / granularityUs;
    if (index !== previous + 1) r++;
    previous = index;
  }
  const size = 8 + 10 * v + 4 * r;
  if (size > packScratch.byteLength) {
    packScratch = Buffer.allocUnsafeSlow(size);
    packView = new DataView(packScratch.buffer, packScratch.byteOffset, packScratch.byteLength);
  }
  const view = packView;
  view.setUint16(0, n, true);
  view.setUint16(2, v, true);
  view.setUint16(4, r, true);
  view.setUint16(6, 0, true);
  const lengthsAt = 8 + 8 * v;
  let j = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || !Object.is(values[i], values[i - 1])) {
      j++;
      view.setFloat64(8 + 8 * j, values[i]!, true);
      view.setUint16(lengthsAt + 2 * j, 1, true);
    } else view.setUint16(lengthsAt + 2 * j, view.getUint16(lengthsAt + 2 * j, true) + 1, true);
  }
  const startsAt = lengthsAt + 2 * v;
  const runLengthsAt = startsAt + 2 * r;
  j = -1;
  previous = -2;
  for (let i = 0; i < n; i++) {
    const index = (timestamps[i]! - startUs) / granularityUs;
    if (index !== previous + 1) {
      j++;
      view.setUint16(startsAt + 2 * j, index, true);
      view.setUint16(runLengthsAt + 2 * j, 1, true);
    } else view.setUint16(runLengthsAt + 2 * j, view.getUint16(runLengthsAt + 2 * j, true) + 1, true);
    previous = index;
  }
  return packScratch.subarray(0, size);
}

export function unpackChunkRuns(blob: Uint8Array, granularityUs: number, chunk: number): Series {
  // Read through a DataView, since a blob need not be aligned for typed views.
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const n = view.getUint16(0, true);
  const v = view.getUint16(2, true);
  const r = view.getUint16(4, true);
  const lengthsAt = 8 + 8 * v;
  const values = new Float64Array(n);
  let k = 0;
  for (let j = 0; j < v; j++) {
    const end = k + view.getUint16(lengthsAt + 2 * j, true);
    values.fill(view.getFloat64(8 + 8 * j, true), k, end);
    k = end;
  }
  const startsAt = lengthsAt + 2 * v;
  const runLengthsAt = startsAt + 2 * r;
  const timestamps = new Float64Array(n);
  const startUs = chunk * granularityUs * CHUNK_POINTS;
  k = 0;
  for (let j = 0; j < r; j++) {
    const first = view.getUint16(startsAt + 2 * j, true);
    const length = view.getUint16(runLengthsAt + 2 * j, true);
    for (let i = 0; i < length; i++) timestamps[k++] = startUs + (first + i) * granularityUs;
  }
  return { timestamps, values };
}
