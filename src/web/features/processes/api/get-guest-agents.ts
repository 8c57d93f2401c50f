import { queryOptions, useQuery } from '@tanstack/react-query';
import { GuestAgentsSchema } from '@/shared/api/guest';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths, type DatacenterRef } from '@/web/lib/api-paths';
import { guestPolling } from './guest-polling';
import { guestQueryKeys } from './guest-query-keys';

/** Each VM's agent state, polled beside the VM list: its failure leaves the list as it is. */
export const guestAgentsQueryOptions = (dc: DatacenterRef) =>
  queryOptions({
    queryKey: guestQueryKeys.agents(dc),
    queryFn: ({ signal }) => requestJson(apiPaths.guestAgents(dc), GuestAgentsSchema, { signal }),
    ...guestPolling(false),
  });

export function useGuestAgents(dc: DatacenterRef) {
  return useQuery(guestAgentsQueryOptions(dc));
}
