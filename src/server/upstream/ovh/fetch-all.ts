import { z } from 'zod';
import { batchItemSchema, isBatchItemSuccess } from '../../../shared/ovh/envelopes';
import type { OvhClient } from './client';
import { OvhApiError } from './errors';
import { parseModel } from './parse-model';

// An OVH collection fetched the way vScope-style clients do: the id list, then the objects in X-Ovh-Batch
// chunks of 40 ids. Batch mode is undocumented and "not guaranteed", so when OVH refuses it the client falls
// back to per-id GETs at concurrency 10, as OVH's own CLI does, and remembers the refusal for a while.

export const BATCH_SIZE = 40;
export const PER_ID_CONCURRENCY = 10;
/** Batch chunks in flight at once: a 2 000-VM datacenter is 50 chunks, and each waits on OVH's latency. */
export const BATCH_CONCURRENCY = 4;
/** After a refusal, try batch mode again after this long: a transient refusal should not cost batch forever. */
const BATCH_RETRY_AFTER_MS = 3_600_000;

export interface ItemProblem {
  id: string;
  message: string;
}

export interface FetchAllResult<T> {
  items: T[];
  /** Objects that could not be read or parsed; the rest of the collection is still good. */
  problems: ItemProblem[];
  /** Objects read with values newer than our schema, kept as sent. */
  warnings: ItemProblem[];
  mode: 'batch' | 'per-id';
}

const IdListSchema = z.array(z.union([z.number(), z.string()]));

export class CollectionFetcher {
  private batchRefusedAt: number | undefined;

  constructor(
    private readonly client: OvhClient,
    private readonly now: () => number = Date.now,
  ) {}

  get batchAvailable(): boolean {
    return this.batchRefusedAt === undefined || this.now() - this.batchRefusedAt > BATCH_RETRY_AFTER_MS;
  }

  async fetchAll<S extends z.ZodType>(
    listPath: string,
    schema: S,
    signal?: AbortSignal,
  ): Promise<FetchAllResult<z.output<S>>> {
    const ids = IdListSchema.parse(await this.client.get(listPath, { signal })).map(String);
    return this.fetchIds(listPath, ids, schema, signal);
  }

  /** Objects of a collection by id, when the ids come from elsewhere than its plain list (a filtered list). */
  async fetchIds<S extends z.ZodType>(
    listPath: string,
    ids: readonly string[],
    schema: S,
    signal?: AbortSignal,
  ): Promise<FetchAllResult<z.output<S>>> {
    const result: FetchAllResult<z.output<S>> = { items: [], problems: [], warnings: [], mode: 'batch' };
    let remaining = ids;
    if (this.batchAvailable) {
      try {
        await this.viaBatch(listPath, ids, schema, result, signal);
        remaining = [];
      } catch (error) {
        // A 4xx on a batch request means batch mode was refused; anything else is a real failure.
        if (!(error instanceof OvhApiError) || error.status >= 500 || error.status === 429) throw error;
        this.batchRefusedAt = this.now();
        result.items = [];
        result.problems = [];
        result.warnings = [];
      }
    }
    if (remaining.length > 0 || !this.batchAvailable) {
      result.mode = 'per-id';
      await this.viaPerId(listPath, remaining.length > 0 ? remaining : ids, schema, result, signal);
    }
    return result;
  }

  private async viaBatch<S extends z.ZodType>(
    listPath: string,
    ids: readonly string[],
    schema: S,
    result: FetchAllResult<z.output<S>>,
    signal?: AbortSignal,
  ) {
    const itemsSchema = z.array(batchItemSchema(z.unknown()));
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += BATCH_SIZE) chunks.push(ids.slice(i, i + BATCH_SIZE));
    const get = (chunk: string[]) =>
      this.client.get(`${listPath}/${chunk.join(',')}`, { headers: { 'x-ovh-batch': ',' }, signal });
    // The first chunk goes alone: if OVH refuses batch mode, that costs one request, not one per worker.
    const [first, ...rest] = chunks;
    const bodies = first
      ? [await get(first), ...(await mapWithConcurrency(rest, BATCH_CONCURRENCY, get))]
      : [];
    for (const body of bodies) {
      for (const item of itemsSchema.parse(body)) {
        const id = String(item.key);
        const { error } = item;
        if (isBatchItemSuccess(item)) this.keep(id, parseModel(schema, item.value), result);
        else
          result.problems.push({
            id,
            message: typeof error === 'string' ? error : JSON.stringify(error ?? 'no value'),
          });
      }
    }
  }

  private async viaPerId<S extends z.ZodType>(
    listPath: string,
    ids: readonly string[],
    schema: S,
    result: FetchAllResult<z.output<S>>,
    signal?: AbortSignal,
  ) {
    const failures = new Map<number, string>();
    const values = await mapWithConcurrency(ids, PER_ID_CONCURRENCY, async (id, index) => {
      try {
        return await this.client.get(`${listPath}/${id}`, { signal });
      } catch (error) {
        // An object deleted between the list and its GET is a 404: the rest of the collection is still good.
        if (error instanceof OvhApiError && error.status === 404) failures.set(index, error.message);
        else throw error;
      }
    });
    ids.forEach((id, index) => {
      const failure = failures.get(index);
      if (failure) result.problems.push({ id, message: failure });
      else this.keep(id, parseModel(schema, values[index]), result);
    });
  }

  private keep<T>(
    id: string,
    parsed: ReturnType<typeof parseModel<z.ZodType<T>>>,
    result: FetchAllResult<T>,
  ) {
    if (!parsed.ok) {
      result.problems.push({ id, message: parsed.error });
      return;
    }
    result.items.push(parsed.value);
    for (const warning of parsed.warnings) result.warnings.push({ id, message: warning });
  }
}

/**
 * `fn` over `items` with at most `limit` calls in flight, results in the items' order. The first error wins
 * and no item starts after it: the result is lost already, and a slow or failing OVH would otherwise go on
 * receiving the rest of a 10 000-VM list, each chunk with its retries, long after the refresh gave up.
 */
async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
