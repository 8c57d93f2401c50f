// What one batch of measures does to a metric, as storage.add_measures_to_metrics and carbonara's
// BoundTimeSerie do it: the raw measures kept ("bound timeserie") are those from the first block of the
// back window (block = the policy's coarsest granularity), measures older than that block are ignored, and
// only the buckets from the first new measure's bucket onwards are recomputed from the raw measures kept.
// Pure: the store applies the result.

import type { ArchivePolicy } from './archive-policy';
import type { Groups, Series } from './aggregate';
import {
  aggregateGroups,
  derive,
  EMPTY_SERIES,
  groupSlice,
  isComputableMethod,
  lowerBound,
  roundTimestamp,
  upperBound,
} from './aggregate';

export interface Measure {
  readonly timestampUs: number;
  readonly value: number;
}

/** Measures in arrival order, column by column: a batch holds millions, and an object each would cost more
 *  than the aggregation. */
export interface Measures {
  readonly timestampsUs: Float64Array;
  readonly values: Float64Array;
}

export function measuresOf(list: readonly Measure[]): Measures {
  return {
    timestampsUs: Float64Array.from(list, (m) => m.timestampUs),
    values: Float64Array.from(list, (m) => m.value),
  };
}

export interface AggregateUpdate {
  readonly granularityUs: number;
  readonly method: string;
  /** The recomputed buckets (already cut to the item's timespan); they replace stored ones at equal times. */
  readonly series: Series;
  /** Buckets at or before this time are past the timespan (AggregatedTimeSerie.truncate); null: keep all. */
  readonly oldestPointToKeepUs: number | null;
}

export interface IngestResult {
  readonly bound: Series;
  readonly updates: readonly AggregateUpdate[];
}

/** The methods storage computes for a policy: its valid names (not the `+x`/`-x` entries it may list). */
export function storedMethods(policy: ArchivePolicy): string[] {
  return policy.aggregationMethods.filter(isComputableMethod);
}

/** numpy.sort(order='timestamps') breaks ties on the value, and numpy.unique then keeps the first. */
function sortMeasures(measures: Measures): Series {
  const { timestampsUs, values } = measures;
  const n = timestampsUs.length;
  let ascending = true;
  for (let i = 1; i < n && ascending; i++) ascending = timestampsUs[i]! > timestampsUs[i - 1]!;
  // The usual case, measures already in time order without repeats: no sort needed.
  if (ascending) return { timestamps: timestampsUs, values };
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    const x = values[a]!;
    const y = values[b]!;
    if (timestampsUs[a] !== timestampsUs[b]) return timestampsUs[a]! - timestampsUs[b]!;
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return x - y;
  });
  const sortedTimestamps = new Float64Array(n);
  const sortedValues = new Float64Array(n);
  let k = 0;
  for (const i of order) {
    if (k > 0 && sortedTimestamps[k - 1] === timestampsUs[i]) continue;
    sortedTimestamps[k] = timestampsUs[i]!;
    sortedValues[k++] = values[i]!;
  }
  return { timestamps: sortedTimestamps.subarray(0, k), values: sortedValues.subarray(0, k) };
}

/** combine_timeseries(new, old): the union by timestamp, the new value winning. */
export function combine(fresh: Series, old: Series): Series {
  const n = fresh.timestamps.length;
  const m = old.timestamps.length;
  if (m === 0) return fresh;
  if (n === 0) return old;
  // Counted first so that the result is allocated at its size: the store merges a chunk per aggregate per
  // metric written, and views cut from larger arrays cost as much again as the merge.
  let shared = 0;
  for (let i = 0, j = 0; i < n && j < m; ) {
    const a = fresh.timestamps[i]!;
    const b = old.timestamps[j]!;
    if (a === b) shared++;
    if (a <= b) i++;
    if (b <= a) j++;
  }
  const timestamps = new Float64Array(n + m - shared);
  const values = new Float64Array(n + m - shared);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < n || j < m) {
    const a = i < n ? (fresh.timestamps[i] as number) : Infinity;
    const b = j < m ? (old.timestamps[j] as number) : Infinity;
    if (a <= b) {
      timestamps[k] = a;
      values[k++] = fresh.values[i++] as number;
      if (a === b) j++;
    } else {
      timestamps[k] = b;
      values[k++] = old.values[j++] as number;
    }
  }
  return { timestamps, values };
}

function slice(series: Series, from: number): Series {
  return from === 0
    ? series
    : { timestamps: series.timestamps.subarray(from), values: series.values.subarray(from) };
}

/** BoundTimeSerie.first_block_timestamp. */
function firstBlockTimestamp(lastUs: number, blockUs: number, backWindow: number): number {
  return roundTimestamp(lastUs, blockUs) - blockUs * backWindow;
}

/** add_measures_to_metrics for one metric: the new bound series and the aggregates to store. */
export function ingest(policy: ArchivePolicy, bound: Series | null, measures: Measures): IngestResult {
  const methods = storedMethods(policy);
  const blockUs = Math.max(...policy.definition.map((d) => d.granularityUs));
  // Gnocchi keeps one more block when a rate is stored, so that the first bucket's rate has its previous point.
  const backWindow = policy.backWindow + (methods.some((m) => m.startsWith('rate:')) ? 1 : 0);
  const previous = bound ?? EMPTY_SERIES;
  if (measures.timestampsUs.length === 0) return { bound: previous, updates: [] };

  const sorted = sortMeasures(measures);
  let accepted = sorted;
  const previousLast = previous.timestamps[previous.timestamps.length - 1];
  if (previousLast !== undefined) {
    accepted = slice(
      sorted,
      lowerBound(sorted.timestamps, firstBlockTimestamp(previousLast, blockUs, backWindow)),
    );
  }
  const merged = combine(accepted, previous);

  const firstNew = sorted.timestamps[0] as number;
  const recomputeFrom = Math.max(merged.timestamps[0] as number, firstNew);
  const updates: AggregateUpdate[] = [];
  for (const item of policy.definition) {
    const g = item.granularityUs;
    const startUs = roundTimestamp(recomputeFrom, g);
    // The buckets are found once per granularity (and once more for the rates) and shared by the methods.
    const plain = groupSlice(merged, lowerBound(merged.timestamps, startUs), g);
    let rate: { derived: Series; groups: Groups } | undefined;
    for (const method of methods) {
      let series: Series;
      if (method.startsWith('rate:')) {
        if (!rate) {
          const derived = derive(merged, startUs, g);
          rate = { derived, groups: groupSlice(derived, lowerBound(derived.timestamps, startUs), g) };
        }
        series = aggregateGroups(rate.derived, rate.groups, method.slice(5));
      } else series = aggregateGroups(merged, plain, method);
      const last = series.timestamps[series.timestamps.length - 1];
      if (last === undefined) continue;
      let oldestPointToKeepUs: number | null = null;
      if (item.timespanUs !== null) {
        oldestPointToKeepUs = last - item.timespanUs;
        series = slice(series, upperBound(series.timestamps, oldestPointToKeepUs));
      }
      updates.push({ granularityUs: item.granularityUs, method, series, oldestPointToKeepUs });
    }
  }

  const mergedLast = merged.timestamps[merged.timestamps.length - 1] as number;
  const kept = slice(
    merged,
    lowerBound(merged.timestamps, firstBlockTimestamp(mergedLast, blockUs, backWindow)),
  );
  // A copy, so that the kept raw measures do not pin the whole merged buffer.
  return { bound: { timestamps: kept.timestamps.slice(), values: kept.values.slice() }, updates };
}
