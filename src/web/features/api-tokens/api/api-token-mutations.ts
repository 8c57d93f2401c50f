import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ApiTokenResponseSchema,
  ApiTokenWithSecretSchema,
  type CreateApiTokenRequest,
} from '@/shared/api/api-tokens';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths } from '@/web/lib/api-paths';
import { apiTokensQueryOptions } from './get-api-tokens';

function useApiTokenMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryOptions().queryKey }),
  });
}

/** Creates a token; the answer carries its secret, the only time it is ever sent. */
export function useCreateApiToken() {
  return useApiTokenMutation((body: CreateApiTokenRequest) =>
    requestJson(apiPaths.apiTokens(), ApiTokenWithSecretSchema, { method: 'POST', body }),
  );
}

/** Revokes for good: the next request carrying it is refused. */
export function useRevokeApiToken() {
  return useApiTokenMutation((id: string) =>
    requestJson(apiPaths.apiToken(id), ApiTokenResponseSchema, { method: 'DELETE' }),
  );
}
