import { badRequest } from './errors';

// OpenTSDB's aggregator table: each function exists in a long form (integer mode, Java truncating arithmetic)
// and a double form (NaN values skipped, as the 2.4 fill policies require), plus the interpolation used
// when a series has no point at the current timestamp, and which rollup column can answer it exactly.

export type Interpolation = 'lerp' | 'zim' | 'max' | 'min' | 'prev';

/** Which precomputed rollup statistic answers this function exactly over a bucket. */
export type RollupStat = 'sum' | 'min' | 'max' | 'count' | 'avg';

export interface Aggregator {
  readonly name: string;
  readonly interpolation: Interpolation;
  readonly rollupStat?: RollupStat;
  runLong(values: readonly number[]): number;
  runDouble(values: readonly number[]): number;
}

const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);
const trunc = (x: number) => Math.trunc(x);

function nonNaN(values: readonly number[]): number[] {
  return values.filter((v) => !Number.isNaN(v));
}

function populationDev(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = sum(values) / values.length;
  return Math.sqrt(values.reduce((acc, v) => acc + (v - mean) * (v - mean), 0) / values.length);
}

/** Apache Commons Math `Percentile` with its default (legacy) estimation. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return NaN;
  if (n === 1) return sorted[0] ?? NaN;
  const pos = (p * (n + 1)) / 100;
  const fpos = Math.floor(pos);
  if (pos < 1) return sorted[0] ?? NaN;
  if (pos >= n) return sorted[n - 1] ?? NaN;
  const lower = sorted[fpos - 1] ?? NaN;
  const upper = sorted[fpos] ?? NaN;
  return lower + (pos - fpos) * (upper - lower);
}

/** Commons Math R_3 (nearest even order statistic) and R_7 (linear): used by `ep*` on longs only. */
function estimatedPercentile(values: readonly number[], p: number, type: 'r3' | 'r7'): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const q = p / 100;
  if (type === 'r3') {
    if (q <= 0.5 / n) return sorted[0] ?? NaN;
    const k = n * q;
    const even = Math.abs(k - Math.trunc(k)) === 0.5 ? 2 * Math.round(k / 2) : Math.round(k);
    return sorted[Math.min(Math.max(even, 1), n) - 1] ?? NaN;
  }
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const lower = sorted[lo] ?? NaN;
  return lo + 1 >= n ? lower : lower + (h - lo) * ((sorted[lo + 1] ?? NaN) - lower);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

type Fn = (values: readonly number[]) => number;

/** Builds an aggregator whose double form ignores NaN and yields NaN when nothing is left. */
function define(
  name: string,
  interpolation: Interpolation,
  fn: Fn,
  options: { long?: Fn; rollupStat?: RollupStat } = {},
): Aggregator {
  return {
    name,
    interpolation,
    rollupStat: options.rollupStat,
    runLong: options.long ?? ((v) => trunc(fn(v))),
    runDouble: (values) => {
      const kept = nonNaN(values);
      return kept.length === 0 ? NaN : fn(kept);
    },
  };
}

const first: Fn = (v) => v[0] ?? NaN;
const last: Fn = (v) => v[v.length - 1] ?? NaN;
const min: Fn = (v) => v.reduce((a, b) => (b < a ? b : a));
const max: Fn = (v) => v.reduce((a, b) => (b > a ? b : a));
const count: Fn = (v) => v.length;
const avg: Fn = (v) => sum(v) / v.length;

const PERCENTILES: ReadonlyArray<[string, number]> = [
  ['50', 50],
  ['75', 75],
  ['90', 90],
  ['95', 95],
  ['99', 99],
  ['999', 99.9],
];

const ALL: Aggregator[] = [
  define('sum', 'lerp', sum, { rollupStat: 'sum' }),
  define('min', 'lerp', min, { rollupStat: 'min' }),
  define('max', 'lerp', max, { rollupStat: 'max' }),
  define('avg', 'lerp', avg, { rollupStat: 'avg' }),
  define('dev', 'lerp', populationDev),
  define('count', 'zim', count, { rollupStat: 'count' }),
  define('zimsum', 'zim', sum, { rollupStat: 'sum' }),
  define('mimmin', 'max', min, { rollupStat: 'min' }),
  define('mimmax', 'min', max, { rollupStat: 'max' }),
  define('pfsum', 'prev', sum, { rollupStat: 'sum' }),
  // `none` never aggregates (one group per series), so it only ever sees one value.
  define('none', 'zim', sum),
  define('mult', 'lerp', (v) => v.reduce((a, b) => a * b, 1)),
  define('first', 'zim', first),
  define('last', 'zim', last),
  define('median', 'lerp', median),
  define('diff', 'lerp', (v) => last(v) - first(v)),
  define('squareSum', 'zim', (v) => v.reduce((a, b) => a + b * b, 0)),
  ...PERCENTILES.flatMap(([suffix, p]) => [
    define(`p${suffix}`, 'lerp', (v) => percentile(v, p)),
    // ⚠ OpenTSDB applies the estimation type only in integer mode; on doubles `ep*` equal `p*`.
    ...(['r3', 'r7'] as const).map((type) =>
      define(`ep${suffix}${type}`, 'lerp', (v) => percentile(v, p), {
        long: (v) => Math.trunc(estimatedPercentile(v, p, type)),
      }),
    ),
  ]),
];

const BY_NAME = new Map(ALL.map((a) => [a.name, a]));

export const AGGREGATOR_NAMES: readonly string[] = ALL.map((a) => a.name);

export function findAggregator(name: string): Aggregator | undefined {
  return BY_NAME.get(name);
}

/** Case-sensitive lookup, like Aggregators.get. */
export function getAggregator(name: string): Aggregator {
  const agg = BY_NAME.get(name);
  if (!agg) throw badRequest(`No such aggregation function: ${name}`);
  return agg;
}
