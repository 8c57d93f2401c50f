import { PERIODS, type MetricDefinition } from '@/shared/metrics/catalog';
import { ENTITY_KINDS, type EntityKind } from '@/shared/metrics/entities';
import { MAX_CUSTOM_RANGE_MS, MAX_HISTORY_MS, type PeriodName } from '@/shared/api/series';
import type { OpenTsdbQuery } from '../upstream/opentsdb/endpoint';

// Turns "this entity, this period" into OpenTSDB queries and the time axis their points land on. The fixed
// periods use vCenter's rollup intervals and end on the latest bucket, so a Day graph has exactly 288 points;
// custom ranges pick the finest of those intervals that keeps the graph at ~400 points or fewer.

export const MAX_POINTS = 400;
const CUSTOM_INTERVALS = [5 * 60_000, 30 * 60_000, 2 * 3_600_000, 86_400_000];

export type Range = { period: PeriodName } | { from: number; to: number };

export interface TimeAxis {
  period: PeriodName | 'custom';
  from: number;
  to: number;
  intervalMs: number;
  timestamps: number[];
}

export class InvalidRangeError extends Error {}

export function timeAxis(range: Range, now: number): TimeAxis {
  if ('period' in range) {
    const { rangeMs, intervalMs } = PERIODS[range.period];
    const last = Math.floor(now / intervalMs) * intervalMs;
    const count = rangeMs / intervalMs;
    const first = last - (count - 1) * intervalMs;
    return {
      period: range.period,
      from: first,
      to: now,
      intervalMs,
      timestamps: grid(first, last, intervalMs),
    };
  }
  const { from, to } = range;
  if (!(from < to)) throw new InvalidRangeError('`from` must be before `to`.');
  if (to - from > MAX_CUSTOM_RANGE_MS)
    throw new InvalidRangeError('A custom range may span at most 366 days.');
  if (from < now - MAX_HISTORY_MS) throw new InvalidRangeError('History goes back two years at most.');
  const span = to - from;
  const intervalMs =
    CUSTOM_INTERVALS.find((i) => span / i <= MAX_POINTS) ??
    Math.ceil(span / MAX_POINTS / 86_400_000) * 86_400_000;
  const first = Math.ceil(from / intervalMs) * intervalMs;
  const last = Math.floor(Math.min(to, now) / intervalMs) * intervalMs;
  return { period: 'custom', from, to, intervalMs, timestamps: grid(first, last, intervalMs) };
}

function grid(first: number, last: number, step: number): number[] {
  const out: number[] = [];
  for (let t = first; t <= last; t += step) out.push(t);
  return out;
}

export interface EntityTags {
  kind: EntityKind;
  datacenter: string;
  /** host name, VM moRef or filer name */
  entity: string;
}

/** One OpenTSDB query per metric, with avg, min and max of each interval as three sub-queries. */
export function metricQuery(metric: MetricDefinition, tags: EntityTags, axis: TimeAxis): OpenTsdbQuery {
  const filter: Record<string, string> = {
    datacenter: tags.datacenter,
    [ENTITY_KINDS[tags.kind].tagKey]: tags.entity,
  };
  // One line per NIC: `*` groups the host's series by nicname.
  if (metric.nicField) filter.nicname = '*';
  const every = `${axis.intervalMs / 60_000}m`;
  return {
    start: axis.timestamps[0] ?? axis.from,
    end: axis.to,
    msResolution: true,
    showQuery: true,
    queries: (['avg', 'min', 'max'] as const).map((fn) => ({
      metric: metric.name,
      aggregator: 'avg',
      downsample: `${every}-${fn}`,
      tags: filter,
    })),
  };
}
