import { keepPreviousData } from '@tanstack/react-query';
import { LIVE_INTERVAL_SECONDS } from '@/shared/guest/protocol';
import { pollIntervalOf } from '@/web/lib/polling';

// Guest data is polled at the server's guest pace (its answers say, 10 s), and at the agent's own live pace
// while a Live request runs: the agent then reports every 3 s, so polling slower would miss its reports.

export const LIVE_POLL_MS = LIVE_INTERVAL_SECONDS * 1000;

export function guestPolling(live: boolean) {
  return {
    refetchInterval: (query: { state: { data?: { pollIntervalMs: number } } }) =>
      live ? LIVE_POLL_MS : pollIntervalOf(query.state.data),
    staleTime: live ? 0 : LIVE_POLL_MS,
    placeholderData: keepPreviousData,
  } as const;
}
