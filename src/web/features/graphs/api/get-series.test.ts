import { describe, expect, it } from 'vitest';
import { LONG_PERIOD_REFRESH_MS, seriesRefreshMs } from './get-series';

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
