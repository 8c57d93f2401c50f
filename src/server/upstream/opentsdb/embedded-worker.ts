import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStore } from '@/tsdb';
import { EmbeddedOpenTsdbEndpoint } from './embedded-endpoint';
import type { EmbeddedMessage, EmbeddedRequest, EmbeddedWorkerData } from './embedded-worker-protocol';
import { OpenTsdbError } from './endpoint';

// The embedded tsdb's thread (see threaded-endpoint.ts): the store and the query engine, answering the same
// OpenTSDB calls the in-process endpoint answers.

const port = parentPort;
if (!port) throw new Error('embedded-worker.ts runs as a worker thread');
const post = (message: EmbeddedMessage) => port.postMessage(message);

const { dir } = workerData as EmbeddedWorkerData;
const store = SqliteStore.open(dir, {
  onMaintenanceError: (error) =>
    post({ log: { message: 'history maintenance pass failed', error: String(error) } }),
});
const endpoint = new EmbeddedOpenTsdbEndpoint(store);

async function answer(request: EmbeddedRequest): Promise<EmbeddedMessage> {
  switch (request.op) {
    case 'query':
      return { id: request.id, result: await endpoint.query(request.query) };
    case 'put':
      await endpoint.put(request.points);
      return { id: request.id };
    case 'close':
      await endpoint.close();
      return { id: request.id };
  }
}

port.on('message', (request: EmbeddedRequest) => {
  answer(request).then(post, (error: unknown) =>
    post({
      id: request.id,
      error: {
        status: error instanceof OpenTsdbError ? error.status : 0,
        detail: error instanceof OpenTsdbError ? error.detail : String(error),
      },
    }),
  );
});
