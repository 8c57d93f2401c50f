import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { SessionResponseSchema, type LoginProvider } from '@/shared/api/session';
import { request, requestJson } from '@/web/lib/api-client';
import { apiPaths } from '@/web/lib/api-paths';
import { queryKeys } from '@/web/lib/query-keys';

export function getSession(signal?: AbortSignal) {
  return requestJson(apiPaths.session(), SessionResponseSchema, { signal, quietUnauthenticated: true });
}

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.session(),
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 60_000,
    retry: false,
  });

export interface Credentials {
  username: string;
  password: string;
  provider: LoginProvider;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) =>
      requestJson(apiPaths.session(), SessionResponseSchema, {
        method: 'POST',
        body: credentials,
        quietUnauthenticated: true,
      }),
    onSuccess: (session) => queryClient.setQueryData(queryKeys.session(), session),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request(apiPaths.session(), { method: 'DELETE', quietUnauthenticated: true }),
    // Whatever the server said, nothing of the signed-in user may stay in memory.
    onSettled: () => queryClient.removeQueries({ queryKey: queryKeys.all }),
  });
}
