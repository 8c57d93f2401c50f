import type { Worker } from 'node:worker_threads';
import { inBatches, Pacer } from '../../event-loop/pacer';
import type { Log } from '../../logging';
import { spawnWorker, WorkerClient } from '../../threads/worker-client';
import type { EmbeddedCall, EmbeddedResult, EmbeddedWorkerData } from './embedded-worker-protocol';
import {
  OpenTsdbError,
  type OpenTsdbEndpoint,
  type OpenTsdbPoint,
  type OpenTsdbQuery,
  type OpenTsdbResult,
} from './endpoint';

// The embedded tsdb with a data directory, on a thread of its own. SQLite's calls are synchronous: on the
// server's thread, a recorder's tick of 20 000 VMs (260 000 points, a few tens of milliseconds a thousand) and
// the store's maintenance would hold every request behind them. Here the server's thread only hands points and
// queries over, a thousand points a message, and the thread answers queries between two writes.

/** Points a message carries: copying them to the thread costs the server's thread about a millisecond. */
const POINTS_PER_MESSAGE = 1_000;

const LABEL = 'embedded tsdb';

export function spawnEmbeddedWorker(dir: string): Worker {
  const data: EmbeddedWorkerData = { dir };
  return spawnWorker(import.meta.url, './embedded-worker', data);
}

export class ThreadedOpenTsdbEndpoint implements OpenTsdbEndpoint {
  readonly label = LABEL;
  private readonly thread: WorkerClient<EmbeddedCall, EmbeddedResult>;

  /** `spawn` starts the thread: at the first call, and again at the next call after it stopped. */
  constructor(spawn: () => Worker, log: Log) {
    this.thread = new WorkerClient({
      label: LABEL,
      spawn,
      log,
      error: ({ status, detail }) => new OpenTsdbError(status, LABEL, detail),
      closeCall: { op: 'close' },
    });
  }

  static open(dir: string, log: Log): ThreadedOpenTsdbEndpoint {
    return new ThreadedOpenTsdbEndpoint(() => spawnEmbeddedWorker(dir), log);
  }

  async query(query: OpenTsdbQuery, signal?: AbortSignal): Promise<OpenTsdbResult[]> {
    signal?.throwIfAborted();
    return (await this.thread.call({ op: 'query', query })) ?? [];
  }

  /** Aborted, it sends no further batch: those written stay, as a failed HTTP put's would. */
  async put(points: readonly OpenTsdbPoint[], signal?: AbortSignal): Promise<void> {
    await inBatches(points, POINTS_PER_MESSAGE, new Pacer(signal), (batch) =>
      this.thread.call({ op: 'put', points: batch }),
    );
  }

  /** Lets the thread finish its writes and close the store (its maintenance stops at its next step). */
  close(): Promise<void> {
    return this.thread.close();
  }
}
