// The cross-column and rolling-window reducers of Gnocchi's AGG_MAP, with numpy's nan-function semantics:
// NaN is ignored; an all-NaN input gives NaN (nansum: 0; count: 0); std and var divide by n (ddof=0);
// sums add in input order, as numpy does along a strided (transposed) axis.

import { GnocchiError } from '../errors';

export type Reducer = (values: readonly number[]) => number;

function nanSumAndCount(values: readonly number[]): { sum: number; count: number } {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    count++;
  }
  return { sum, count };
}

function nanmean(values: readonly number[]): number {
  const { sum, count } = nanSumAndCount(values);
  return count === 0 ? NaN : sum / count;
}

function nanvar(values: readonly number[]): number {
  const { sum, count } = nanSumAndCount(values);
  if (count === 0) return NaN;
  const mean = sum / count;
  let squares = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    const d = v - mean;
    squares += d * d;
  }
  return squares / count;
}

function nanmedian(values: readonly number[]): number {
  const kept = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (kept.length === 0) return NaN;
  const mid = kept.length >> 1;
  return kept.length % 2 === 1 ? kept[mid]! : (kept[mid - 1]! + kept[mid]!) / 2;
}

function nanExtreme(pick: (a: number, b: number) => number): Reducer {
  return (values) => {
    let out = NaN;
    for (const v of values) {
      if (Number.isNaN(v)) continue;
      out = Number.isNaN(out) ? v : pick(out, v);
    }
    return out;
  };
}

const BASE: Readonly<Record<string, Reducer>> = {
  mean: nanmean,
  median: nanmedian,
  std: (values) => Math.sqrt(nanvar(values)),
  min: nanExtreme(Math.min),
  max: nanExtreme(Math.max),
  sum: (values) => nanSumAndCount(values).sum,
  var: nanvar,
  count: (values) => nanSumAndCount(values).count,
};

/** The reducer of an AGG_MAP method without its `rate:` prefix, and whether the result is then differenced. */
export function reducerOf(method: string): { reduce: Reducer; rate: boolean } {
  const rate = method.startsWith('rate:');
  const reduce = BASE[rate ? method.slice(5) : method];
  if (!reduce) throw new Error(`unknown aggregation method ${method}`);
  return { reduce, rate };
}

/** numpy.diff of a vector. */
export function diff(values: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, values.length - 1));
  for (let i = 0; i < out.length; i++) out[i] = values[i + 1]! - values[i]!;
  return out;
}

/** The difference rate: takes: numpy's diff of a bool array (min or max of bools stay bool) is XOR. */
function rateDiff(values: Float64Array, method: string, booleanInput: boolean): Float64Array {
  const xor = booleanInput && (method === 'rate:min' || method === 'rate:max');
  return xor ? diff(values).map(Math.abs) : diff(values);
}

/**
 * nansum, nanmean and count across columns, a column at a time: each row still adds its columns in order, so
 * the sums are the row reducer's to the bit, without gathering a row per timestamp (the grouped aggregates'
 * thousands of columns made that the hot loop).
 */
function sumsAcrossColumns(
  columns: readonly Float64Array[],
  rows: number,
  base: 'sum' | 'mean' | 'count',
): Float64Array {
  const sums = new Float64Array(rows);
  const counts = new Float64Array(rows);
  for (const column of columns) {
    for (let r = 0; r < rows; r++) {
      const v = column[r]!;
      if (Number.isNaN(v)) continue;
      sums[r]! += v;
      counts[r]!++;
    }
  }
  if (base === 'sum') return sums;
  if (base === 'count') return counts;
  for (let r = 0; r < rows; r++) sums[r] = counts[r] === 0 ? NaN : sums[r]! / counts[r]!;
  return sums;
}

/** AGG_MAP[method](values, axis=1): one value per row across the columns (then differenced for rate:). */
export function reduceAcrossColumns(
  columns: readonly Float64Array[],
  rows: number,
  method: string,
  booleanInput = false,
): Float64Array {
  const { reduce, rate } = reducerOf(method);
  const base = rate ? method.slice(5) : method;
  // numpy's nanmin/nanmax over no column at all (a reference that matched nothing in a group) is a ValueError,
  // which Gnocchi answers with a 500; the other reducers give NaN, or 0 for sum and count.
  if (columns.length === 0 && rows > 0 && (base === 'min' || base === 'max')) {
    throw new GnocchiError(
      500,
      `zero-size array to reduction operation ${base === 'min' ? 'fmin' : 'fmax'} which has no identity`,
    );
  }
  if (base === 'sum' || base === 'mean' || base === 'count') {
    const out = sumsAcrossColumns(columns, rows, base);
    return rate ? rateDiff(out, method, booleanInput) : out;
  }
  const out = new Float64Array(rows);
  const row: number[] = new Array<number>(columns.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns.length; c++) row[c] = columns[c]![r]!;
    out[r] = reduce(row);
  }
  return rate ? rateDiff(out, method, booleanInput) : out;
}

/** The rolling reducer over one column: windows of `window` consecutive points (then differenced for rate:). */
export function reduceRolling(
  column: Float64Array,
  window: number,
  method: string,
  booleanInput = false,
): Float64Array {
  const { reduce, rate } = reducerOf(method);
  const out = new Float64Array(Math.max(0, column.length - window + 1));
  for (let i = 0; i < out.length; i++) out[i] = reduce(Array.from(column.subarray(i, i + window)));
  return rate ? rateDiff(out, method, booleanInput) : out;
}
