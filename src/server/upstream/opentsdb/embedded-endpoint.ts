import { parseQueryBody, runQuery, serializeResults, TsdbError, type TsdbStore } from '@/tsdb';
import {
  OpenTsdbError,
  OpenTsdbResponseSchema,
  type OpenTsdbEndpoint,
  type OpenTsdbPoint,
  type OpenTsdbQuery,
} from './endpoint';

// The embedded tsdb called in process: the same query body and the same response JSON as over HTTP, without
// the socket. Going through OpenTSDB's serialisation keeps the two paths indistinguishable to callers.

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

  async put(points: readonly OpenTsdbPoint[]): Promise<void> {
    await this.store.write(
      points.map((p) => ({
        metric: p.metric,
        tags: p.tags,
        ts: p.timestamp,
        value: p.value,
        isInteger: Number.isInteger(p.value),
      })),
    );
  }
}
