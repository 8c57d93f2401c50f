// carbonara's GroupedTimeSeries: one value per bucket (floor(ts / granularity) × granularity) for each
// aggregation method, with numpy's arithmetic kept where it shows in the result (sums accumulated in time
// order, std with ddof=1 and no point for a bucket of one, quantiles interpolated from positions counted
// from the start of the grouped slice, NaN sorted last).

export interface Series {
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

export const EMPTY_SERIES: Series = { timestamps: new Float64Array(0), values: new Float64Array(0) };

/** floor(ts / granularity) × granularity, exact on integer microseconds (no division rounding). */
export function roundTimestamp(timestampUs: number, granularityUs: number): number {
  const rest = timestampUs % granularityUs;
  return rest < 0 ? timestampUs - rest - granularityUs : timestampUs - rest;
}

/** First index whose timestamp is >= t (numpy.searchsorted, side left). */
export function lowerBound(timestamps: Float64Array, t: number, from = 0): number {
  let lo = from;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((timestamps[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose timestamp is > t (numpy.searchsorted, side right). */
export function upperBound(timestamps: Float64Array, t: number): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((timestamps[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type BucketFn = (values: Float64Array, start: number, end: number, offset: number) => number | undefined;

function sortedBucket(values: Float64Array, start: number, end: number): Float64Array {
  // Float64Array's sort is numeric and puts NaN last, as numpy's lexsort does.
  return values.slice(start, end).sort();
}

function sum(values: Float64Array, start: number, end: number): number {
  let total = 0;
  for (let i = start; i < end; i++) total += values[i] as number;
  return total;
}

function quantile(q: number): BucketFn {
  return (values, start, end, offset) => {
    const ordered = sortedBucket(values, start, end);
    const count = end - start;
    // numpy computes the position in the whole grouped array; its rounding is kept by doing the same.
    const minPos = start - offset;
    const realPos = minPos + (count - 1) * (q / 100);
    const floorPos = Math.floor(realPos);
    const ceilPos = Math.ceil(realPos);
    const low = ordered[floorPos - minPos] as number;
    if (floorPos === ceilPos) return low;
    const high = ordered[ceilPos - minPos] as number;
    return low * (ceilPos - realPos) + high * (realPos - floorPos);
  };
}

const FUNCTIONS: Readonly<Record<string, BucketFn>> = {
  mean: (v, s, e) => sum(v, s, e) / (e - s),
  sum: (v, s, e) => sum(v, s, e),
  count: (_v, s, e) => e - s,
  first: (v, s) => v[s],
  last: (v, _s, e) => v[e - 1],
  min: (v, s, e) => {
    // numpy's argsort-and-assign keeps the smallest number, NaN only when there is nothing else.
    let best = NaN;
    for (let i = s; i < e; i++) {
      const x = v[i] as number;
      if (!(x >= best) && !Number.isNaN(x)) best = x;
    }
    return best;
  },
  max: (v, s, e) => {
    // ... and the last of the sorted values for max, which is NaN when the bucket holds one.
    let best = -Infinity;
    for (let i = s; i < e; i++) {
      const x = v[i] as number;
      if (Number.isNaN(x)) return NaN;
      if (x > best) best = x;
    }
    return best;
  },
  median: (v, s, e) => {
    const ordered = sortedBucket(v, s, e);
    const count = e - s;
    const floor = count - 1 - Math.floor(count / 2);
    const ceil = floor + (((count % 2) + 1) % 2);
    return ((ordered[floor] as number) + (ordered[ceil] as number)) / 2;
  },
  std: (v, s, e) => {
    const count = e - s;
    if (count < 2) return undefined;
    const mean = sum(v, s, e) / count;
    let squares = 0;
    for (let i = s; i < e; i++) squares += ((v[i] as number) - mean) ** 2;
    return Math.sqrt(squares / (count - 1));
  },
};

const PCT = /^([1-9][0-9]?)pct$/;

function bucketFunction(method: string): BucketFn | undefined {
  // Looked up for each method of each metric written: the plain names first, without a regex.
  if (Object.hasOwn(FUNCTIONS, method)) return FUNCTIONS[method];
  const pct = PCT.exec(method);
  return pct ? quantile(Number(pct[1])) : undefined;
}

/** Whether storage can compute `method` (a valid name, not one of the `+x`/`-x` leftovers a policy may list). */
export function isComputableMethod(method: string): boolean {
  return bucketFunction(method.startsWith('rate:') ? method.slice(5) : method) !== undefined;
}

/** The buckets of points [from, length): their timestamps and where each starts (plus the end). */
export interface Groups {
  readonly from: number;
  readonly buckets: Float64Array;
  readonly bounds: Int32Array;
}

export function groupSlice(series: Series, from: number, granularityUs: number): Groups {
  const { timestamps } = series;
  const n = timestamps.length;
  // At most one bucket per point: typed arrays sized for that and cut, rather than arrays grown point by point.
  const buckets = new Float64Array(Math.max(0, n - from));
  const bounds = new Int32Array(Math.max(0, n - from) + 1);
  let k = 0;
  let start = from;
  while (start < n) {
    const bucket = roundTimestamp(timestamps[start] as number, granularityUs);
    const next = bucket + granularityUs;
    let end = start + 1;
    while (end < n && (timestamps[end] as number) < next) end++;
    buckets[k] = bucket;
    bounds[k++] = start;
    start = end;
  }
  bounds[k] = n;
  return { from, buckets: buckets.subarray(0, k), bounds: bounds.subarray(0, k + 1) };
}

/**
 * One plain method (no `rate:`) over grouped points of a time-ordered series with unique timestamps.
 * Positions used by the quantiles count from `groups.from`, as Gnocchi's grouped slice starts there.
 */
export function aggregateGroups(series: Series, groups: Groups, method: string): Series {
  const fn = bucketFunction(method);
  if (!fn) throw new Error(`Unknown aggregation method \`${method}'`);
  const { buckets, bounds } = groups;
  const timestamps = new Float64Array(buckets.length);
  const values = new Float64Array(buckets.length);
  let k = 0;
  for (let b = 0; b < buckets.length; b++) {
    const value = fn(series.values, bounds[b] as number, bounds[b + 1] as number, groups.from);
    if (value === undefined) continue;
    timestamps[k] = buckets[b] as number;
    values[k++] = value;
  }
  return k === buckets.length
    ? { timestamps, values }
    : { timestamps: timestamps.slice(0, k), values: values.slice(0, k) };
}

export function aggregateSlice(series: Series, from: number, granularityUs: number, method: string): Series {
  return aggregateGroups(series, groupSlice(series, from, granularityUs), method);
}

/** GroupedTimeSeries.derived: consecutive differences from one granularity before `startUs`. */
export function derive(series: Series, startUs: number, granularityUs: number): Series {
  const deriveFrom = lowerBound(series.timestamps, startUs - granularityUs);
  const n = series.timestamps.length - deriveFrom - 1;
  if (n <= 0) return EMPTY_SERIES;
  const timestamps = series.timestamps.slice(deriveFrom + 1);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++)
    values[i] = (series.values[deriveFrom + i + 1] as number) - (series.values[deriveFrom + i] as number);
  return { timestamps, values };
}

/**
 * GroupedTimeSeries(series, granularity, start) then `method` (rate:X included): the buckets from `startUs`.
 * `rate:X` aggregates the differences between consecutive points, each stamped with the later point, taking
 * the previous point only from one granularity before `startUs` (GroupedTimeSeries.derived).
 */
export function aggregateFrom(
  series: Series,
  startUs: number,
  granularityUs: number,
  method: string,
): Series {
  if (!method.startsWith('rate:')) {
    return aggregateSlice(series, lowerBound(series.timestamps, startUs), granularityUs, method);
  }
  const derived = derive(series, startUs, granularityUs);
  return aggregateSlice(derived, lowerBound(derived.timestamps, startUs), granularityUs, method.slice(5));
}
