import { setImmediate as nextTurn } from 'node:timers/promises';
import { badRequest } from './errors';
import { JsonSyntaxError, jsonItems } from './json-number-kinds';
import type { PutError } from './put-points';
import { parsePoint, toPlainJson } from './put-points';
import type { IncomingPoint, TsdbStore } from './store';
import { ReadOnlyStoreError } from './store';

// PutDataPointRpc without HTTP. The whole body is parsed and validated before anything is written, as
// OpenTSDB does, then written in chunks, each its own store.write (one SQLite transaction). Both phases let
// the event loop through every few thousand points: in one go, a put of a million points held every other
// request for 44 s. The answer still waits until the last chunk is durable.

/** Points per store.write: some 25 ms of SQLite work and one fsync each. */
export const WRITE_CHUNK_POINTS = 2_000;
/** Body items parsed and validated between two turns of the event loop, some 20 ms of work. */
const PARSE_SLICE_ITEMS = 2_000;

export interface PutOutcome {
  readonly success: number;
  /** Points refused by validation. */
  readonly invalid: number;
  /** Valid points whose chunk the store failed to write. */
  readonly unstored: number;
  /** Validation errors in body order, then storage errors, as OpenTSDB's `details` lists them. */
  readonly errors: readonly PutError[];
}

export interface PutLog {
  error(fields: object, message: string): void;
}

export async function putDataPoints(store: TsdbStore, text: string, log: PutLog): Promise<PutOutcome> {
  const points: IncomingPoint[] = [];
  const errors: PutError[] = [];
  let read = 0;
  try {
    for (const item of jsonItems(text)) {
      const point = parsePoint(item);
      if (typeof point === 'string') errors.push({ datapoint: toPlainJson(item), error: point });
      else points.push(point);
      if (++read % PARSE_SLICE_ITEMS === 0) await nextTurn();
    }
  } catch (e) {
    throw badRequest('Unable to parse the given JSON', e instanceof JsonSyntaxError ? e.message : undefined);
  }
  const invalid = errors.length;
  let success = 0;
  for (let i = 0; i < points.length; i += WRITE_CHUNK_POINTS) {
    if (i > 0) await nextTurn();
    const chunk = points.slice(i, i + WRITE_CHUNK_POINTS);
    try {
      await store.write(chunk);
      success += chunk.length;
    } catch (err) {
      if (err instanceof ReadOnlyStoreError) throw err;
      // OpenTSDB's PutErrback: these points fail with the storage error and the other chunks are still tried.
      log.error({ err }, 'tsdb put: a chunk of data points could not be stored');
      const error = `Storage exception: ${err instanceof Error ? err.message : String(err)}`;
      for (const p of chunk) {
        // The point as it was read, timestamp in ms, so that it can be sent again as is.
        errors.push({
          datapoint: { metric: p.metric, timestamp: p.ts, value: p.value, tags: p.tags },
          error,
        });
      }
    }
  }
  return { success, invalid, unstored: points.length - success, errors };
}
