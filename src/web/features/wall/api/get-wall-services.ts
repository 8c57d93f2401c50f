import { queryOptions } from '@tanstack/react-query';
import { ServiceListSchema } from '@/shared/api/inventory';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths } from '@/web/lib/api-paths';
import { wallQueryKeys } from './wall-query-keys';
import { wallPolling } from './wall-polling';
import { withWallSession } from './wall-session';

/** The services and datacenters the wall may show: their names, and every datacenter when none is chosen. */
export const wallServicesQueryOptions = () =>
  queryOptions({
    queryKey: wallQueryKeys.services(),
    queryFn: ({ signal, client }) =>
      withWallSession(client, () => requestJson(apiPaths.services(), ServiceListSchema, { signal })),
    ...wallPolling,
  });
