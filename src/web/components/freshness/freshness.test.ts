import { describe, expect, it } from 'vitest';
import { ApiError } from '@/web/lib/api-client';
import { freshnessView, type FreshnessInput, type StaleReason } from './freshness';

const MIN = 60_000;
const interval = 2 * MIN;
const t0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const fresh = { fetchedAt: t0, stale: false, pollIntervalMs: interval };

/** What the query holds after a poll that succeeded at `at`. */
const answered = (data: NonNullable<FreshnessInput['data']>, at: number): FreshnessInput => ({
  data,
  dataUpdatedAt: at,
  errorUpdatedAt: 0,
  error: null,
  isError: false,
});

describe('freshnessView', () => {
  it('shows fresh data with its age and the next poll', () => {
    const view = freshnessView(answered(fresh, t0 + 1000), interval, t0 + MIN);
    expect(view).toEqual({ updatedAt: t0, nextAt: t0 + 1000 + interval });
  });

  it.each<[string, Partial<FreshnessInput['data']>, StaleReason]>([
    [
      'when the server says its upstream failed',
      { error: { message: 'OVH API unreachable', at: t0 + interval } },
      { kind: 'message', message: 'OVH API unreachable' },
    ],
    [
      'while the server’s refresh from OVH is still under way',
      { refreshingSince: t0 + interval },
      { kind: 'refreshUnderWay', since: t0 + interval },
    ],
  ])('marks data stale %s', (_, said, reason) => {
    const view = freshnessView(
      answered({ ...fresh, stale: true, ...said }, t0 + interval),
      interval,
      t0 + interval,
    );
    expect(view.stale).toEqual({ since: t0, reason, severity: 'amber' });
  });

  it('marks data stale when the server says so and no more', () => {
    const view = freshnessView(answered({ ...fresh, stale: true }, t0), interval, t0);
    expect(view.stale?.reason).toEqual({ kind: 'upstreamSilent' });
  });

  it('tells a poll that timed out from a server that cannot be reached', () => {
    const input = { data: fresh, dataUpdatedAt: t0, errorUpdatedAt: t0 + interval, isError: true };
    const timedOut = new ApiError(0, 'timeout', 'The server did not answer within 20 s.');
    const unreachable = new ApiError(0, 'network', 'The server cannot be reached.');
    expect(freshnessView({ ...input, error: timedOut }, interval, t0).stale?.reason).toEqual({
      kind: 'timeout',
    });
    expect(freshnessView({ ...input, error: unreachable }, interval, t0).stale?.reason).toEqual({
      kind: 'unreachable',
    });
  });

  it('marks data stale when the poll itself failed, and turns red after three intervals', () => {
    const input = {
      data: fresh,
      dataUpdatedAt: t0,
      errorUpdatedAt: t0 + interval,
      error: new Error('The server cannot be reached.'),
      isError: true,
    };
    expect(freshnessView(input, interval, t0 + interval).stale?.severity).toBe('amber');
    const later = freshnessView({ ...input, errorUpdatedAt: t0 + 3 * interval }, interval, t0 + 3 * interval);
    expect(later.stale).toEqual({
      since: t0,
      reason: { kind: 'message', message: 'The server cannot be reached.' },
      severity: 'red',
    });
    expect(later.nextAt).toBe(t0 + 4 * interval);
  });

  it('clears the stale state once a poll succeeds again', () => {
    const view = freshnessView(
      {
        data: { ...fresh, fetchedAt: t0 + 4 * interval },
        dataUpdatedAt: t0 + 4 * interval,
        errorUpdatedAt: t0 + 3 * interval,
        error: new Error('x'),
        isError: false,
      },
      interval,
      t0 + 4 * interval,
    );
    expect(view.stale).toBeUndefined();
  });
});
