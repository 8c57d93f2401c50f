import { aggregateSpans } from './aggregation-iterator';
import { bucketerFor, downsample } from './downsampler';
import { noSuchName } from './errors';
import { DataPointBudget, DEFAULT_MAX_DATA_POINTS } from './query-limits';
import type { SubQuery, TsQuery } from './query-model';
import { rate } from './rate';
import type { DataPoint, ReadWindow, SeriesData, SeriesRef, TsdbStore } from './store';
import { seriesKey } from './store';
import { matchesAll } from './tag-filters';

// The /api/query pipeline without HTTP, in OpenTSDB's order: filter → group → per-series downsample (with fill)
// → per-series rate → cross-series aggregation with interpolation → keep start <= ts <= end.

export interface QueryResult {
  readonly metric: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly aggregateTags: readonly string[];
  readonly dps: readonly DataPoint[];
  readonly subQuery: SubQuery;
}

export interface RunQueryOptions {
  /** The most data points one query may make, across all its series and sub-queries (see query-limits). */
  readonly maxDataPoints?: number;
}

const HOUR_S = 3600;

export async function runQuery(
  store: TsdbStore,
  query: TsQuery,
  options: RunQueryOptions = {},
): Promise<QueryResult[]> {
  const budget = new DataPointBudget(options.maxDataPoints ?? DEFAULT_MAX_DATA_POINTS);
  const perSubQuery = await Promise.all(query.queries.map((sub) => runSubQuery(store, query, sub, budget)));
  return perSubQuery.flat();
}

/** OpenTSDB's hour-aligned scan window, padded by one interval at the end, in ms ([start, end)). */
export function scanWindow(query: TsQuery, sub: SubQuery): { scanStart: number; scanEnd: number } {
  const interval = sub.downsample?.interval?.ms ?? 0;
  let start = Math.floor(query.startMs / 1000);
  let end = Math.floor(query.endMs / 1000);
  if (interval > 0) {
    start -= Math.floor(((1000 * start) % interval) / 1000);
    end -= Math.floor(((1000 * end) % interval) / 1000);
    end += Math.floor(interval / 1000);
  }
  start = Math.max(0, start - (start % HOUR_S));
  end = end - (end % HOUR_S) + HOUR_S;
  return { scanStart: start * 1000, scanEnd: end * 1000 };
}

async function runSubQuery(
  store: TsdbStore,
  query: TsQuery,
  sub: SubQuery,
  budget: DataPointBudget,
): Promise<QueryResult[]> {
  if (!(await store.hasMetric(sub.metric))) throw noSuchName('metrics', sub.metric);
  const { scanStart, scanEnd } = scanWindow(query, sub);
  const window: ReadWindow = {
    startMs: scanStart,
    endMs: scanEnd - 1,
    resolutionMs: resolutionHint(query, sub, scanStart, scanEnd),
  };
  const filled = filledBucketsPerSeries(sub, scanStart, scanEnd);
  const groups = [...groupSeries(await selectSeries(store, sub), sub)].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  if (filled !== undefined) await checkFilledTotal(store, groups, window, filled, budget);
  const results: QueryResult[] = [];
  for (const [, members] of groups) {
    const present: SeriesRef[] = [];
    const spans: DataPoint[][] = [];
    // One series at a time, each counted as it is made, so a refusal comes before a whole group is in memory.
    for (const series of members) {
      const data = await store.readSeries(series, window);
      // A series without points in the scan window does not exist for this query, as in OpenTSDB's row scan.
      if (!hasPoints(data)) continue;
      if (filled !== undefined) budget.check(filled);
      const points = seriesPoints(data, query, sub, scanStart, scanEnd);
      budget.spend(points.length);
      present.push(series);
      spans.push(points);
    }
    if (present.length === 0) continue;
    const dps = aggregateSpans(spans, sub.aggregator, sub.rate).filter(
      (p) => p.ts >= query.startMs && p.ts <= query.endMs,
    );
    results.push({ metric: sub.metric, ...groupTags(present), dps, subQuery: sub });
  }
  return results;
}

/**
 * Refuses a filled query from its bucket count times the series that have points in the window, before any
 * bucket is made: a group-by of many one-series groups would otherwise fill several groups first. Series are
 * read twice only when every candidate series filled would pass the limit.
 */
async function checkFilledTotal(
  store: TsdbStore,
  groups: readonly (readonly [string, readonly SeriesRef[]])[],
  window: ReadWindow,
  filled: number,
  budget: DataPointBudget,
): Promise<void> {
  const candidates = groups.flatMap(([, members]) => members);
  if (budget.fits(candidates.length * filled)) return;
  let present = 0;
  for (const series of candidates) if (hasPoints(await store.readSeries(series, window))) present++;
  budget.check(present * filled);
}

/**
 * How many buckets a fill policy makes for every series in the scan window, known before any is made (the
 * memory a filled downsample takes is not bounded by the data read). Calendar buckets are counted at their
 * nominal length (a 30-day month), close enough for a limit.
 */
function filledBucketsPerSeries(sub: SubQuery, scanStart: number, scanEnd: number): number | undefined {
  const spec = sub.downsample;
  if (!spec?.interval || spec.fill === 'none') return undefined;
  return Math.ceil((scanEnd - scanStart) / spec.interval.ms);
}

function hasPoints(d: SeriesData): boolean {
  return d.kind === 'raw' ? d.points.length > 0 : d.buckets.length > 0;
}

async function selectSeries(store: TsdbStore, sub: SubQuery): Promise<SeriesRef[]> {
  const filterKeys = new Set(sub.filters.map((f) => f.tagk));
  return (await store.findSeries(sub.metric)).filter((s) => {
    if (!matchesAll(sub.filters, s.tags)) return false;
    if (!sub.explicitTags) return true;
    const keys = Object.keys(s.tags);
    return keys.length === filterKeys.size && keys.every((k) => filterKeys.has(k));
  });
}

function groupSeries(series: readonly SeriesRef[], sub: SubQuery): Map<string, SeriesRef[]> {
  const groupKeys = [...new Set(sub.filters.filter((f) => f.groupBy).map((f) => f.tagk))].sort();
  const groups = new Map<string, SeriesRef[]>();
  for (const s of series) {
    let key: string;
    if (sub.aggregator.name === 'none') key = seriesKey(s);
    else {
      const values = groupKeys.map((k) => s.tags[k]);
      // A series lacking a group-by key cannot be placed in a group.
      if (values.some((v) => v === undefined)) continue;
      key = JSON.stringify(values);
    }
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  return groups;
}

/** Keys with one value across the group stay tags (even if only some series have them); others aggregate. */
function groupTags(series: readonly SeriesRef[]): { tags: Record<string, string>; aggregateTags: string[] } {
  const tags: Record<string, string> = {};
  const aggregated = new Set<string>();
  for (const s of series) {
    for (const [k, v] of Object.entries(s.tags)) {
      if (aggregated.has(k)) continue;
      const seen = tags[k];
      if (seen === undefined) tags[k] = v;
      else if (seen !== v) {
        delete tags[k];
        aggregated.add(k);
      }
    }
  }
  return { tags, aggregateTags: [...aggregated].sort() };
}

function seriesPoints(
  data: SeriesData,
  query: TsQuery,
  sub: SubQuery,
  scanStart: number,
  scanEnd: number,
): DataPoint[] {
  let points: DataPoint[];
  if (sub.downsample) {
    points = downsample(data, sub.downsample, query.timezone, {
      queryStart: query.startMs,
      queryEnd: query.endMs,
      scanStart,
      scanEnd,
    });
  } else if (data.kind === 'raw') {
    points = [...data.points];
  } else {
    // Raw points have aged out: the rollup means stand for them.
    points = data.buckets.map((b) => ({ ts: b.ts, value: b.sum / b.count, isInteger: false }));
  }
  return sub.rate ? rate(points, sub.rateOptions) : points;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y) [x, y] = [y, x % y];
  return x;
}

/** The widest epoch-aligned bucket that fits inside every downsample bucket of this query (see ReadWindow). */
function resolutionHint(
  query: TsQuery,
  sub: SubQuery,
  scanStart: number,
  scanEnd: number,
): number | undefined {
  const spec = sub.downsample;
  if (!spec?.fn.rollupStat) return undefined;
  if (!spec.interval) return gcd(query.startMs, query.endMs) || undefined;
  if (!spec.calendar) return spec.interval.ms;
  const bucketer = bucketerFor(spec, query.timezone);
  if (!bucketer) return undefined;
  let hint = 0;
  let steps = 0;
  for (
    let b = bucketer.start(scanStart);
    b < scanEnd && steps < 10_000;
    b = bucketer.start(bucketer.end(b)), steps++
  ) {
    hint = gcd(hint, b);
  }
  return hint || undefined;
}
