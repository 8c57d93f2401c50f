import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InventoryKind } from '@/shared/api/inventory';
import { SeriesResponseSchema } from '@/shared/api/series';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths, type DatacenterRef } from '@/web/lib/api-paths';
import { pollIntervalOf } from '@/web/lib/polling';
import { queryKeys } from '@/web/lib/query-keys';
import { servicesQueryOptions } from '@/web/lib/services-list';
import { rangeSearch, type GraphRange } from '@/web/components/time-range/range';

// An entity's history. Day ends on the live bucket, so it follows the server's poll pace; longer periods move by
// a bucket of 30 min or more, so refreshing them every few minutes would redraw the same picture. A custom
// range is fixed history and is not polled.

export const LONG_PERIOD_REFRESH_MS = 15 * 60_000;

export function seriesRefreshMs(range: GraphRange, pollIntervalMs: number): number | false {
  if (!('period' in range)) return false;
  return range.period === 'day' ? pollIntervalMs : Math.max(pollIntervalMs, LONG_PERIOD_REFRESH_MS);
}

export const seriesQueryOptions = (
  dc: DatacenterRef,
  kind: InventoryKind,
  id: number,
  range: GraphRange,
  pollIntervalMs: number,
) => {
  const search = rangeSearch(range);
  const refreshMs = seriesRefreshMs(range, pollIntervalMs);
  return queryOptions({
    queryKey: queryKeys.series(dc, kind, id, search),
    queryFn: ({ signal }) =>
      requestJson(apiPaths.series(dc, kind, id, search), SeriesResponseSchema, { signal }),
    refetchInterval: refreshMs,
    staleTime: refreshMs === false ? Number.POSITIVE_INFINITY : refreshMs - 5_000,
    // The previous period stays on screen (dimmed) while the next loads, but never another entity's graphs.
    placeholderData: (previous) =>
      previous?.entity.kind === kind && previous.entity.id === id ? previous : undefined,
  });
};

/** The server's poll pace, from the services list the datacenter layout above this page already polls: this
 * page follows it without fetching or polling it a second time. */
export function useServerPollInterval(): number {
  const { data } = useQuery({
    ...servicesQueryOptions(),
    enabled: false,
    select: (list) => list.pollIntervalMs,
  });
  return pollIntervalOf({ pollIntervalMs: data });
}

export function useSeries(
  dc: DatacenterRef,
  kind: InventoryKind,
  id: number,
  range: GraphRange,
  pollIntervalMs: number,
) {
  return useQuery(seriesQueryOptions(dc, kind, id, range, pollIntervalMs));
}
