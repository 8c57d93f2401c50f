import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { SessionResponseSchema } from '@/shared/api/session';
import { ApiError, requestJson } from '@/web/lib/api-client';
import { apiPaths } from '@/web/lib/api-paths';
import { DEFAULT_POLL_INTERVAL_MS } from '@/web/lib/polling';
import { wallQueryKeys } from './wall-query-keys';

// A wall screen never sees a login form. It signs in by trading its display token for a session, and when
// that session ends (idle, lifetime, a server restart that lost it) it trades again with the token the server
// keeps in an HttpOnly cookie: an empty POST, nothing in JavaScript's reach.

/** Trades `token` (from the display link) or, without one, the display cookie for a session. */
export function exchangeDisplayToken(token?: string, signal?: AbortSignal) {
  return requestJson(apiPaths.displaySession(), SessionResponseSchema, {
    method: 'POST',
    body: token === undefined ? undefined : { token },
    signal,
    quietUnauthenticated: true,
  });
}

/** The server refused the display for good: retrying cannot help, only a new link from an administrator. */
export function displayEnd(error: unknown): 'revoked' | 'unpaired' | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'display_revoked') return 'revoked';
  if (error.code === 'invalid_credentials') return 'unpaired';
  return undefined;
}

async function loadWallSession(signal: AbortSignal) {
  try {
    return await requestJson(apiPaths.session(), SessionResponseSchema, {
      signal,
      quietUnauthenticated: true,
    });
  } catch (error) {
    if (!(error instanceof ApiError && error.isUnauthenticated)) throw error;
    return exchangeDisplayToken(undefined, signal);
  }
}

/**
 * Who the wall runs as: a display (with its wall configuration) or a signed-in user. Polled so that an
 * administrator's change to the display's configuration reaches the screen within a poll; once the server
 * has refused the display for good it stops asking, so the refusal stays on screen.
 */
export const wallSessionQueryOptions = () =>
  queryOptions({
    queryKey: wallQueryKeys.session(),
    queryFn: ({ signal }) => loadWallSession(signal),
    staleTime: DEFAULT_POLL_INTERVAL_MS - 5_000,
    refetchInterval: (query) => (displayEnd(query.state.error) ? false : DEFAULT_POLL_INTERVAL_MS),
    refetchIntervalInBackground: true,
  });

/**
 * Runs `load`, and when the server answers 401 (the session ended), re-establishes the wall's session once
 * and runs it again. Every query that hits the 401 at the same moment shares the one session fetch; when the
 * display was revoked the session query holds that refusal for the page to show.
 */
export async function withWallSession<T>(client: QueryClient, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof ApiError && error.isUnauthenticated)) throw error;
    await client.fetchQuery({ ...wallSessionQueryOptions(), staleTime: 0 });
    return load();
  }
}

const EXCHANGE_RETRY_CAP_MS = 30_000;

/**
 * The first exchange, with the token from the link. While the server cannot be reached it keeps trying (a
 * screen may boot before the server); an answer, yes or no, is final.
 */
export function useDisplayTokenExchange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => exchangeDisplayToken(token),
    retry: (_failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    retryDelay: (attempt) => Math.min(EXCHANGE_RETRY_CAP_MS, 1_000 * 2 ** attempt),
    onSuccess: (session) => queryClient.setQueryData(wallQueryKeys.session(), session),
  });
}
