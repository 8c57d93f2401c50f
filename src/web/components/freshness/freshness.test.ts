import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { freshnessView } from './freshness';

const MIN = 60_000;
const interval = 2 * MIN;
const t0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const fresh = { fetchedAt: t0, stale: false, pollIntervalMs: interval };

describe('freshnessView', () => {
  it('shows fresh data with its age and the next poll', () => {
    const view = freshnessView(
      { data: fresh, dataUpdatedAt: t0 + 1000, errorUpdatedAt: 0, error: null, isError: false },
      interval,
      t0 + MIN,
    );
    expect(view).toEqual({ updatedAt: t0, nextAt: t0 + 1000 + interval });
  });

  it('marks data stale when the server says its upstream failed', () => {
    const data = { ...fresh, stale: true, error: { message: 'OVH API unreachable', at: t0 + interval } };
    const view = freshnessView(
      { data, dataUpdatedAt: t0 + interval, errorUpdatedAt: 0, error: null, isError: false },
      interval,
      t0 + interval,
    );
    expect(view.stale).toEqual({
      since: t0,
      reason: { kind: 'message', message: 'OVH API unreachable' },
      severity: 'amber',
    });
  });

  it('marks data stale while the server’s refresh from OVH is still under way', () => {
    const data = { ...fresh, stale: true, refreshingSince: t0 + interval };
    const view = freshnessView(
      { data, dataUpdatedAt: t0 + interval, errorUpdatedAt: 0, error: null, isError: false },
      interval,
      t0 + interval,
    );
    expect(view.stale).toEqual({
      since: t0,
      reason: { kind: 'refreshUnderWay', since: t0 + interval },
      severity: 'amber',
    });
  });

  it('marks data stale when the server says so and no more', () => {
    const view = freshnessView(
      { data: { ...fresh, stale: true }, dataUpdatedAt: t0, errorUpdatedAt: 0, error: null, isError: false },
      interval,
      t0,
    );
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
