import { PendingWrites } from './pending-writes';
import { Periodic } from './periodic';

// What every recorder shares: a pass every interval, never two at once, and a bounded backlog of what its
// store could not take yet, written again with the next pass.

export interface PeriodicRecorderOptions {
  intervalMs: number;
  /** Items kept for retry while the store is down, at most. */
  maxPending: number;
  /** A pass that failed as a whole: the next one runs anyway. */
  onPassError: (error: unknown) => void;
}

export abstract class PeriodicRecorder<Item, Result> {
  protected readonly pending: PendingWrites<Item>;
  private readonly periodic: Periodic;
  private readonly stopping = new AbortController();

  constructor({ intervalMs, maxPending, onPassError }: PeriodicRecorderOptions) {
    this.pending = new PendingWrites(maxPending);
    this.periodic = new Periodic(
      () => this.tick(),
      intervalMs,
      // A pass cut short by stop() did not fail.
      (error) => this.stopping.signal.aborted || onPassError(error),
    );
  }

  /**
   * Aborted by stop(): a long pass (the first sync of a big infrastructure is a request per resource) checks
   * it between its writes, so a server's shutdown does not wait for the whole pass.
   */
  protected get stopped(): AbortSignal {
    return this.stopping.signal;
  }

  /** One pass: read what changed, then write it with any backlog. */
  abstract tick(): Promise<Result>;

  /** Runs a pass now, then every interval. */
  start(): void {
    this.periodic.start();
  }

  /** A pass now, outside the timer's rhythm (or the pass under way), for a bench to time one. */
  runNow(): Promise<void> {
    return this.periodic.runNow();
  }

  /** Stops the timer and waits for the pass under way to reach its next check of `stopped`. */
  stop(): Promise<void> {
    this.stopping.abort();
    return this.periodic.stop();
  }

  /** Items waiting for the store to come back. */
  get backlog(): number {
    return this.pending.size;
  }
}
