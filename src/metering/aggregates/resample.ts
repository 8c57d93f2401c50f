// `(resample METHOD G X)`: each column re-bucketed as carbonara's GroupedTimeSeries does (bucket =
// floor(ts / G) * G), NaN cells included. Its quirks stay: min skips NaN but max does not, std is the sample
// std (n - 1) and drops single-point buckets, count counts NaN cells, and rate:X differences the points first.

import { GnocchiError } from '../errors';

export interface Column {
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

interface Buckets {
  readonly starts: number[];
  /** Index of each bucket's first point, plus the total at the end. */
  readonly offsets: number[];
}

function bucketsOf(timestamps: Float64Array, granularityUs: number): Buckets {
  const starts: number[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < timestamps.length; i++) {
    const start = Math.floor(timestamps[i]! / granularityUs) * granularityUs;
    if (starts.length === 0 || starts[starts.length - 1] !== start) {
      starts.push(start);
      offsets.push(i);
    }
  }
  offsets.push(timestamps.length);
  return { starts, offsets };
}

/** numpy's sort order: NaN after everything. */
function sortedNanLast(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort((a, b) => {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return a - b;
  });
}

type BucketMethod = (bucket: Float64Array, firstIndex: number) => number | null;

function sum(bucket: Float64Array): number {
  let total = 0;
  for (const v of bucket) total += v;
  return total;
}

function quantile(q: number): BucketMethod {
  return (bucket, firstIndex) => {
    const sorted = sortedNanLast(bucket);
    // Positions are absolute in carbonara (offset by the bucket's first index); kept so for the same rounding.
    const real = firstIndex + (bucket.length - 1) * (q / 100);
    const floor = Math.floor(real);
    const ceil = Math.ceil(real);
    const low = sorted[floor - firstIndex]!;
    if (floor === ceil) return low;
    return low * (ceil - real) + sorted[ceil - firstIndex]! * (real - floor);
  };
}

const METHODS: Readonly<Record<string, BucketMethod>> = {
  mean: (bucket) => sum(bucket) / bucket.length,
  sum,
  min: (bucket) => {
    let out = NaN;
    for (const v of bucket) if (!Number.isNaN(v) && (Number.isNaN(out) || v < out)) out = v;
    return out;
  },
  max: (bucket) => {
    let out = -Infinity;
    for (const v of bucket) {
      if (Number.isNaN(v)) return NaN;
      if (v > out) out = v;
    }
    return out;
  },
  median: (bucket) => {
    const sorted = sortedNanLast(bucket);
    const n = sorted.length;
    const floor = n - 1 - (n >> 1);
    const ceil = floor + (((n % 2) + 1) % 2);
    return (sorted[floor]! + sorted[ceil]!) / 2;
  },
  std: (bucket) => {
    if (bucket.length < 2) return null;
    const mean = sum(bucket) / bucket.length;
    let squares = 0;
    for (const v of bucket) squares += (v - mean) * (v - mean);
    return Math.sqrt(squares / (bucket.length - 1));
  },
  count: (bucket) => bucket.length,
  last: (bucket) => bucket[bucket.length - 1]!,
  first: (bucket) => bucket[0]!,
};

function methodOf(name: string): BucketMethod {
  const pct = /^([1-9][0-9]?)pct/.exec(name);
  if (pct) return quantile(Number(pct[1]));
  const method = METHODS[name];
  // carbonara has no bucket method for var: Gnocchi fails with a 500 on (resample rate:var …).
  if (!method) throw new GnocchiError(500, `Unknown aggregation method ${name}`);
  return method;
}

/** One column resampled to `granularityUs` with `method` (a RESAMPLE_METHODS name). */
export function resampleColumn(column: Column, granularityUs: number, method: string): Column {
  let { timestamps, values } = column;
  let name = method;
  if (method.startsWith('rate:')) {
    name = method.slice(5);
    const derived = new Float64Array(Math.max(0, values.length - 1));
    for (let i = 0; i < derived.length; i++) derived[i] = values[i + 1]! - values[i]!;
    timestamps = timestamps.subarray(1);
    values = derived;
  }
  const reduce = methodOf(name);
  const { starts, offsets } = bucketsOf(timestamps, granularityUs);
  const outTimes: number[] = [];
  const outValues: number[] = [];
  for (let b = 0; b < starts.length; b++) {
    const value = reduce(values.subarray(offsets[b], offsets[b + 1]), offsets[b]!);
    if (value === null) continue;
    outTimes.push(starts[b]!);
    outValues.push(value);
  }
  return { timestamps: Float64Array.from(outTimes), values: Float64Array.from(outValues) };
}
