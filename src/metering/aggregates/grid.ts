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

/** The grid of `series`, filled as `fill` says. */
export function buildGrid(series: readonly Column[], fill: Fill | undefined): Grid {
  const all = new Set<number>();
  for (const s of series) for (const t of s.timestamps) all.add(t);
  const times = Float64Array.from(all).sort();
  const index = new Map<number, number>();
  times.forEach((t, i) => index.set(t, i));
  const filler = typeof fill === 'number' ? fill : NaN;
  const columns = series.map((s) => {
    const column = new Float64Array(times.length).fill(filler);
    s.timestamps.forEach((t, i) => {
      column[index.get(t)!] = s.values[i]!;
    });
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
