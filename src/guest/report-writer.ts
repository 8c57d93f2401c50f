// Group commit for agents' reports. With synchronous=FULL every commit waits for the disk, so one transaction per
// report caps ingest at the disk's flush rate; reports that arrive while a commit is under way are written together
// in the next one instead, and each report's promise settles only once the transaction holding it committed, so
// an agent is never told a report is stored before it would survive a crash.

export interface ReportDatabase {
  /** Runs `work` in a transaction; called again inside one, in a savepoint (as better-sqlite3 nests them). */
  batch(work: () => void): void;
  readonly inTransaction: boolean;
}

interface PendingReport {
  apply: () => void;
  resolve: () => void;
  reject: (reason: unknown) => void;
}

export class ReportWriter {
  private queue: PendingReport[] = [];
  private scheduled = false;

  constructor(private readonly db: ReportDatabase) {}

  /** Settles once `apply`'s writes are committed, or rejects with what `apply` or the commit threw. */
  write(apply: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ apply, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // setImmediate runs after the I/O callbacks of this turn of the event loop: every request read meanwhile
      // (while the previous commit blocked the loop, too) is in the queue by then.
      setImmediate(() => {
        this.flush();
      });
    });
  }

  /** Writes what is queued now, in one transaction; closing the store without it would drop those reports. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    const failed = new Map<PendingReport, unknown>();
    try {
      this.db.batch(() => {
        for (const report of batch) {
          // Its own savepoint: a report that cannot be written is rolled back alone, and the rest still commit.
          try {
            this.db.batch(report.apply);
          } catch (err) {
            // Unless SQLite rolled back the whole transaction (a full disk, an I/O error): then the batch fails.
            if (!this.db.inTransaction) throw err;
            failed.set(report, err);
          }
        }
      });
    } catch (err) {
      // Nothing of the batch is stored.
      for (const report of batch) report.reject(err);
      return;
    }
    for (const report of batch) {
      if (failed.has(report)) report.reject(failed.get(report));
      else report.resolve();
    }
  }
}
