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

  constructor({ intervalMs, maxPending, onPassError }: PeriodicRecorderOptions) {
    this.pending = new PendingWrites(maxPending);
    this.periodic = new Periodic(() => this.tick(), intervalMs, onPassError);
  }

  /** One pass: read what changed, then write it with any backlog. */
  abstract tick(): Promise<Result>;

  /** Runs a pass now, then every interval. */
  start(): void {
    this.periodic.start();
  }

  /** Stops the timer and waits for the pass under way. */
  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** Items waiting for the store to come back. */
  get backlog(): number {
    return this.pending.size;
  }
}
