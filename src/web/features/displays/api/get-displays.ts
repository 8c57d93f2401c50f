import { queryOptions, useQuery } from '@tanstack/react-query';
import { DisplayListSchema } from '@/shared/api/displays';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths } from '@/web/lib/api-paths';
import { queryKeys } from '@/web/lib/query-keys';

// Refreshed every minute while the page is open: last-seen times are how an administrator spots a dead screen.
const LAST_SEEN_REFRESH_MS = 60_000;

export const displaysQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.displays(),
    queryFn: ({ signal }) => requestJson(apiPaths.displays(), DisplayListSchema, { signal }),
    refetchInterval: LAST_SEEN_REFRESH_MS,
  });

export function useDisplays() {
  return useQuery(displaysQueryOptions());
}
