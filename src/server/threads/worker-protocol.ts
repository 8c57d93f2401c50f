import { parentPort } from 'node:worker_threads';

// The messages between the server's thread and one of its worker threads (the embedded tsdb's, the metering
// store's). Each request carries an id its answer repeats; a thread answers requests in the order they came.

export type WorkerRequest<Call> = Call & { readonly id: number };

/** An error as it crosses threads: a status the caller's error type keeps (0: no status), and its text. */
export interface WorkerFailure {
  readonly status: number;
  readonly detail: string;
}

export type WorkerMessage<Result> =
  | { readonly id: number; readonly result?: Result; readonly error?: WorkerFailure }
  /** Something the thread would log: the server's thread logs it, with its own logger. */
  | { readonly log: { readonly message: string; readonly error: string } };

/** The thread's side: its calls answered through `answer`, its failures described by `failureOf`. */
export interface WorkerPort<Call, Result> {
  log(message: string, error: unknown): void;
  serve(answer: (call: Call) => Promise<Result | void>, failureOf?: (error: unknown) => WorkerFailure): void;
}

const plainFailure = (error: unknown): WorkerFailure => ({ status: 0, detail: String(error) });

export function workerPort<Call, Result>(): WorkerPort<Call, Result> {
  const port = parentPort;
  if (!port) throw new Error('this module runs as a worker thread');
  const post = (message: WorkerMessage<Result>) => port.postMessage(message);
  return {
    log: (message, error) => post({ log: { message, error: String(error) } }),
    serve: (answer, failureOf = plainFailure) => {
      port.on('message', (request: WorkerRequest<Call>) => {
        answer(request).then(
          (result) =>
            post(result === undefined ? { id: request.id } : { id: request.id, result: result as Result }),
          (error: unknown) => post({ id: request.id, error: failureOf(error) }),
        );
      });
    },
  };
}
