import { queryOptions } from '@tanstack/react-query';
import { ServiceListSchema } from '@/shared/api/inventory';
import { requestJson } from './api-client';
import { apiPaths } from './api-paths';
import { livePolling } from './polling';
import { queryKeys } from './query-keys';

/** Every service and datacenter the user may see, polled at the server's pace. The datacenter pages poll it;
 * the server's poll pace, which every answer carries, is read from it by pages below them. */
export const servicesQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.services(),
    queryFn: ({ signal }) => requestJson(apiPaths.services(), ServiceListSchema, { signal }),
    ...livePolling,
  });
