import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLL_INTERVAL_MS } from '@/web/lib/polling';
import { servicesQueryOptions } from '@/web/lib/services-list';
import { createTestQueryClient } from '@/web/testing/render';
import { LONG_PERIOD_REFRESH_MS, seriesRefreshMs, useServerPollInterval } from './get-series';

describe('seriesRefreshMs', () => {
  it('refreshes Day at the server’s poll pace and longer periods less often', () => {
    expect(seriesRefreshMs({ period: 'day' }, 120_000)).toBe(120_000);
    for (const period of ['week', 'month', 'year'] as const) {
      expect(seriesRefreshMs({ period }, 120_000)).toBe(LONG_PERIOD_REFRESH_MS);
    }
    expect(seriesRefreshMs({ period: 'week' }, 30 * 60_000)).toBe(30 * 60_000);
  });

  it('never refreshes a custom range: it is fixed history', () => {
    expect(seriesRefreshMs({ from: 1, to: 2 }, 120_000)).toBe(false);
  });
});

describe('useServerPollInterval', () => {
  it('follows the services list the layout polls, without fetching it itself', async () => {
    const client = createTestQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(QueryClientProvider, { client }, children);
    const { result } = renderHook(() => useServerPollInterval(), { wrapper });
    expect(result.current).toBe(DEFAULT_POLL_INTERVAL_MS);
    expect(client.isFetching()).toBe(0);

    client.setQueryData(servicesQueryOptions().queryKey, {
      fetchedAt: 0,
      stale: false,
      pollIntervalMs: 30_000,
      items: [],
    });
    await waitFor(() => expect(result.current).toBe(30_000));
  });
});
