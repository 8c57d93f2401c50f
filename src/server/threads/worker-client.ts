import { Worker } from 'node:worker_threads';
import type { Log } from '../logging';
import type { WorkerFailure, WorkerMessage, WorkerRequest } from './worker-protocol';

// The server's side of a worker thread: calls sent as messages and answered by id, the thread started at the
// first call and again at the next call after it stopped (its pending calls fail), and no call after close.

interface Pending<Result> {
  resolve: (result: Result | undefined) => void;
  reject: (error: Error) => void;
}

/**
 * A thread running `module` (a path relative to `callerUrl`, without extension): its bundle beside the server's
 * in dist/server, or its source under tsx (dev, tests), where the worker, which does not inherit the loader
 * that runs TypeScript, registers tsx's before importing it.
 */
export function spawnWorker(callerUrl: string, module: string, workerData: unknown): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`${module}.mjs`, callerUrl), { workerData });
  const source = JSON.stringify(new URL(`${module}.ts`, callerUrl).href);
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export interface WorkerClientOptions<Call> {
  /** Names the thread in errors and logs: "embedded tsdb: its thread stopped". */
  readonly label: string;
  readonly spawn: () => Worker;
  readonly log: Log;
  /** The caller's error for a failure: the thread's, or status 0 for a thread that stopped or a closed client. */
  readonly error: (failure: WorkerFailure) => Error;
  /** The call that lets the thread finish its writes and close what it holds. */
  readonly closeCall: Call;
}

export class WorkerClient<Call, Result> {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending<Result>>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerClientOptions<Call>) {}

  call(call: Call): Promise<Result | undefined> {
    if (this.closed) return Promise.reject(this.options.error({ status: 0, detail: 'it is closed' }));
    const worker = (this.worker ??= this.start());
    const request = { ...call, id: this.nextId++ } as WorkerRequest<Call>;
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (worker) await this.call(this.options.closeCall).catch(() => undefined);
    this.closed = true;
    await worker?.terminate();
  }

  private start(): Worker {
    const { label, log, error } = this.options;
    const worker = this.options.spawn();
    worker.on('message', (message: WorkerMessage<Result>) => {
      if ('log' in message) {
        log.error({ err: message.log.error }, message.log.message);
        return;
      }
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending?.reject(error(message.error));
      else pending?.resolve(message.result);
    });
    const stopped = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const { reject } of this.pending.values()) reject(error({ status: 0, detail: reason }));
      this.pending.clear();
    };
    worker.on('error', (failure) => {
      log.error({ err: failure }, `the ${label} thread failed`);
      stopped(`its thread failed: ${failure.message}`);
    });
    worker.on('exit', (code) => stopped(`its thread stopped (exit code ${code})`));
    return worker;
  }
}
