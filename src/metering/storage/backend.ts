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
  /** An empty series deletes the chunk. */
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
