import { workerData } from 'node:worker_threads';
import { openMeasureStore } from '@/metering/store';
import { workerPort } from '../threads/worker-protocol';
import type { MeasureStoreCall, MeasureStoreWorkerData } from './measure-store-protocol';

// The metering store's thread (see threaded-measure-store.ts): the engine's writes, each one transaction
// committed with synchronous=FULL before it is answered.

const port = workerPort<MeasureStoreCall, never>();
const { dir } = workerData as MeasureStoreWorkerData;
const store = openMeasureStore({ dataDir: dir });

port.serve(async (call) => {
  switch (call.op) {
    case 'add':
      return store.addMeasuresBatch(call.batch);
    case 'updatePolicy':
      return store.updatePolicy(call.metricId, call.policy);
    case 'deleteMetric':
      return store.deleteMetric(call.metricId);
    case 'close':
      return store.close();
  }
});
