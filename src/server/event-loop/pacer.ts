import { setImmediate } from 'node:timers/promises';

// Long work on the server's thread (a recorder's pass over 20 000 VMs, a year of demo backfill) is cut into
// slices of a few milliseconds with the event loop free between them, so the API keeps answering while it
// runs. setImmediate, not a microtask: the requests and timers waiting on the loop run before the next slice.

/** Work done between two yields, at most: a request that arrives mid-slice waits no longer than this. */
export const SLICE_MS = 12;

/** One turn of the event loop: the I/O and timers that were waiting run, then the caller goes on. */
export const yieldToEventLoop = (): Promise<void> => setImmediate();

export class Pacer {
  private sliceStart = performance.now();

  constructor(
    /** Checked at each call: a stopped recorder does no further slice. */
    private readonly signal?: AbortSignal,
    private readonly sliceMs = SLICE_MS,
  ) {}

  /** Called between two steps of the work: yields once the slice has lasted sliceMs, and throws if aborted. */
  async pace(): Promise<void> {
    this.signal?.throwIfAborted();
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    await yieldToEventLoop();
    this.signal?.throwIfAborted();
    this.sliceStart = performance.now();
  }
}

/** `work` over `items`, `size` at a time, paced between batches (so at most a batch runs past the slice). */
export async function inBatches<T>(
  items: readonly T[],
  size: number,
  pacer: Pacer,
  work: (batch: readonly T[]) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await pacer.pace();
    await work(items.slice(start, start + size));
  }
}
