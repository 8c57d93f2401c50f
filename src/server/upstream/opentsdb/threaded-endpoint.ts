import { Worker } from 'node:worker_threads';
import { inBatches, Pacer } from '../../event-loop/pacer';
import type { Log } from '../../logging';
import type {
  EmbeddedCall,
  EmbeddedMessage,
  EmbeddedRequest,
  EmbeddedWorkerData,
} from './embedded-worker-protocol';
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

interface Pending {
  resolve: (result: OpenTsdbResult[] | undefined) => void;
  reject: (error: Error) => void;
}

/**
 * The thread, from its bundle beside the server's in dist/server, or from its source under tsx (dev, tests):
 * a worker does not inherit the loader that runs TypeScript, so it registers tsx's before importing it.
 */
export function spawnEmbeddedWorker(dir: string): Worker {
  const workerData: EmbeddedWorkerData = { dir };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./embedded-worker.mjs', import.meta.url), { workerData });
  const source = JSON.stringify(new URL('./embedded-worker.ts', import.meta.url).href);
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export class ThreadedOpenTsdbEndpoint implements OpenTsdbEndpoint {
  readonly label = 'embedded tsdb';
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    /** Starts the thread: at the first call, and again at the next call after it stopped. */
    private readonly spawn: () => Worker,
    private readonly log: Log,
  ) {}

  static open(dir: string, log: Log): ThreadedOpenTsdbEndpoint {
    return new ThreadedOpenTsdbEndpoint(() => spawnEmbeddedWorker(dir), log);
  }

  async query(query: OpenTsdbQuery, signal?: AbortSignal): Promise<OpenTsdbResult[]> {
    signal?.throwIfAborted();
    return (await this.call({ op: 'query', query })) ?? [];
  }

  /** Aborted, it sends no further batch: those written stay, as a failed HTTP put's would. */
  async put(points: readonly OpenTsdbPoint[], signal?: AbortSignal): Promise<void> {
    await inBatches(points, POINTS_PER_MESSAGE, new Pacer(signal), (batch) =>
      this.call({ op: 'put', points: batch }),
    );
  }

  /** Lets the thread finish its writes and close the store (its maintenance stops at its next step). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker) await this.call({ op: 'close' }).catch(() => undefined);
    this.closed = true;
    await worker?.terminate();
  }

  private call(call: EmbeddedCall): Promise<OpenTsdbResult[] | undefined> {
    if (this.closed) return Promise.reject(new OpenTsdbError(0, this.label, 'it is closed'));
    const worker = (this.worker ??= this.start());
    const request: EmbeddedRequest = { ...call, id: this.nextId++ };
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  private start(): Worker {
    const worker = this.spawn();
    worker.on('message', (message: EmbeddedMessage) => {
      if ('log' in message) {
        this.log.error({ err: message.log.error }, message.log.message);
        return;
      }
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error)
        pending?.reject(new OpenTsdbError(message.error.status, this.label, message.error.detail));
      else pending?.resolve(message.result);
    });
    const stopped = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const { reject } of this.pending.values()) reject(new OpenTsdbError(0, this.label, reason));
      this.pending.clear();
    };
    worker.on('error', (error) => {
      this.log.error({ err: error }, 'the embedded tsdb thread failed');
      stopped(`its thread failed: ${error.message}`);
    });
    worker.on('exit', (code) => stopped(`its thread stopped (exit code ${code})`));
    return worker;
  }
}
