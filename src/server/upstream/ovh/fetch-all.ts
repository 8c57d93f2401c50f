import { z } from 'zod';
import { batchItemSchema, isBatchItemSuccess } from '@/shared/ovh/envelopes';
import type { OvhClient } from './client';
import { OvhApiError } from './errors';
import { parseModel, type ModelParse } from './parse-model';

// An OVH collection fetched the way vScope-style clients do: the id list, then the objects in X-Ovh-Batch
// chunks of 40 ids. Batch mode is undocumented and "not guaranteed", so when OVH refuses it the client falls
// back to per-id GETs at concurrency 10, as OVH's own CLI does, and remembers the refusal for a while.

export const BATCH_SIZE = 40;
export const PER_ID_CONCURRENCY = 10;
/**
 * Batch chunks in flight at once, as many as per-id requests: a 10 000-VM datacenter is 250 chunks, and with
 * 4 in flight its load was 63 waits on OVH's latency in a row (over 3 s at 50 ms) with the server mostly idle.
 */
export const BATCH_CONCURRENCY = PER_ID_CONCURRENCY;
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
    // Each answer is parsed as it lands, while the next chunks wait on OVH, rather than all at the end.
    const settle = (item: ReadById): Settled<z.output<S>> =>
      'problem' in item ? item : { id: item.id, parsed: parseModel(schema, item.value) };
    let settled: Settled<z.output<S>>[] | undefined;
    if (this.batchAvailable) {
      try {
        settled = await this.viaBatch(listPath, ids, settle, signal);
      } catch (error) {
        // A 4xx on a batch request means batch mode was refused; anything else is a real failure.
        if (!(error instanceof OvhApiError) || error.status >= 500 || error.status === 429) throw error;
        this.batchRefusedAt = this.now();
      }
    }
    const mode = settled ? 'batch' : 'per-id';
    settled ??= await this.viaPerId(listPath, ids, settle, signal);
    const result: FetchAllResult<z.output<S>> = { items: [], problems: [], warnings: [], mode };
    for (const item of settled) {
      if ('problem' in item) result.problems.push({ id: item.id, message: item.problem });
      else keep(item.id, item.parsed, result);
    }
    return result;
  }

  private async viaBatch<T>(
    listPath: string,
    ids: readonly string[],
    settle: (item: ReadById) => Settled<T>,
    signal?: AbortSignal,
  ): Promise<Settled<T>[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += BATCH_SIZE) chunks.push(ids.slice(i, i + BATCH_SIZE));
    const get = async (chunk: string[]) =>
      BatchItemsSchema.parse(
        await this.client.get(`${listPath}/${chunk.join(',')}`, { headers: { 'x-ovh-batch': ',' }, signal }),
      ).map((item) => settle(readOf(item)));
    // The first chunk goes alone: if OVH refuses batch mode, that costs one request, not one per worker.
    const [first, ...rest] = chunks;
    const settled = first
      ? [await get(first), ...(await mapWithConcurrency(rest, BATCH_CONCURRENCY, get))]
      : [];
    return settled.flat();
  }

  private async viaPerId<T>(
    listPath: string,
    ids: readonly string[],
    settle: (item: ReadById) => Settled<T>,
    signal?: AbortSignal,
  ): Promise<Settled<T>[]> {
    return mapWithConcurrency(ids, PER_ID_CONCURRENCY, async (id) => {
      let value: unknown;
      try {
        value = await this.client.get(`${listPath}/${id}`, { signal });
      } catch (error) {
        // An object deleted between the list and its GET is a 404: the rest of the collection is still good.
        if (error instanceof OvhApiError && error.status === 404) return { id, problem: error.message };
        throw error;
      }
      return settle({ id, value });
    });
  }
}

const BatchItemsSchema = z.array(batchItemSchema(z.unknown()));

function readOf(item: z.output<typeof BatchItemsSchema>[number]): ReadById {
  const id = String(item.key);
  if (isBatchItemSuccess(item)) return { id, value: item.value };
  const { error } = item;
  return { id, problem: typeof error === 'string' ? error : JSON.stringify(error ?? 'no value') };
}

/** One object as OVH answered it, not parsed yet, or why OVH did not return it. */
type ReadById = { id: string; value: unknown } | { id: string; problem: string };
/** The same once parsed. */
type Settled<T> = { id: string; parsed: ModelParse<T> } | { id: string; problem: string };

function keep<T>(id: string, parsed: ModelParse<T>, result: FetchAllResult<T>) {
  if (!parsed.ok) {
    result.problems.push({ id, message: parsed.error });
    return;
  }
  result.items.push(parsed.value);
  for (const warning of parsed.warnings) result.warnings.push({ id, message: warning });
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
