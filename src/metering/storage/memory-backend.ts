import type { Series } from '../carbonara/aggregate';
import type { MetricMeta, MetricState, StorageBackend } from './backend';

interface MetricData {
  state: MetricState | undefined;
  /** `granularity|method` → chunk number → series. */
  readonly chunks: Map<string, Map<number, Series>>;
}

/** The engine without --data: the same chunks as SQLite keeps, in maps. */
export class MemoryBackend implements StorageBackend {
  private readonly metrics = new Map<string, MetricData>();

  private metric(metricId: string): MetricData {
    let data = this.metrics.get(metricId);
    if (!data) {
      data = { state: undefined, chunks: new Map() };
      this.metrics.set(metricId, data);
    }
    return data;
  }

  private chunks(metricId: string, granularityUs: number, method: string): Map<number, Series> {
    const all = this.metric(metricId).chunks;
    const key = `${granularityUs}|${method}`;
    let chunks = all.get(key);
    if (!chunks) {
      chunks = new Map();
      all.set(key, chunks);
    }
    return chunks;
  }

  getState(metricId: string): MetricState | undefined {
    return this.metrics.get(metricId)?.state;
  }

  getMeta(metricId: string): MetricMeta | undefined {
    return this.metrics.get(metricId)?.state?.meta;
  }

  putState(metricId: string, state: MetricState): void {
    this.metric(metricId).state = state;
  }

  getChunk(metricId: string, granularityUs: number, method: string, chunk: number): Series | undefined {
    return this.metrics.get(metricId)?.chunks.get(`${granularityUs}|${method}`)?.get(chunk);
  }

  putChunk(metricId: string, granularityUs: number, method: string, chunk: number, series: Series): void {
    const chunks = this.chunks(metricId, granularityUs, method);
    if (series.timestamps.length === 0) chunks.delete(chunk);
    // A copy: the series may be a view into a batch's larger buffer, which it would otherwise pin.
    else chunks.set(chunk, { timestamps: series.timestamps.slice(), values: series.values.slice() });
  }

  deleteChunksBelow(metricId: string, granularityUs: number, method: string, chunk: number): void {
    const chunks = this.chunks(metricId, granularityUs, method);
    for (const key of chunks.keys()) if (key < chunk) chunks.delete(key);
  }

  listChunks(
    metricId: string,
    granularityUs: number,
    method: string,
    fromChunk: number,
    toChunk: number,
  ): Series[] {
    const chunks = this.metrics.get(metricId)?.chunks.get(`${granularityUs}|${method}`);
    if (!chunks) return [];
    return [...chunks.keys()]
      .filter((key) => key >= fromChunk && key <= toChunk)
      .sort((a, b) => a - b)
      .map((key) => chunks.get(key) as Series);
  }

  deleteMetric(metricId: string): void {
    this.metrics.delete(metricId);
  }

  transaction<T>(fn: () => T): T {
    // Nothing to roll back to: a batch is validated before anything is written.
    return fn();
  }

  close(): void {
    this.metrics.clear();
  }
}
