import { queryOptions, useQuery } from '@tanstack/react-query';
import { GuestProcessHistorySchema } from '@/shared/api/guest';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths, type DatacenterRef } from '@/web/lib/api-paths';
import { guestPolling } from './guest-polling';
import { guestQueryKeys } from './guest-query-keys';

/** One process's own records over time, polled like the overview it was opened from. */
export const processHistoryQueryOptions = (dc: DatacenterRef, vmId: number, name: string, live: boolean) =>
  queryOptions({
    queryKey: guestQueryKeys.process(dc, vmId, name),
    queryFn: ({ signal }) =>
      requestJson(apiPaths.guestProcess(dc, vmId, name), GuestProcessHistorySchema, { signal }),
    ...guestPolling(live),
    // Another process's charts never stand in for this one's while it loads.
    placeholderData: undefined,
  });

export function useProcessHistory(dc: DatacenterRef, vmId: number, name: string, live: boolean) {
  return useQuery(processHistoryQueryOptions(dc, vmId, name, live));
}
