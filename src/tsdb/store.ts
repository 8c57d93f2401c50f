// The one boundary between the query engine and where points come from. The engine only enumerates series,
// reads a window of one series and suggests names; it never assumes points are stored, so a synthetic source
// that computes values from (series, bucket) fits as well as the in-memory and SQLite stores.

export type Tags = Readonly<Record<string, string>>;

export interface SeriesRef {
  readonly metric: string;
  readonly tags: Tags;
}

/** A raw point. `isInteger` keeps OpenTSDB's long/double distinction, which changes aggregation results. */
export interface DataPoint {
  readonly ts: number;
  readonly value: number;
  readonly isInteger: boolean;
}

/** Precomputed statistics of the raw points in `[ts, ts + intervalMs)`. */
export interface RollupBucket {
  readonly ts: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

/**
 * A series window, either raw or from a rollup. A store answers with a rollup only when asked for a resolution
 * (see ReadWindow) or when raw points no longer cover the window, the way vCenter ages its statistics.
 */
export type SeriesData =
  | { readonly kind: 'raw'; readonly points: readonly DataPoint[] }
  | { readonly kind: 'rollup'; readonly intervalMs: number; readonly buckets: readonly RollupBucket[] };

export interface ReadWindow {
  /** Inclusive bounds, epoch ms. */
  readonly startMs: number;
  readonly endMs: number;
  /**
   * The coarsest epoch-aligned bucket width (ms) the query can use without losing exactness: every bucket
   * boundary of the query's downsampler is a multiple of it. A store may answer from any rollup whose interval
   * divides it. Absent when the query needs raw points (no downsampler, or a function no rollup answers).
   */
  readonly resolutionMs?: number;
}

export interface IncomingPoint extends SeriesRef, DataPoint {}

export type NameKind = 'metrics' | 'tagk' | 'tagv';

export interface TsdbStore {
  /** Every series of a metric that may hold points; the engine filters by tags itself. */
  findSeries(metric: string): Promise<readonly SeriesRef[]>;
  /** Points of one series in the window, sorted by time, one per timestamp. */
  readSeries(series: SeriesRef, window: ReadWindow): Promise<SeriesData>;
  /** Resolves once the points are durable (acknowledged). Read-only sources reject with ReadOnlyStoreError. */
  write(points: readonly IncomingPoint[]): Promise<void>;
  /** Whether a metric name is known at all (OpenTSDB's UID lookup): unknown metrics are a 400, not `[]`. */
  hasMetric(metric: string): Promise<boolean>;
  /** Sorted names of one kind that start with `prefix`, at most `max`. */
  suggest(kind: NameKind, prefix: string, max: number): Promise<readonly string[]>;
  close(): Promise<void>;
}

export class ReadOnlyStoreError extends Error {
  constructor(source: string) {
    super(`${source} is read-only: it does not accept data points`);
    this.name = 'ReadOnlyStoreError';
  }
}

/** The tags' part of `seriesKey`, in key order: one VM's metrics all have the same. */
export function tagsKey(tags: Tags): string {
  return Object.keys(tags)
    .sort()
    .map((k) => `${k}=${tags[k] ?? ''}`)
    .join(',');
}

/** A canonical, order-independent identity for a series, usable as a map key or a database key. */
export function seriesKey(series: SeriesRef): string {
  return `${series.metric}{${tagsKey(series.tags)}}`;
}
