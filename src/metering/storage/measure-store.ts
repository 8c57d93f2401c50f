// The measure store: every aggregate of a metric's archive policy computed at ingestion (carbonara), kept in
// memory or in SQLite, and read back the way Gnocchi's storage.get_aggregated_measures reads it.

import type { ArchivePolicy } from '../carbonara/archive-policy';
import type { Series } from '../carbonara/aggregate';
import { EMPTY_SERIES, lowerBound, roundTimestamp, upperBound } from '../carbonara/aggregate';
import type { Measures } from '../carbonara/ingest';
import { combine, ingest } from '../carbonara/ingest';
import type { MetricMeta, StorageBackend } from './backend';
import { CHUNK_POINTS, CHUNKS_PER_SPLIT, chunkOf, splitStartChunk } from './backend';
import { MemoryBackend } from './memory-backend';
import { SqliteBackend } from './sqlite-backend';

export type { Measures } from '../carbonara/ingest';

/**
 * The store as the engine's routes use it: one in this thread (`LocalMeasureStore`), or one that reads here and
 * sends its writes to another thread, where they are durable when the returned promise settles.
 */
export interface MeasureStore {
  /**
   * Computes every aggregate of the policy at ingestion (bucket = floor(ts/g)), honours back_window (older
   * measures are ignored as Gnocchi does) and expires points beyond each item's size. Returns once durable
   * (SQLite: committed with synchronous=FULL; survives kill -9).
   */
  addMeasures(metricId: string, policy: ArchivePolicy, measures: Measures): void | Promise<void>;
  /** Many metrics in one transaction (the batch routes). */
  addMeasuresBatch(batch: readonly MetricMeasures[]): void | Promise<void>;
  /**
   * One aggregation at one granularity, ascending, as AggregatedTimeSerie.fetch answers: from `fromUs`
   * rounded down to the granularity, to `toUs` excluded. Empty when nothing is stored.
   */
  read(
    metricId: string,
    aggregation: string,
    granularityUs: number,
    fromUs?: number,
    toUs?: number,
  ): { timestamps: Float64Array; values: Float64Array };
  /**
   * After PATCH /v1/archive_policy: reads cut to the new timespans at once, as Gnocchi's do (writes take the
   * policy they are given anyway). Nothing to do for a metric without measures.
   */
  updatePolicy(metricId: string, policy: ArchivePolicy): void | Promise<void>;
  deleteMetric(metricId: string): void | Promise<void>;
  close(): void | Promise<void>;
}

export interface MetricMeasures {
  readonly metricId: string;
  readonly policy: ArchivePolicy;
  readonly measures: Measures;
}

/** A store in this thread: each write is durable when it returns. */
export interface LocalMeasureStore extends MeasureStore {
  addMeasures(metricId: string, policy: ArchivePolicy, measures: Measures): void;
  addMeasuresBatch(batch: readonly MetricMeasures[]): void;
  updatePolicy(metricId: string, policy: ArchivePolicy): void;
  deleteMetric(metricId: string): void;
  close(): void;
}

function concat(parts: readonly Series[]): Series {
  if (parts.length === 1) return parts[0] as Series;
  const n = parts.reduce((total, part) => total + part.timestamps.length, 0);
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  let offset = 0;
  for (const part of parts) {
    timestamps.set(part.timestamps, offset);
    values.set(part.values, offset);
    offset += part.timestamps.length;
  }
  return { timestamps, values };
}

class CarbonaraStore implements LocalMeasureStore {
  constructor(private readonly backend: StorageBackend) {}

  addMeasures(metricId: string, policy: ArchivePolicy, measures: Measures): void {
    this.backend.transaction(() => this.apply(metricId, policy, measures));
  }

  addMeasuresBatch(batch: readonly MetricMeasures[]): void {
    this.backend.transaction(() => {
      for (const { metricId, policy, measures } of batch) this.apply(metricId, policy, measures);
    });
  }

  private apply(metricId: string, policy: ArchivePolicy, measures: Measures): void {
    if (measures.timestampsUs.length === 0) return;
    const state = this.backend.getState(metricId);
    const result = ingest(policy, state?.bound ?? null, measures);
    const expiredBelow: Record<string, number> = { ...state?.meta.expiredBelow };
    for (const { granularityUs, method, series, oldestPointToKeepUs } of result.updates) {
      this.storeBuckets(metricId, granularityUs, method, series, state === undefined);
      if (oldestPointToKeepUs === null) continue;
      // Gnocchi deletes whole splits older than the one holding the oldest point to keep; what remains
      // beyond the timespan is cut again when read.
      const key = `${granularityUs}|${method}`;
      const below = splitStartChunk(oldestPointToKeepUs, granularityUs);
      if (below > (expiredBelow[key] ?? -Infinity)) {
        this.backend.deleteChunksBelow(metricId, granularityUs, method, below);
        expiredBelow[key] = below;
      }
    }
    const meta: MetricMeta = {
      timespans: policy.definition.map((item) => [item.granularityUs, item.timespanUs] as const),
      expiredBelow,
    };
    this.backend.putState(metricId, { meta, bound: result.bound });
  }

  /** Merges recomputed buckets into their chunks, a recomputed bucket replacing the stored one. */
  private storeBuckets(
    metricId: string,
    granularityUs: number,
    method: string,
    series: Series,
    fresh: boolean,
  ): void {
    const { timestamps, values } = series;
    let start = 0;
    while (start < timestamps.length) {
      const chunk = chunkOf(timestamps[start] as number, granularityUs);
      const end = lowerBound(timestamps, (chunk + 1) * granularityUs * CHUNK_POINTS, start);
      // Usually the whole series, one or two buckets in the last chunk: no views to cut.
      const part =
        start === 0 && end === timestamps.length
          ? series
          : { timestamps: timestamps.subarray(start, end), values: values.subarray(start, end) };
      // A metric's chunks are written with its state, so one without a state has none to merge with.
      const existing = fresh ? undefined : this.backend.getChunk(metricId, granularityUs, method, chunk);
      const merged = existing ? combine(part, existing) : part;
      this.backend.putChunk(metricId, granularityUs, method, chunk, merged);
      start = end;
    }
  }

  read(
    metricId: string,
    aggregation: string,
    granularityUs: number,
    fromUs?: number,
    toUs?: number,
  ): { timestamps: Float64Array; values: Float64Array } {
    const item = this.backend.getMeta(metricId)?.timespans.find(([g]) => g === granularityUs);
    if (!item) return { timestamps: new Float64Array(0), values: new Float64Array(0) };
    // Gnocchi reads the splits from the one holding `from` to the one holding `to`, cuts them to the timespan
    // counted back from the last point read, then keeps [round(from), to).
    const fromChunk = fromUs === undefined ? -Infinity : splitStartChunk(fromUs, granularityUs);
    const toChunk =
      toUs === undefined ? Infinity : splitStartChunk(toUs, granularityUs) + CHUNKS_PER_SPLIT - 1;
    const parts = this.backend.listChunks(metricId, granularityUs, aggregation, fromChunk, toChunk);
    const series = parts.length === 0 ? EMPTY_SERIES : concat(parts);
    const timespanUs = item[1];
    const last = series.timestamps[series.timestamps.length - 1];
    let begin = 0;
    let end = series.timestamps.length;
    if (timespanUs !== null && last !== undefined) begin = upperBound(series.timestamps, last - timespanUs);
    if (fromUs !== undefined)
      begin = Math.max(begin, lowerBound(series.timestamps, roundTimestamp(fromUs, granularityUs)));
    if (toUs !== undefined) end = Math.min(end, lowerBound(series.timestamps, toUs));
    if (end < begin) end = begin;
    // A concatenation is this read's own copy; a single part may be the backend's stored chunk.
    const cut = parts.length > 1 ? 'subarray' : 'slice';
    return { timestamps: series.timestamps[cut](begin, end), values: series.values[cut](begin, end) };
  }

  updatePolicy(metricId: string, policy: ArchivePolicy): void {
    this.backend.transaction(() => {
      const state = this.backend.getState(metricId);
      if (!state) return;
      const timespans = policy.definition.map((item) => [item.granularityUs, item.timespanUs] as const);
      this.backend.putState(metricId, { meta: { ...state.meta, timespans }, bound: state.bound });
    });
  }

  deleteMetric(metricId: string): void {
    this.backend.deleteMetric(metricId);
  }

  close(): void {
    this.backend.close();
  }
}

/** In memory without `dataDir`; SQLite in `dataDir/metering.sqlite` with it. */
export function openMeasureStore(options: { dataDir?: string }): LocalMeasureStore {
  return new CarbonaraStore(
    options.dataDir === undefined ? new MemoryBackend() : SqliteBackend.open(options.dataDir),
  );
}
