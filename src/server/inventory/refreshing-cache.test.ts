import { describe, expect, it, vi } from 'vitest';
import {
  RefreshingCache,
  UpstreamUnavailableError,
  type RefreshingCacheOptions,
  type SavedValue,
} from './refreshing-cache';

/** An upstream failure as the OVH client throws them: internal detail in the message, a public reason beside it. */
class DownError extends Error {
  readonly publicReason = 'upstream is down';
  constructor() {
    super('GET https://10.0.0.7/dedicatedCloud/pcc-1 failed: ECONNRESET');
  }
}

type Options = Partial<Omit<RefreshingCacheOptions<string, string>, 'load' | 'now'>>;

function setup(options: Options = {}) {
  let now = 1_000_000;
  let calls = 0;
  let fail = false;
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const cache = new RefreshingCache<string, string>({
    intervalMs: 120_000,
    ...options,
    now: () => now,
    load: async (key) => {
      calls++;
      if (gate) await gate;
      if (fail) throw new DownError();
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

  it('keeps at most maxEntries keys, forgetting the least recently read, never one being refreshed', async () => {
    const t = setup({ maxEntries: 2 });
    await t.cache.get('a');
    await t.cache.get('b');
    await t.cache.get('a');
    await t.cache.get('c');
    expect(t.calls()).toBe(3);
    // b was read least recently, so it went; a and c are still held.
    await t.cache.get('a');
    await t.cache.get('c');
    expect(t.calls()).toBe(3);
    await t.cache.get('b');
    expect(t.calls()).toBe(4);
  });

  it('does not forget an entry while its refresh is under way', async () => {
    const t = setup({ maxEntries: 1 });
    t.hold();
    const reading = [t.cache.get('x'), t.cache.get('y')];
    t.release();
    await Promise.all(reading);
    // x was loading when y came, so it stayed; reading it again forgets y instead.
    await t.cache.get('x');
    expect(t.calls()).toBe(2);
    await t.cache.get('y');
    expect(t.calls()).toBe(3);
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

  it('tells readers the public reason only, and the error handler the whole error', async () => {
    const onError = vi.fn();
    const t = setup({ onError });
    await t.cache.get('hosts');
    t.advance(120_000);
    t.failing(true);
    const snapshot = await t.cache.get('hosts');
    expect(JSON.stringify(snapshot)).not.toMatch(/10\.0\.0\.7|dedicatedCloud|ECONNRESET/);
    expect(onError).toHaveBeenCalledWith('hosts', expect.any(DownError));
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

describe('RefreshingCache with a slow upstream', () => {
  it('serves the copy at once while a refresh runs, marked stale, and the new value once it lands', async () => {
    const t = setup({ waitMs: 0 });
    await t.cache.get('vms');
    t.advance(120_000);
    t.hold();
    expect(await t.cache.get('vms')).toEqual({
      value: 'vms@1000000',
      fetchedAt: 1_000_000,
      stale: true,
      refreshingSince: 1_120_000,
    });
    expect(await t.cache.get('vms')).toMatchObject({ stale: true, refreshingSince: 1_120_000 });
    t.release();
    await vi.waitFor(async () => expect((await t.cache.get('vms')).stale).toBe(false));
    expect(await t.cache.get('vms')).toEqual({ value: 'vms@1120000', fetchedAt: 1_120_000, stale: false });
    expect(t.calls()).toBe(2);
  });

  it('waits for a refresh that lands within its budget', async () => {
    const t = setup({ waitMs: 5_000 });
    await t.cache.get('vms');
    t.advance(120_000);
    t.hold();
    setTimeout(() => t.release(), 20);
    expect(await t.cache.get('vms')).toEqual({ value: 'vms@1120000', fetchedAt: 1_120_000, stale: false });
  });

  it('lets a reader choose to wait until the refresh lands', async () => {
    const t = setup({ waitMs: 0 });
    await t.cache.get('vms');
    t.advance(120_000);
    t.hold();
    const reading = t.cache.get('vms', { waitMs: Infinity });
    setTimeout(() => t.release(), 50);
    expect(await reading).toMatchObject({ fetchedAt: 1_120_000, stale: false });
  });

  it('fails a first load after the cold wait, and lets it go on to serve the next reader', async () => {
    const t = setup({ coldWaitMs: 20, waitMs: 0 });
    t.hold();
    await expect(t.cache.get('vms')).rejects.toThrow(/^no answer after \d+ s; the first load goes on/);
    t.release();
    await vi.waitFor(async () => expect((await t.cache.get('vms')).value).toBe('vms@1000000'));
    expect(t.calls()).toBe(1);
  });

  it('abandons a refresh that outlives its deadline, and says so', async () => {
    const errors: unknown[] = [];
    let aborted: AbortSignal | undefined;
    const cache = new RefreshingCache<string, string>({
      intervalMs: 120_000,
      deadlineMs: 20,
      load: (_key, signal) =>
        new Promise((_resolve, reject) => {
          aborted = signal;
          signal.addEventListener('abort', () => reject(new Error('fetch aborted')));
        }),
      onError: (_key, error) => errors.push(error),
    });
    await expect(cache.get('vms')).rejects.toThrow('the refresh did not finish within 0 s and was abandoned');
    expect(aborted?.aborted).toBe(true);
    expect(errors).toHaveLength(1);
  });
});

describe('RefreshingCache.close', () => {
  it('abandons the refreshes under way without counting them as failures, and starts no more', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const cache = new RefreshingCache<string, string>({
      intervalMs: 120_000,
      waitMs: 0,
      coldWaitMs: 0,
      load: (_key, signal) => {
        calls++;
        return new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new Error('fetch aborted'))),
        );
      },
      onError: (_key, error) => errors.push(error),
    });
    await expect(cache.get('vms')).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await cache.close();
    await expect(cache.get('vms')).rejects.toThrow('no data yet');
    expect(calls).toBe(1);
    expect(errors).toEqual([]);
  });
});

describe('RefreshingCache with a store', () => {
  function memoryStore(saved: SavedValue<string>[]) {
    const writes: SavedValue<string>[] = [];
    return { writes, store: { load: () => saved, save: (value: SavedValue<string>) => writes.push(value) } };
  }

  it('starts from the saved values, stale until refreshed, and saves each refresh', async () => {
    const { writes, store } = memoryStore([{ id: 'vms', value: 'vms@900000', fetchedAt: 900_000 }]);
    const t = setup({ store, waitMs: 0 });
    t.hold();
    expect(await t.cache.get('vms')).toEqual({
      value: 'vms@900000',
      fetchedAt: 900_000,
      stale: true,
      refreshingSince: 1_000_000,
    });
    t.release();
    await vi.waitFor(async () => expect((await t.cache.get('vms')).stale).toBe(false));
    expect(writes).toEqual([{ id: 'vms', value: 'vms@1000000', fetchedAt: 1_000_000 }]);
  });

  it('keeps a saved value stale however recent, while the upstream fails', async () => {
    const { store } = memoryStore([{ id: 'vms', value: 'vms@999000', fetchedAt: 999_000 }]);
    const t = setup({ store });
    t.failing(true);
    expect(await t.cache.get('vms')).toEqual({
      value: 'vms@999000',
      fetchedAt: 999_000,
      stale: true,
      error: { message: 'upstream is down', at: 1_000_000 },
    });
    t.advance(10_000);
    expect(await t.cache.get('vms')).toMatchObject({ stale: true });
    expect(t.calls()).toBe(1);
  });
});
