import { CAPACITY_POLICY } from '@/shared/capacity/catalog';
import { PERIODS } from '@/shared/metrics/catalog';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { MEASURES, type CapacityView } from './capacity-view';

// The Gnocchi requests behind a view: `POST /metering/v1/aggregates`, the one a Gnocchi client would send, so that
// "copy as curl" and "copy as gnocchi CLI" give exactly what the page drew.

export const METERING_PATH = '/metering/v1';

export interface AggregatesRequest {
  query: { start: string; stop: string; granularity: string; groupby?: string; fill: string };
  body: { operations: string; resource_type: string; search: string };
}

/** Charts keep to about this many points, as Graphs does. */
const MOST_POINTS = 400;

/** The policy's granularity for a span of `spanS` seconds that starts `ageS` seconds ago: the finest that
 * still holds the start and draws at most MOST_POINTS points. */
export function autoGranularity(spanS: number, ageS: number): number {
  const levels = CAPACITY_POLICY.definition;
  const fit = levels.find((d) => d.timespan >= ageS && spanS / d.granularity <= MOST_POINTS);
  return (fit ?? levels[levels.length - 1]!).granularity;
}

/** The datacenter's own filter: rights are enforced by the server, this keeps the answer to one datacenter. */
export function datacenterFilter(dc: DatacenterRef): string {
  return `service = ${JSON.stringify(dc.serviceName)} and datacenter_id = ${dc.datacenterId}`;
}

/**
 * The user's text comes first, in parentheses: Gnocchi's parser reports where it stopped as a character index
 * of the whole filter, and after a valid prefix it backtracks to the prefix's last `and`; first, the index
 * falls inside the user's text, one character on.
 */
export const USER_FILTER_OFFSET = 1;

export function combinedFilter(dc: DatacenterRef, search: string): string {
  return search.trim() === '' ? datacenterFilter(dc) : `(${search}) and ${datacenterFilter(dc)}`;
}

export interface CapacityRequests {
  provisioned: AggregatesRequest;
  offered: AggregatesRequest;
}

/** The requests of `view` at `now`; the bounds are rounded to the granularity so the same view in the same
 * bucket is the same request (one cache entry, no refetch per render). */
export function capacityRequests(dc: DatacenterRef, view: CapacityView, now: number): CapacityRequests {
  const measure = MEASURES[view.measure];
  let from: number;
  let to: number;
  if ('period' in view.range) {
    const span = PERIODS[view.range.period].rangeMs;
    const granularity = view.granularity ?? autoGranularity(span / 1000, span / 1000);
    to = Math.ceil(now / (granularity * 1000)) * granularity * 1000;
    from = to - span;
  } else {
    ({ from, to } = view.range);
  }
  const granularity = view.granularity ?? autoGranularity((to - from) / 1000, (now - from) / 1000);
  const query = {
    start: new Date(from).toISOString(),
    stop: new Date(to).toISOString(),
    granularity: String(granularity),
    // A resource without a point in a bucket (not created yet, deleted) gives nothing there, not a gap.
    fill: '0',
  };
  return {
    provisioned: {
      query: view.group ? { ...query, groupby: view.group } : query,
      body: {
        operations: `(aggregate sum (metric ${measure.metric} ${view.aggregation}))`,
        resource_type: measure.resourceType,
        search: combinedFilter(dc, view.search),
      },
    },
    offered: {
      query,
      body: {
        operations: `(aggregate sum (metric ${measure.offered.metric} ${view.aggregation}))`,
        resource_type: measure.offered.resourceType,
        search: datacenterFilter(dc),
      },
    },
  };
}

export function aggregatesUrl(request: AggregatesRequest): string {
  return `${METERING_PATH}/aggregates?${new URLSearchParams(request.query).toString()}`;
}

/** The VMs' provisioned vCPUs and the hosts' logical CPUs at 5 minutes over the last day (the finest level's
 * whole span, so a sync that paused a while still shows its last values): the datacenter card's ratio. */
export function vcpuRatioRequests(dc: DatacenterRef, now: number): CapacityRequests {
  const granularity = CAPACITY_POLICY.definition[0].granularity;
  const stop = Math.ceil(now / (granularity * 1000)) * granularity * 1000;
  return capacityRequests(
    dc,
    {
      measure: 'vcpus',
      range: { from: stop - 86_400_000, to: stop },
      aggregation: 'last',
      granularity,
      search: '',
    },
    now,
  );
}
