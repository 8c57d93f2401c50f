import { keepPreviousData } from '@tanstack/react-query';
import { LIVE_INTERVAL_SECONDS } from '@/shared/guest/protocol';
import { pollIntervalOf } from '@/web/lib/polling';

// Guest data is polled at the server's guest pace (its answers say, 10 s), and at the agent's own live pace
// while a Live request runs: the agent then reports every 3 s, so polling slower would miss its reports.

export const LIVE_POLL_MS = LIVE_INTERVAL_SECONDS * 1000;

type PolledQuery = { state: { data?: { pollIntervalMs: number } } };

export function guestPolling(live: boolean) {
  const intervalOf = (query: PolledQuery) => (live ? LIVE_POLL_MS : pollIntervalOf(query.state.data));
  return {
    refetchInterval: intervalOf,
    // Coming back to a page within its interval shows what was fetched, without asking again.
    staleTime: intervalOf,
    placeholderData: keepPreviousData,
  } as const;
}
