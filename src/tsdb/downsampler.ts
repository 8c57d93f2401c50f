import type { Aggregator } from './aggregators';
import { calendarBucketEnd, calendarBucketStart } from './calendar-buckets';
import type { DownsampleSpec } from './downsample-spec';
import type { DataPoint, RollupBucket, SeriesData } from './store';

// Per-series downsampling (OpenTSDB's Downsampler and FillingDownsampler). Buckets are epoch-aligned (or
// calendar-aligned in the query's zone), stamped with their start, and fed by every point of the scan window,
// padding included. Input may be rollup buckets, so long ranges never touch raw points.

export interface Bucketer {
  start(ts: number): number;
  end(bucketStart: number): number;
}

export function bucketerFor(spec: DownsampleSpec, timezone: string): Bucketer | undefined {
  const interval = spec.interval;
  if (!interval) return undefined;
  if (spec.calendar) {
    return {
      start: (ts) => calendarBucketStart(ts, interval.count, interval.unit, timezone),
      end: (b) => calendarBucketEnd(b, interval.count, interval.unit, timezone),
    };
  }
  const ms = interval.ms;
  return { start: (ts) => ts - (((ts % ms) + ms) % ms), end: (b) => b + ms };
}

export interface DownsampleWindow {
  readonly queryStart: number;
  readonly queryEnd: number;
  readonly scanStart: number;
  readonly scanEnd: number;
}

export function downsample(
  data: SeriesData,
  spec: DownsampleSpec,
  timezone: string,
  window: DownsampleWindow,
): DataPoint[] {
  const bucketer = bucketerFor(spec, timezone);
  const items = data.kind === 'raw' ? data.points : data.buckets;
  const reduce = (from: number, to: number) =>
    data.kind === 'raw'
      ? reducePoints(spec.fn, data.points, from, to)
      : reduceRollups(spec.fn, data.buckets, from, to);
  if (!bucketer) {
    // `0all`: the only end-exclusive window in OpenTSDB, stamped with the query start.
    const lo = lowerBound(items, window.queryStart);
    const hi = lowerBound(items, window.queryEnd);
    return hi > lo ? [{ ts: window.queryStart, value: reduce(lo, hi), isInteger: false }] : [];
  }
  const out: DataPoint[] = [];
  const fill = fillValue(spec);
  let i = 0;
  if (fill === undefined) {
    while (i < items.length) {
      const b = bucketer.start(items[i]?.ts ?? 0);
      const end = bucketer.end(b);
      const from = i;
      while (i < items.length && (items[i]?.ts ?? 0) < end) i++;
      out.push({ ts: b, value: reduce(from, i), isInteger: false });
    }
    return out;
  }
  for (let b = bucketer.start(window.scanStart); b < window.scanEnd; b = bucketer.start(bucketer.end(b))) {
    const end = bucketer.end(b);
    while (i < items.length && (items[i]?.ts ?? 0) < b) i++;
    const from = i;
    while (i < items.length && (items[i]?.ts ?? 0) < end) i++;
    out.push({ ts: b, value: i > from ? reduce(from, i) : fill, isInteger: false });
  }
  return out;
}

function fillValue(spec: DownsampleSpec): number | undefined {
  switch (spec.fill) {
    case 'none':
      return undefined;
    case 'zero':
      return 0;
    case 'nan':
    case 'null':
      return NaN;
  }
}

function reducePoints(fn: Aggregator, points: readonly DataPoint[], from: number, to: number): number {
  const values = new Array<number>(to - from);
  for (let k = from; k < to; k++) values[k - from] = points[k]?.value ?? NaN;
  return fn.runDouble(values);
}

/** Exact answers from rollup statistics when the function allows it, else the function over bucket means. */
function reduceRollups(fn: Aggregator, buckets: readonly RollupBucket[], from: number, to: number): number {
  const slice = buckets.slice(from, to);
  switch (fn.rollupStat) {
    case 'sum':
      return slice.reduce((a, b) => a + b.sum, 0);
    case 'count':
      return slice.reduce((a, b) => a + b.count, 0);
    case 'min':
      return slice.reduce((a, b) => Math.min(a, b.min), Infinity);
    case 'max':
      return slice.reduce((a, b) => Math.max(a, b.max), -Infinity);
    case 'avg':
      return slice.reduce((a, b) => a + b.sum, 0) / slice.reduce((a, b) => a + b.count, 0);
    case undefined:
      return fn.runDouble(slice.map((b) => b.sum / b.count));
  }
}

/** First index whose ts is >= t. */
export function lowerBound(items: readonly { readonly ts: number }[], t: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((items[mid]?.ts ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
