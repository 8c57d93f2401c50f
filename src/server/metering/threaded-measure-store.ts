import type { Worker } from 'node:worker_threads';
import {
  openMeasureStore,
  type ArchivePolicy,
  type LocalMeasureStore,
  type Measures,
  type MeasureStore,
  type MetricMeasures,
} from '@/metering';
import type { Log } from '../logging';
import { spawnWorker, WorkerClient } from '../threads/worker-client';
import type { MeasureStoreCall, MeasureStoreWorkerData } from './measure-store-protocol';

// The metering engine's store with a data directory, its writes on a thread of their own. A measure rewrites
// the last chunk of each of its policy's 24 aggregates and commits with an fsync: about a millisecond and a half
// of the server's thread a measure, so a capacity pass of 20 000 VMs held every request behind it for minutes.
// Here the server's thread hands the batches over and awaits them; reads stay on this thread, on a connection
// of their own, which WAL lets read what the thread last committed while it writes the next.

const LABEL = 'metering store';

export function spawnMeasureStoreWorker(dir: string): Worker {
  const data: MeasureStoreWorkerData = { dir };
  return spawnWorker(import.meta.url, './measure-store-worker', data);
}

export class ThreadedMeasureStore implements MeasureStore {
  private readonly thread: WorkerClient<MeasureStoreCall, never>;

  /** `reader` is opened before the thread starts: it makes the files the thread then opens. */
  constructor(
    private readonly reader: LocalMeasureStore,
    spawn: () => Worker,
    log: Log,
  ) {
    this.thread = new WorkerClient({
      label: LABEL,
      spawn,
      log,
      error: ({ detail }) => new Error(`${LABEL}: ${detail}`),
      closeCall: { op: 'close' },
    });
  }

  static open(dir: string, log: Log): ThreadedMeasureStore {
    return new ThreadedMeasureStore(
      openMeasureStore({ dataDir: dir }),
      () => spawnMeasureStoreWorker(dir),
      log,
    );
  }

  async addMeasures(metricId: string, policy: ArchivePolicy, measures: Measures): Promise<void> {
    await this.thread.call({ op: 'add', batch: [{ metricId, policy, measures }] });
  }

  async addMeasuresBatch(batch: readonly MetricMeasures[]): Promise<void> {
    await this.thread.call({ op: 'add', batch });
  }

  read(metricId: string, aggregation: string, granularityUs: number, fromUs?: number, toUs?: number) {
    return this.reader.read(metricId, aggregation, granularityUs, fromUs, toUs);
  }

  async updatePolicy(metricId: string, policy: ArchivePolicy): Promise<void> {
    await this.thread.call({ op: 'updatePolicy', metricId, policy });
  }

  async deleteMetric(metricId: string): Promise<void> {
    await this.thread.call({ op: 'deleteMetric', metricId });
  }

  /** Lets the thread finish its writes and close its connection, then closes the reader's. */
  async close(): Promise<void> {
    await this.thread.close();
    this.reader.close();
  }
}
