import { publicReasonOf, type PubliclyDescribed } from '../upstream/public-reason';

// One cache entry per key, refreshed at most once per interval, with single-flight: however many screens poll,
// the upstream sees one fetch per key per interval. A reader that has a copy never waits on a slow upstream
// (stale-while-revalidate): it waits for a refresh under way only while that refresh is younger than a short
// budget, then gets the copy, marked stale once past the interval, while the refresh goes on in the
// background. When a refresh fails, the last good value is served with the error and its age; failed
// refreshes are retried after a short pause, not on every request.

export interface Snapshot<T> {
  value: T;
  /** When the value was fetched from the upstream (epoch ms). */
  fetchedAt: number;
  /** Past its interval with no refresh landed since, or carried over from before the server restarted. */
  stale: boolean;
  /** The last refresh's failure, in words any reader may see, while the served value is older than it. */
  error?: { message: string; at: number };
  /** When the refresh under way began (epoch ms), while there is one. */
  refreshingSince?: number;
}

/** A value as kept across restarts: the last good value of one entry. */
export interface SavedValue<T> {
  id: string;
  value: T;
  fetchedAt: number;
}

/** Where a cache keeps its last good values, so a restart during an outage still has something to serve. */
export interface SnapshotStore<T> {
  /** Every value saved earlier; read once, when the cache is built. */
  load(): Iterable<SavedValue<T>>;
  /** Called after each refresh that lands; must not hold the caller up (write in the background). */
  save(saved: SavedValue<T>): void;
}

/** Nothing to serve yet. Its message is a public reason: the HTTP layer shows it to the reader. */
export class UpstreamUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
    /** Whose data is missing, in the reader's words. */
    readonly upstream = 'the OVH API',
  ) {
    super(message);
    this.name = 'UpstreamUnavailableError';
  }
}

class RefreshTimeoutError extends Error implements PubliclyDescribed {
  readonly publicReason: string;
  constructor(deadlineMs: number) {
    super(`the refresh did not finish within ${Math.round(deadlineMs / 1000)} s and was abandoned`);
    this.name = 'RefreshTimeoutError';
    this.publicReason = this.message;
  }
}

interface Refresh {
  done: Promise<void>;
  /** On the cache's clock, for the answer. */
  startedAt: number;
  /** On the process's monotonic clock, for the waits, which run in real time whatever the cache's clock. */
  startedAtMs: number;
  controller: AbortController;
}

interface Entry<T> {
  value?: T;
  fetchedAt?: number;
  /** Loaded from the store and not refreshed by this process yet. */
  restored?: boolean;
  error?: { message: string; at: number };
  refresh?: Refresh;
}

/**
 * A refresh this young may still land in time to answer with fresh data. Well under the 2 s a screen may
 * wait: a route reads at most one cache entry with this budget (authorization reads wait for nothing).
 */
export const REFRESH_WAIT_MS = 500;
/**
 * With no copy at all there is nothing to serve but an error, so the first load is worth waiting for, but
 * not for ever: a route chains at most three such reads (services, rights, list), which must fail before the
 * SPA's own 20 s timeout does, so the user reads why.
 */
export const COLD_WAIT_MS = 5_000;
/**
 * Longer than any honest refresh (a 10 000-VM datacenter at 8 s a call is about 9 minutes), short enough that
 * a refresh stuck where the OVH client's per-request timeouts do not reach does not hold its key for ever.
 */
export const REFRESH_DEADLINE_MS = 15 * 60_000;

export interface RefreshingCacheOptions<K, T> {
  load: (key: K, signal: AbortSignal) => Promise<T>;
  intervalMs: number;
  /** After a failed refresh, wait this long before trying again. */
  retryAfterMs?: number;
  waitMs?: number;
  coldWaitMs?: number;
  deadlineMs?: number;
  now?: () => number;
  keyOf?: (key: K) => string;
  /** Gets the whole error, for the log; readers get its public reason only. */
  onError?: (key: K, error: unknown) => void;
  store?: SnapshotStore<T>;
  /** Keeps at most this many keys, forgetting the least recently read; unbounded when absent. */
  maxEntries?: number;
}

export interface ReadOptions {
  /** How long after a refresh began a reader with a copy still waits for it; the cache's budget by default. */
  waitMs?: number;
}

/** Resolves when `promise` settles or after `ms`, whichever is first; never rejects. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  if (ms <= 0) return;
  const settled = promise.then(
    () => undefined,
    () => undefined,
  );
  if (ms === Infinity) return settled;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export class RefreshingCache<K, T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly now: () => number;
  private readonly retryAfterMs: number;
  private closed = false;

  constructor(private readonly options: RefreshingCacheOptions<K, T>) {
    this.now = options.now ?? Date.now;
    this.retryAfterMs = options.retryAfterMs ?? Math.min(30_000, options.intervalMs);
    for (const saved of options.store?.load() ?? []) {
      this.entries.set(saved.id, { value: saved.value, fetchedAt: saved.fetchedAt, restored: true });
    }
  }

  async get(key: K, read: ReadOptions = {}): Promise<Snapshot<T>> {
    const id = this.idOf(key);
    let entry = this.entries.get(id);
    if (!entry) {
      entry = {};
      this.entries.set(id, entry);
    } else if (this.options.maxEntries !== undefined) {
      // Read last, forgotten last: a Map iterates in insertion order.
      this.entries.delete(id);
      this.entries.set(id, entry);
    }
    if (this.due(entry)) this.startRefresh(key, id, entry);
    this.forgetOldest();
    const refresh = entry.refresh;
    if (refresh) {
      const waitMs = read.waitMs ?? this.options.waitMs ?? REFRESH_WAIT_MS;
      await settledWithin(
        refresh.done,
        entry.value === undefined
          ? Math.max(this.options.coldWaitMs ?? COLD_WAIT_MS, waitMs)
          : refresh.startedAtMs + waitMs - performance.now(),
      );
    }
    if (entry.value === undefined || entry.fetchedAt === undefined) {
      if (entry.refresh) {
        throw new UpstreamUnavailableError(
          `no answer after ${Math.round((performance.now() - entry.refresh.startedAtMs) / 1000)} s; the first load goes on in the background`,
        );
      }
      throw new UpstreamUnavailableError(entry.error?.message ?? 'no data yet');
    }
    const failedSince = entry.error && entry.error.at >= entry.fetchedAt ? entry.error : undefined;
    return {
      value: entry.value,
      fetchedAt: entry.fetchedAt,
      stale:
        entry.restored === true ||
        failedSince !== undefined ||
        this.now() - entry.fetchedAt >= this.options.intervalMs,
      ...(failedSince ? { error: failedSince } : {}),
      ...(entry.refresh ? { refreshingSince: entry.refresh.startedAt } : {}),
    };
  }

  /** Abandons the refreshes under way, without recording them as failures, and starts no more. */
  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.entries.values()].flatMap((entry) => (entry.refresh ? [entry.refresh] : []));
    for (const refresh of running) refresh.controller.abort(new Error('the server is shutting down'));
    await Promise.all(running.map((refresh) => refresh.done));
  }

  /** Down to `maxEntries`, least recently read first; an entry being refreshed stays until its refresh ends. */
  private forgetOldest(): void {
    const max = this.options.maxEntries;
    if (max === undefined) return;
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= max) return;
      if (!entry.refresh) this.entries.delete(id);
    }
  }

  private idOf(key: K): string {
    return this.options.keyOf ? this.options.keyOf(key) : String(key);
  }

  private due(entry: Entry<T>): boolean {
    if (this.closed || entry.refresh) return false;
    const now = this.now();
    if (entry.error && now - entry.error.at < this.retryAfterMs) return false;
    // A restored value may be minutes or days old: the first read after a restart asks the upstream.
    if (entry.restored) return true;
    return entry.fetchedAt === undefined || now - entry.fetchedAt >= this.options.intervalMs;
  }

  private startRefresh(key: K, id: string, entry: Entry<T>): void {
    const controller = new AbortController();
    const deadlineMs = this.options.deadlineMs ?? REFRESH_DEADLINE_MS;
    const deadline = setTimeout(() => controller.abort(new RefreshTimeoutError(deadlineMs)), deadlineMs);
    deadline.unref();
    const refresh: Refresh = {
      startedAt: this.now(),
      startedAtMs: performance.now(),
      controller,
      done: this.refresh(key, id, entry, controller.signal).finally(() => {
        clearTimeout(deadline);
        entry.refresh = undefined;
      }),
    };
    entry.refresh = refresh;
  }

  private async refresh(key: K, id: string, entry: Entry<T>, signal: AbortSignal): Promise<void> {
    try {
      const value = await this.options.load(key, signal);
      if (this.closed) return;
      entry.value = value;
      entry.fetchedAt = this.now();
      entry.restored = false;
      entry.error = undefined;
      this.options.store?.save({ id, value, fetchedAt: entry.fetchedAt });
    } catch (caught) {
      if (this.closed) return;
      // An abandoned refresh says so, rather than with whatever the aborted request happened to throw.
      const error: unknown = signal.aborted ? signal.reason : caught;
      entry.error = { message: publicReasonOf(error), at: this.now() };
      this.options.onError?.(key, error);
    }
  }
}
