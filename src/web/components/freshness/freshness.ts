// Whether what the screen shows can be trusted, from the server's own freshness and the last poll's outcome.
// Two ways data goes stale: the server could not refresh from OVH (it says `stale`), or the browser could not
// reach the server (the poll failed). Either way the data stays, marked, never shown as healthy.

export type StaleSeverity = 'amber' | 'red';

export interface FreshnessInput {
  data?: {
    fetchedAt: number;
    stale: boolean;
    error?: { message: string; at: number };
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
  stale?: { since: number; reason: string; severity: StaleSeverity };
}

/** Red once the data is three poll intervals old. */
export const RED_AFTER_INTERVALS = 3;

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
  const reason = pollFailed
    ? (input.error?.message ?? 'The server cannot be reached.')
    : (data.error?.message ?? 'The upstream API did not answer.');
  const severity: StaleSeverity = now - data.fetchedAt >= RED_AFTER_INTERVALS * intervalMs ? 'red' : 'amber';
  return { ...view, stale: { since: data.fetchedAt, reason, severity } };
}
