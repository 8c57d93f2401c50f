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
    ids: string[],
    schema: S,
    result: FetchAllResult<z.output<S>>,
    signal?: AbortSignal,
  ) {
    const itemsSchema = z.array(batchItemSchema(z.unknown()));
    for (let i = 0; i < ids.length; i += BATCH_SIZE) {
      const chunk = ids.slice(i, i + BATCH_SIZE);
      const body = await this.client.get(`${listPath}/${chunk.join(',')}`, {
        headers: { 'x-ovh-batch': ',' },
        signal,
      });
      const items = itemsSchema.parse(body);
      for (const item of items) {
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
    ids: string[],
    schema: S,
    result: FetchAllResult<z.output<S>>,
    signal?: AbortSignal,
  ) {
    const values = new Array<unknown>(ids.length);
    const failures = new Map<number, string>();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const index = next++;
        try {
          values[index] = await this.client.get(`${listPath}/${ids[index]}`, { signal });
        } catch (error) {
          // An object deleted between the list and its GET is a 404: the rest of the collection is still good.
          if (error instanceof OvhApiError && error.status === 404) failures.set(index, error.message);
          else throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PER_ID_CONCURRENCY, ids.length) }, worker));
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
