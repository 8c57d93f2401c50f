import { BUCKET_MS } from '@/shared/metrics/catalog';
import {
  ReadOnlyStoreError,
  seriesKey,
  type DataPoint,
  type NameKind,
  type ReadWindow,
  type RollupBucket,
  type SeriesData,
  type SeriesRef,
  type TsdbStore,
} from '@/tsdb';
import type { SeriesFamily, SyntheticSeries } from './synthetic-series';

// The simulated Metrics platform as a tsdb store: points computed on demand from the synthetic series, one per
// 5-minute bucket, going back one year. Nothing is stored; a query for a coarse resolution gets rollup buckets
// computed from the same 5-minute values, for all the series of one live object at once (see SeriesFamily),
// and complete past buckets are memoised since they never change.

const HISTORY_MS = 366 * 86_400_000;
/** Enough memoised rollup buckets (of a whole family each) for a year of a 120-VM demo, bounded for 10 000. */
const MAX_CACHED_BUCKETS = 500_000;

export class SyntheticStore implements TsdbStore {
  private readonly byMetric = new Map<string, SyntheticSeries[]>();
  private readonly byKey = new Map<string, SyntheticSeries>();
  private readonly names: Record<NameKind, string[]>;
  /** Whole past rollup buckets by family, interval and start (see summarize). */
  private readonly rollups = new Map<string, Float64Array>();

  constructor(
    series: readonly SyntheticSeries[],
    private readonly now: () => number,
  ) {
    const tagKeys = new Set<string>();
    const tagValues = new Set<string>();
    for (const s of series) {
      const list = this.byMetric.get(s.metric) ?? [];
      list.push(s);
      this.byMetric.set(s.metric, list);
      this.byKey.set(seriesKey(s), s);
      for (const [k, v] of Object.entries(s.tags)) {
        tagKeys.add(k);
        tagValues.add(v);
      }
    }
    this.names = {
      metrics: [...this.byMetric.keys()].sort(),
      tagk: [...tagKeys].sort(),
      tagv: [...tagValues].sort(),
    };
  }

  findSeries(metric: string): Promise<readonly SeriesRef[]> {
    return Promise.resolve(this.byMetric.get(metric) ?? []);
  }

  hasMetric(metric: string): Promise<boolean> {
    return Promise.resolve(this.byMetric.has(metric));
  }

  suggest(kind: NameKind, prefix: string, max: number): Promise<readonly string[]> {
    return Promise.resolve(this.names[kind].filter((n) => n.startsWith(prefix)).slice(0, max));
  }

  write(): Promise<void> {
    return Promise.reject(new ReadOnlyStoreError('The simulated Metrics platform'));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  readSeries(ref: SeriesRef, window: ReadWindow): Promise<SeriesData> {
    const series = this.byKey.get(seriesKey(ref));
    const nowBucket = Math.floor(this.now() / BUCKET_MS);
    const first = Math.max(
      Math.ceil(window.startMs / BUCKET_MS),
      Math.ceil((this.now() - HISTORY_MS) / BUCKET_MS),
    );
    const last = Math.min(Math.floor(window.endMs / BUCKET_MS), nowBucket);
    if (!series || first > last) return Promise.resolve({ kind: 'raw', points: [] });
    // Rollup buckets must divide the query's resolution, so they are whole multiples of 5 minutes.
    const resolution = window.resolutionMs ?? 0;
    const interval = resolution > 0 && resolution % BUCKET_MS === 0 ? resolution / BUCKET_MS : 1;
    if (interval <= 1) return Promise.resolve({ kind: 'raw', points: this.raw(series, first, last) });
    return Promise.resolve({
      kind: 'rollup',
      intervalMs: interval * BUCKET_MS,
      buckets: this.buckets(series, first, last, interval, nowBucket),
    });
  }

  private raw(series: SyntheticSeries, first: number, last: number): DataPoint[] {
    const points: DataPoint[] = [];
    for (let b = first; b <= last; b++) {
      const value = series.valueAt(b);
      if (value !== undefined) points.push({ ts: b * BUCKET_MS, value, isInteger: Number.isInteger(value) });
    }
    return points;
  }

  private buckets(
    series: SyntheticSeries,
    first: number,
    last: number,
    interval: number,
    nowBucket: number,
  ): RollupBucket[] {
    const out: RollupBucket[] = [];
    const { family } = series;
    const member = family.members.indexOf(series);
    for (let start = Math.floor(first / interval) * interval; start <= last; start += interval) {
      // Edge buckets are computed over the part inside the window; only whole past buckets are memoised.
      const from = Math.max(start, first);
      const to = Math.min(start + interval - 1, last);
      const whole = from === start && to === start + interval - 1 && to < nowBucket;
      const cacheKey = `${family.key}@${interval}@${start}`;
      let summaries = whole ? this.rollups.get(cacheKey) : undefined;
      if (!summaries) {
        summaries = summarize(family, from, to);
        if (whole) this.remember(cacheKey, summaries);
      }
      const at = 4 * member;
      const count = summaries[at]!;
      if (count > 0) {
        out.push({
          ts: start * BUCKET_MS,
          count,
          sum: summaries[at + 1]!,
          min: summaries[at + 2]!,
          max: summaries[at + 3]!,
        });
      }
    }
    return out;
  }

  private remember(key: string, summaries: Float64Array): void {
    if (this.rollups.size >= MAX_CACHED_BUCKETS) this.rollups.clear();
    this.rollups.set(key, summaries);
  }
}

/**
 * Count, sum, min and max of each member of the family over [from, to], four numbers a member in `members`
 * order, from one pass over its 5-minute buckets. Packed, since a year of a demo's families is memoised.
 */
function summarize(family: SeriesFamily, from: number, to: number): Float64Array {
  const n = family.members.length;
  const out = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) {
    out[4 * i + 2] = Infinity;
    out[4 * i + 3] = -Infinity;
  }
  for (let b = from; b <= to; b++) {
    const values = family.valuesAt(b);
    for (let i = 0; i < n; i++) {
      const value = values[i];
      if (value === undefined) continue;
      out[4 * i]! += 1;
      out[4 * i + 1]! += value;
      if (value < out[4 * i + 2]!) out[4 * i + 2] = value;
      if (value > out[4 * i + 3]!) out[4 * i + 3] = value;
    }
  }
  return out;
}
