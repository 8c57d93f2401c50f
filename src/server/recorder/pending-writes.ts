// What a recorder could not write yet: retried with the next pass, so an outage of the store leaves no gap the
// recorder could have filled. Bounded: past `max` the oldest items go first.

export type FlushResult =
  { ok: true; written: number } | { ok: false; error: unknown; backlog: number; dropped: number };

export class PendingWrites<T> {
  private pending: T[] = [];

  constructor(private readonly max: number) {}

  get size(): number {
    return this.pending.length;
  }

  /**
   * Writes the backlog and the fresh items together. On failure they are all kept for the next flush, unless
   * `retryable` says the store refused them for good (then they are dropped: retrying could never succeed).
   */
  async flush(
    fresh: readonly T[],
    write: (items: T[]) => Promise<void>,
    retryable: (error: unknown) => boolean = () => true,
  ): Promise<FlushResult> {
    const batch = [...this.pending, ...fresh];
    if (batch.length === 0) return { ok: true, written: 0 };
    try {
      await write(batch);
      this.pending = [];
      return { ok: true, written: batch.length };
    } catch (error) {
      this.pending = [];
      const dropped = retryable(error) ? this.keep(batch) : batch.length;
      return { ok: false, error, backlog: this.pending.length, dropped };
    }
  }

  /**
   * Adds items to the backlog without trying the store, for a pass whose store already failed it: how many of
   * the oldest went to stay within `max`.
   */
  keep(items: readonly T[]): number {
    for (const item of items) this.pending.push(item);
    const dropped = Math.max(0, this.pending.length - this.max);
    if (dropped > 0) this.pending.splice(0, dropped);
    return dropped;
  }
}
