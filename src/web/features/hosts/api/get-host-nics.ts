import { queryOptions, useQuery } from '@tanstack/react-query';
import { SeriesResponseSchema, type SeriesResponse } from '@/shared/api/series';
import { BUCKET_MS, CATALOG } from '@/shared/metrics/catalog';
import type { NicField } from '@/shared/metrics/live-fields';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths, type DatacenterRef } from '@/web/lib/api-paths';
import { createLimiter } from '@/web/lib/concurrency';
import { queryKeys } from '@/web/lib/query-keys';

// A host's per-NIC traffic is not in OVH's Host object: it is the latest point of the host's network series.
// Each visible row asks for its host's day series (the same query the host's Day graphs use), a few at a time,
// and keeps it for a whole 5-minute bucket, since no new point can arrive sooner.

const DAY_PERIOD_QUERY = 'period=day';
const seriesRequests = createLimiter(3);

export const hostDaySeriesQueryOptions = (dc: DatacenterRef, hostId: number) =>
  queryOptions({
    queryKey: queryKeys.series(dc, 'hosts', hostId, DAY_PERIOD_QUERY),
    queryFn: ({ signal }) =>
      seriesRequests(
        () =>
          requestJson(apiPaths.series(dc, 'hosts', hostId, DAY_PERIOD_QUERY), SeriesResponseSchema, {
            signal,
          }),
        signal,
      ),
    staleTime: BUCKET_MS,
    refetchInterval: BUCKET_MS,
  });

/** A NIC's latest figure for each of its metrics, null where the series has no value. */
export type NicTraffic = { nic: string } & Record<NicField, number | null>;

export interface HostNics {
  nics: NicTraffic[];
  /** When the latest point was taken (epoch ms), or null when the series has none. */
  at: number | null;
}

/** Each NIC's latest rx/tx from a host's series: the last point that has a value, per line. */
export function latestNicTraffic(series: Pick<SeriesResponse, 'timestamps' | 'series'>): HostNics {
  const byNic = new Map<string, NicTraffic>();
  let at: number | null = null;
  for (const line of series.series) {
    const field = CATALOG.find(line.metric)?.nicField;
    if (!field || line.nic === null) continue;
    let nic = byNic.get(line.nic);
    if (!nic) {
      nic = { nic: line.nic, rx: null, tx: null, packetsRx: null, packetsTx: null };
      byNic.set(line.nic, nic);
    }
    for (let i = line.avg.length - 1; i >= 0; i--) {
      const value = line.avg[i];
      if (value !== null && value !== undefined) {
        nic[field] = value;
        const time = series.timestamps[i] ?? null;
        if (time !== null && (at === null || time > at)) at = time;
        break;
      }
    }
  }
  const nics = [...byNic.values()].sort((a, b) => a.nic.localeCompare(b.nic, undefined, { numeric: true }));
  return { nics, at };
}

/** The NIC traffic of one host, fetched when its row is on screen. */
export function useHostNics(dc: DatacenterRef, hostId: number) {
  return useQuery({ ...hostDaySeriesQueryOptions(dc, hostId), select: latestNicTraffic });
}
