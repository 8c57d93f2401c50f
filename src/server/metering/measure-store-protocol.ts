import type { ArchivePolicy, MetricMeasures } from '@/metering';

// The calls the server's thread makes to the metering store's (measure-store-worker.ts): the store's writes.
// Reads stay on the server's thread, on a connection of their own (see threaded-measure-store.ts).

export interface MeasureStoreWorkerData {
  /** The engine's data directory (openMeasureStore). */
  readonly dir: string;
}

export type MeasureStoreCall =
  | { readonly op: 'add'; readonly batch: readonly MetricMeasures[] }
  | { readonly op: 'updatePolicy'; readonly metricId: string; readonly policy: ArchivePolicy }
  | { readonly op: 'deleteMetric'; readonly metricId: string }
  | { readonly op: 'close' };
