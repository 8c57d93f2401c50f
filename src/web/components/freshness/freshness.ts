import { ApiError } from '@/web/lib/api-client';

// Whether what the screen shows can be trusted, from the server's own freshness and the last poll's outcome.
// Two ways data goes stale: the server could not refresh from OVH (it says `stale`), or the browser could not
// reach the server (the poll failed). Either way the data stays, marked, never shown as healthy.

export type StaleSeverity = 'amber' | 'red';

/** Why the data is stale: a message the server or the error wrote, or a case the status line puts in words. */
export type StaleReason =
  | { kind: 'message'; message: string }
  /** The browser could not reach the server. */
  | { kind: 'unreachable' }
  /** The server did not answer in time. */
  | { kind: 'timeout' }
  /** The server's refresh from OVH has been running since then: OVH is slow, or failing and retried. */
  | { kind: 'refreshUnderWay'; since: number }
  /** The server has nothing newer, and says neither what failed nor that it is trying. */
  | { kind: 'upstreamSilent' };

export interface FreshnessInput {
  data?: {
    fetchedAt: number;
    stale: boolean;
    error?: { message: string; at: number };
    refreshingSince?: number;
    pollIntervalMs: number;
  };
  dataUpdatedAt: number;
  errorUpdatedAt: number;
  error: Error | null;
  isError: boolean;
}

export interface FreshnessView {
  /** When the data was fetched from OVH. */
  updatedAt?: number;
  /** When the next poll is due. */
  nextAt?: number;
  stale?: { since: number; reason: StaleReason; severity: StaleSeverity };
}

/** Red once the data is three poll intervals old. */
export const RED_AFTER_INTERVALS = 3;

function pollFailure(error: Error | null): StaleReason {
  if (error instanceof ApiError && error.code === 'network') return { kind: 'unreachable' };
  if (error instanceof ApiError && error.code === 'timeout') return { kind: 'timeout' };
  return error ? { kind: 'message', message: error.message } : { kind: 'unreachable' };
}

function serverReason(data: NonNullable<FreshnessInput['data']>): StaleReason {
  // A failure says more than a retry under way.
  if (data.error) return { kind: 'message', message: data.error.message };
  if (data.refreshingSince !== undefined) return { kind: 'refreshUnderWay', since: data.refreshingSince };
  return { kind: 'upstreamSilent' };
}

export function freshnessView(input: FreshnessInput, intervalMs: number, now: number): FreshnessView {
  const { data } = input;
  const lastAttempt = Math.max(input.dataUpdatedAt, input.isError ? input.errorUpdatedAt : 0);
  const view: FreshnessView = {
    updatedAt: data?.fetchedAt,
    nextAt: lastAttempt > 0 ? lastAttempt + intervalMs : undefined,
  };
  if (!data) return view;
  const pollFailed = input.isError && input.errorUpdatedAt >= input.dataUpdatedAt;
  if (!pollFailed && !data.stale) return view;
  const reason = pollFailed ? pollFailure(input.error) : serverReason(data);
  const severity: StaleSeverity = now - data.fetchedAt >= RED_AFTER_INTERVALS * intervalMs ? 'red' : 'amber';
  return { ...view, stale: { since: data.fetchedAt, reason, severity } };
}
