import { workerData } from 'node:worker_threads';
import { SqliteStore } from '@/tsdb';
import { workerPort } from '../../threads/worker-protocol';
import { EmbeddedOpenTsdbEndpoint } from './embedded-endpoint';
import type { EmbeddedCall, EmbeddedResult, EmbeddedWorkerData } from './embedded-worker-protocol';
import { OpenTsdbError } from './endpoint';

// The embedded tsdb's thread (see threaded-endpoint.ts): the store and the query engine, answering the same
// OpenTSDB calls the in-process endpoint answers.

const port = workerPort<EmbeddedCall, EmbeddedResult>();
const { dir } = workerData as EmbeddedWorkerData;
const store = SqliteStore.open(dir, {
  onMaintenanceError: (error) => port.log('history maintenance pass failed', error),
});
const endpoint = new EmbeddedOpenTsdbEndpoint(store);

port.serve(
  async (call) => {
    switch (call.op) {
      case 'query':
        return endpoint.query(call.query);
      case 'put':
        return endpoint.put(call.points);
      case 'close':
        return endpoint.close();
    }
  },
  (error) =>
    error instanceof OpenTsdbError
      ? { status: error.status, detail: error.detail }
      : { status: 0, detail: String(error) },
);
