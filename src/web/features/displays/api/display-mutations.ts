import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  DisplayResponseSchema,
  DisplayWithTokenSchema,
  type CreateDisplayRequest,
  type UpdateDisplayRequest,
} from '@/shared/api/displays';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths } from '@/web/lib/api-paths';
import { displaysQueryOptions } from './get-displays';

// Every change to a display answers with the display as it now is; the list is fetched again afterwards so
// it also shows what others changed meanwhile.

function useDisplayMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: displaysQueryOptions().queryKey }),
  });
}

/** Creates a display; the answer carries its token, the only time it is ever sent. */
export function useCreateDisplay() {
  return useDisplayMutation((body: CreateDisplayRequest) =>
    requestJson(apiPaths.displays(), DisplayWithTokenSchema, { method: 'POST', body }),
  );
}

export function useUpdateDisplay() {
  return useDisplayMutation(({ id, ...body }: UpdateDisplayRequest & { id: string }) =>
    requestJson(apiPaths.display(id), DisplayResponseSchema, { method: 'PATCH', body }),
  );
}

/** A new token, and the end of every session opened with the old one. */
export function useRotateDisplayToken() {
  return useDisplayMutation((id: string) =>
    requestJson(apiPaths.displayTokenRotation(id), DisplayWithTokenSchema, { method: 'POST' }),
  );
}

/** Revokes for good: the screen shows "revoked" at its next poll. */
export function useRevokeDisplay() {
  return useDisplayMutation((id: string) =>
    requestJson(apiPaths.display(id), DisplayResponseSchema, { method: 'DELETE' }),
  );
}
