import { queryOptions, useQuery } from '@tanstack/react-query';
import { ServiceListSchema } from '../../../../shared/api/inventory';
import { requestJson } from '../../../lib/api-client';
import { apiPaths } from '../../../lib/api-paths';
import { livePolling } from '../../../lib/polling';
import { queryKeys } from '../../../lib/query-keys';

export const servicesQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.services(),
    queryFn: ({ signal }) => requestJson(apiPaths.services(), ServiceListSchema, { signal }),
    ...livePolling,
  });

export function useServices() {
  return useQuery(servicesQueryOptions());
}
