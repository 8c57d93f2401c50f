import { queryOptions, useQuery } from '@tanstack/react-query';
import { GuestOverviewSchema } from '@/shared/api/guest';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths, type DatacenterRef } from '@/web/lib/api-paths';
import { guestPolling } from './guest-polling';
import { guestQueryKeys } from './guest-query-keys';

/** A VM's guest summary, its recent history and its processes; `live` polls at the agent's live pace. */
export const guestOverviewQueryOptions = (dc: DatacenterRef, vmId: number, live: boolean) =>
  queryOptions({
    queryKey: guestQueryKeys.overview(dc, vmId),
    queryFn: ({ signal }) => requestJson(apiPaths.guest(dc, vmId), GuestOverviewSchema, { signal }),
    ...guestPolling(live),
  });

export function useGuestOverview(dc: DatacenterRef, vmId: number, live: boolean) {
  return useQuery(guestOverviewQueryOptions(dc, vmId, live));
}
