// processor.aggregated's grid for one granularity: the union of the columns' timestamps × the columns, empty
// cells NaN (or the fill value), then the fill policy; with no fill, the overlap rule.

import { badRequest } from '../errors';
import { pythonFixed } from './python-text';
import type { Column } from './resample';

export type Fill = number | 'null' | 'dropna' | 'ffill' | 'bfill' | 'full_ffill' | 'full_bfill';

/** The fills after which NaN and ±inf are dropped from the output. */
export function dropsNonFinite(fill: Fill | undefined): boolean {
  return typeof fill === 'string' && fill !== 'null';
}

export interface Grid {
  readonly times: Float64Array;
  readonly columns: Float64Array[];
}

function forwardFill(column: Float64Array): void {
  for (let i = 1; i < column.length; i++) if (Number.isNaN(column[i]!)) column[i] = column[i - 1]!;
}

function backwardFill(column: Float64Array): void {
  for (let i = column.length - 2; i >= 0; i--) if (Number.isNaN(column[i]!)) column[i] = column[i + 1]!;
}

/** The sorted union of the columns' timestamps (each column's are ascending and unique). */
function unionOfTimes(series: readonly Column[]): Float64Array {
  const first = series[0];
  if (!first) return new Float64Array(0);
  // Columns read over the same span usually share every timestamp: then the union is the first column's.
  if (series.every((s) => sameTimes(s.timestamps, first.timestamps))) return first.timestamps.slice();
  let total = 0;
  for (const s of series) total += s.timestamps.length;
  const all = new Float64Array(total);
  let offset = 0;
  for (const s of series) {
    all.set(s.timestamps, offset);
    offset += s.timestamps.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < total; i++) if (n === 0 || all[i] !== all[n - 1]) all[n++] = all[i]!;
  return all.slice(0, n);
}

function sameTimes(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The grid of `series`, filled as `fill` says. */
export function buildGrid(series: readonly Column[], fill: Fill | undefined): Grid {
  const times = unionOfTimes(series);
  const filler = typeof fill === 'number' ? fill : NaN;
  const columns = series.map((s) => {
    const column = new Float64Array(times.length);
    const { timestamps, values } = s;
    if (timestamps.length === times.length) column.set(values);
    else {
      // Both are ascending and a column's times are a subset of the union: one merge walk, no lookups.
      column.fill(filler);
      let r = 0;
      for (let i = 0; i < timestamps.length; i++) {
        const t = timestamps[i]!;
        while (times[r]! < t) r++;
        column[r] = values[i]!;
      }
    }
    if (fill === 'ffill' || fill === 'full_ffill') forwardFill(column);
    if (fill === 'bfill' || fill === 'full_ffill' || fill === 'full_bfill') backwardFill(column);
    if (fill === 'full_bfill') forwardFill(column);
    return column;
  });
  return { times, columns };
}

export interface OverlapRule {
  readonly startGiven: boolean;
  readonly stopGiven: boolean;
  /** needed_overlap, in percent. */
  readonly needed: number;
  /** The lookup keys of the columns, Gnocchi's error detail. */
  readonly detail: unknown;
}

/**
 * With no fill: the rows where every column has a value must make `needed` percent of the rows, after the
 * rows outside the common span are cut on each side that has no bound. NaN cells stay.
 */
export function applyOverlap(grid: Grid, rule: OverlapRule): Grid {
  const { times, columns } = grid;
  const overlap: number[] = [];
  for (let r = 0; r < times.length; r++) {
    if (columns.every((c) => !Number.isNaN(c[r]!))) overlap.push(r);
  }
  const refuse = (reason: string) =>
    badRequest({ cause: 'Metrics cannot be aggregated', reason, detail: rule.detail });
  if (overlap.length === 0 && rule.needed > 0) throw refuse('No overlap');
  if (times.length === 0) return grid;
  let first = 0;
  let end = times.length;
  if (overlap.length > 0) {
    if (!rule.stopGiven) end = overlap[overlap.length - 1]! + 1;
    // Gnocchi cuts the end first and keeps overlap's indices, so a start cut counts from the original rows.
    if (!rule.startGiven) first = overlap[0]!;
  }
  const kept = Math.max(0, end - first);
  const percent = (overlap.length * 100) / kept;
  if (percent < rule.needed) {
    throw refuse(
      `Less than ${pythonFixed(rule.needed, 6)}% of datapoints overlap in this timespan (${pythonFixed(percent, 2)}%)`,
    );
  }
  return { times: times.subarray(first, end), columns: columns.map((c) => c.subarray(first, end)) };
}
