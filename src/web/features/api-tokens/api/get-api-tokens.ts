import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiTokenListSchema } from '@/shared/api/api-tokens';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths } from '@/web/lib/api-paths';
import { queryKeys } from '@/web/lib/query-keys';

// Refreshed every minute while the page is open: the last-use time is how an administrator finds a token
// that no script uses any more.
const LAST_USED_REFRESH_MS = 60_000;

export const apiTokensQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.apiTokens(),
    queryFn: ({ signal }) => requestJson(apiPaths.apiTokens(), ApiTokenListSchema, { signal }),
    refetchInterval: LAST_USED_REFRESH_MS,
  });

export function useApiTokens() {
  return useQuery(apiTokensQueryOptions());
}
