// One cache entry per key, refreshed at most once per interval, with single-flight: however many screens poll,
// the upstream sees one fetch per key per interval. When a refresh fails, the last good value is served with
// `stale: true`, the error and its age; failed refreshes are retried after a short pause, not on every request.

export interface Snapshot<T> {
  value: T;
  /** When the value was fetched from the upstream (epoch ms). */
  fetchedAt: number;
  stale: boolean;
  /** The last refresh's failure, while the served value is older than it. */
  error?: { message: string; at: number };
}

export class UpstreamUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'UpstreamUnavailableError';
  }
}

interface Entry<T> {
  value?: T;
  fetchedAt?: number;
  error?: { message: string; at: number };
  inflight?: Promise<void>;
}

export interface RefreshingCacheOptions<K, T> {
  load: (key: K, signal: AbortSignal) => Promise<T>;
  intervalMs: number;
  /** After a failed refresh, wait this long before trying again. */
  retryAfterMs?: number;
  now?: () => number;
  keyOf?: (key: K) => string;
  onError?: (key: K, error: unknown) => void;
}

export class RefreshingCache<K, T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly now: () => number;
  private readonly retryAfterMs: number;

  constructor(private readonly options: RefreshingCacheOptions<K, T>) {
    this.now = options.now ?? Date.now;
    this.retryAfterMs = options.retryAfterMs ?? Math.min(30_000, options.intervalMs);
  }

  async get(key: K): Promise<Snapshot<T>> {
    const id = this.options.keyOf ? this.options.keyOf(key) : String(key);
    let entry = this.entries.get(id);
    if (!entry) {
      entry = {};
      this.entries.set(id, entry);
    }
    if (this.due(entry)) {
      entry.inflight ??= this.refresh(key, entry).finally(() => {
        entry.inflight = undefined;
      });
      await entry.inflight;
    } else if (entry.inflight && entry.value === undefined) {
      await entry.inflight;
    }
    if (entry.value === undefined || entry.fetchedAt === undefined) {
      throw new UpstreamUnavailableError(entry.error?.message ?? 'no data yet');
    }
    const failedSince = entry.error && entry.error.at >= entry.fetchedAt ? entry.error : undefined;
    return {
      value: entry.value,
      fetchedAt: entry.fetchedAt,
      stale: failedSince !== undefined,
      ...(failedSince ? { error: failedSince } : {}),
    };
  }

  /** Drops every entry: the next read of each key fetches again. */
  clear(): void {
    this.entries.clear();
  }

  private due(entry: Entry<T>): boolean {
    const now = this.now();
    if (entry.error && now - entry.error.at < this.retryAfterMs) return false;
    return entry.fetchedAt === undefined || now - entry.fetchedAt >= this.options.intervalMs;
  }

  private async refresh(key: K, entry: Entry<T>): Promise<void> {
    const controller = new AbortController();
    try {
      const value = await this.options.load(key, controller.signal);
      entry.value = value;
      entry.fetchedAt = this.now();
      entry.error = undefined;
    } catch (error) {
      entry.error = { message: error instanceof Error ? error.message : String(error), at: this.now() };
      this.options.onError?.(key, error);
    }
  }
}
