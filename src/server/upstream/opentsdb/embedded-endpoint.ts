import { parseQueryBody, runQuery, serializeResults, TsdbError, type TsdbStore } from '@/tsdb';
import { inBatches, Pacer } from '../../event-loop/pacer';
import {
  OpenTsdbError,
  OpenTsdbResponseSchema,
  type OpenTsdbEndpoint,
  type OpenTsdbPoint,
  type OpenTsdbQuery,
} from './endpoint';

// The embedded tsdb called in process: the same query body and the same response JSON as over HTTP, without
// the socket. Going through OpenTSDB's serialisation keeps the two paths indistinguishable to callers.

/**
 * Points per write, each its own transaction: the store's calls hold the thread it runs on (the server's for
 * the memory store, its own with a data directory: threaded-endpoint.ts), so a recorder's tick of 20 000 VMs
 * is written some tens of milliseconds at a time, with queries answered between two.
 */
const POINTS_PER_WRITE = 1_000;

export class EmbeddedOpenTsdbEndpoint implements OpenTsdbEndpoint {
  readonly label = 'embedded tsdb';

  constructor(
    private readonly store: TsdbStore,
    private readonly now: () => number = Date.now,
  ) {}

  async query(query: OpenTsdbQuery) {
    try {
      const parsed = parseQueryBody(query, this.now(), { arrays: false });
      const json = serializeResults(await runQuery(this.store, parsed), parsed);
      return OpenTsdbResponseSchema.parse(JSON.parse(json));
    } catch (error) {
      // Callers see one error type whichever endpoint answered.
      if (error instanceof TsdbError) throw new OpenTsdbError(error.status, this.label, error.message);
      throw error;
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /** Aborted, it writes no further batch: those already written stay, as a failed HTTP put's would. */
  async put(points: readonly OpenTsdbPoint[], signal?: AbortSignal): Promise<void> {
    await inBatches(points, POINTS_PER_WRITE, new Pacer(signal), (batch) =>
      this.store.write(
        batch.map((p) => ({
          metric: p.metric,
          tags: p.tags,
          ts: p.timestamp,
          value: p.value,
          isInteger: Number.isInteger(p.value),
        })),
      ),
    );
  }
}
