import { describe, expect, it } from 'vitest';
import { RefreshingCache, UpstreamUnavailableError } from './refreshing-cache';

function setup(intervalMs = 120_000) {
  let now = 1_000_000;
  let calls = 0;
  let fail = false;
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const cache = new RefreshingCache<string, string>({
    intervalMs,
    now: () => now,
    load: async (key) => {
      calls++;
      if (gate) await gate;
      if (fail) throw new Error('upstream is down');
      return `${key}@${now}`;
    },
  });
  return {
    cache,
    advance: (ms: number) => (now += ms),
    calls: () => calls,
    failing: (value: boolean) => (fail = value),
    hold: () => {
      gate = new Promise((resolve) => (release = resolve));
    },
    release: () => {
      gate = undefined;
      release?.();
    },
  };
}

describe('RefreshingCache', () => {
  it('fetches once per interval, however many readers there are', async () => {
    const t = setup();
    const first = await Promise.all(Array.from({ length: 50 }, () => t.cache.get('hosts')));
    expect(t.calls()).toBe(1);
    expect(new Set(first.map((s) => s.value))).toEqual(new Set(['hosts@1000000']));
    t.advance(119_000);
    await t.cache.get('hosts');
    expect(t.calls()).toBe(1);
    t.advance(1_000);
    const second = await t.cache.get('hosts');
    expect(t.calls()).toBe(2);
    expect(second).toEqual({ value: 'hosts@1120000', fetchedAt: 1_120_000, stale: false });
  });

  it('shares one in-flight refresh between concurrent readers', async () => {
    const t = setup();
    t.hold();
    const readers = Array.from({ length: 20 }, () => t.cache.get('vms'));
    t.release();
    await Promise.all(readers);
    expect(t.calls()).toBe(1);
  });

  it('keys entries separately', async () => {
    const t = setup();
    await t.cache.get('hosts');
    await t.cache.get('vms');
    expect(t.calls()).toBe(2);
  });

  it('serves the last good value as stale with the error and its time when a refresh fails', async () => {
    const t = setup();
    await t.cache.get('hosts');
    t.advance(120_000);
    t.failing(true);
    const snapshot = await t.cache.get('hosts');
    expect(snapshot).toEqual({
      value: 'hosts@1000000',
      fetchedAt: 1_000_000,
      stale: true,
      error: { message: 'upstream is down', at: 1_120_000 },
    });
  });

  it('does not hammer a failing upstream: retries after a pause, then recovers', async () => {
    const t = setup();
    await t.cache.get('hosts');
    t.advance(120_000);
    t.failing(true);
    await t.cache.get('hosts');
    await t.cache.get('hosts');
    t.advance(10_000);
    await t.cache.get('hosts');
    expect(t.calls()).toBe(2);
    t.advance(20_000);
    t.failing(false);
    const recovered = await t.cache.get('hosts');
    expect(t.calls()).toBe(3);
    expect(recovered).toEqual({ value: 'hosts@1150000', fetchedAt: 1_150_000, stale: false });
  });

  it('throws UpstreamUnavailableError when there has never been good data', async () => {
    const t = setup();
    t.failing(true);
    await expect(t.cache.get('hosts')).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await expect(t.cache.get('hosts')).rejects.toThrow('upstream is down');
  });
});
