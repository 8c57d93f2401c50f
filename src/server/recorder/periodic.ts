// A recorder's pass every interval, never two at once: a pass slower than the interval makes the next one wait
// for the following tick rather than pile up.

export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Runs a pass now, then every interval. */
  start(): void {
    void this.runNow();
    this.timer = setInterval(() => void this.runNow(), this.intervalMs);
    this.timer.unref();
  }

  /** A pass now, or the one under way: resolves when it has ended (its error goes to onError). */
  runNow(): Promise<void> {
    this.running ??= this.pass()
      .then(() => undefined)
      .catch(this.onError)
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops the timer and waits for the pass under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
