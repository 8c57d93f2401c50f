import { keepPreviousData } from '@tanstack/react-query';
import type { Freshness } from '@/shared/api/inventory';

// How live data is polled: at the server's own refresh pace (it only refreshes from OVH that often, so
// polling faster would show nothing new), keeping the previous data on screen while a new key loads.

export const DEFAULT_POLL_INTERVAL_MS = 120_000;

export function pollIntervalOf(data: Partial<Pick<Freshness, 'pollIntervalMs'>> | undefined): number {
  return data?.pollIntervalMs && data.pollIntervalMs > 0 ? data.pollIntervalMs : DEFAULT_POLL_INTERVAL_MS;
}

export const livePolling = {
  refetchInterval: (query: { state: { data?: Partial<Pick<Freshness, 'pollIntervalMs'>> } }) =>
    pollIntervalOf(query.state.data),
  staleTime: DEFAULT_POLL_INTERVAL_MS - 5_000,
  placeholderData: keepPreviousData,
} as const;
