import { queryOptions, useQuery } from '@tanstack/react-query';
import { ServiceListSchema } from '@/shared/api/inventory';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths } from '@/web/lib/api-paths';
import { queryKeys } from '@/web/lib/query-keys';

/** The datacenters a display or a token may be given: the administrator's own, as the datacenters page lists
 * them. A form's choices need no live polling. */
const scopeChoicesQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.services(),
    queryFn: ({ signal }) => requestJson(apiPaths.services(), ServiceListSchema, { signal }),
    staleTime: 5 * 60_000,
  });

export function useScopeChoices() {
  return useQuery(scopeChoicesQueryOptions());
}
