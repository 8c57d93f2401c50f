import { z } from 'zod';
import type { AttributeType } from '@/shared/capacity/catalog';
import type { PubliclyDescribed } from '../upstream/public-reason';
import type { GnocchiMethod, GnocchiTransport } from './gnocchi-transport';

// The few Gnocchi REST calls the server makes, typed, over either transport. Failures carry Gnocchi's own
// description (its `{code, title, description}` envelope), so a refused filter or a missing attribute reads in
// the log as Gnocchi said it.

export const GnocchiResourceSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  started_at: z.string(),
  ended_at: z.string().nullable(),
  revision_start: z.string(),
  revision_end: z.string().nullable().optional(),
  metrics: z.record(z.string(), z.string()).optional(),
});
export type GnocchiResource = z.infer<typeof GnocchiResourceSchema>;

const ResourceListSchema = z.array(GnocchiResourceSchema);

const ResourceTypeSchema = z.object({
  name: z.string(),
  attributes: z.record(z.string(), z.looseObject({ type: z.string() })),
});

const ErrorEnvelopeSchema = z.looseObject({ description: z.unknown() });

export class GnocchiRequestError extends Error implements PubliclyDescribed {
  constructor(
    /** The HTTP status, or 0 when the engine could not be reached. */
    readonly status: number,
    /** Gnocchi's description: a sentence, or its {cause, reason, detail} object. */
    readonly description: unknown,
    where: string,
  ) {
    super(
      `${where} answered ${status}: ${typeof description === 'string' ? description : JSON.stringify(description)}`,
    );
    this.name = 'GnocchiRequestError';
  }

  get publicReason(): string {
    return this.status === 0
      ? 'the metering engine cannot be reached'
      : `the metering engine answered ${this.status}`;
  }
}

/** Attribute values as Gnocchi stores them. */
export type AttributeValue = string | number | boolean | null;

/** Measures of one resource's metrics, by metric name. */
export type ResourceMeasures = Record<
  string,
  { archive_policy_name: string; unit?: string; measures: { timestamp: number; value: number }[] }
>;

/** Resource id → its metrics' measures: the body of /v1/batch/resources/metrics/measures. */
export type MeasuresBatch = Record<string, ResourceMeasures>;

export interface ArchivePolicyDefinition {
  name: string;
  back_window: number;
  definition: readonly { granularity: number; timespan: number }[];
  aggregation_methods: readonly string[];
}

/** A page of a search: real Gnocchi caps pages (max_limit, 1000 by default) and pages on `marker`. */
const SEARCH_PAGE = 1000;

export class GnocchiClient {
  constructor(readonly transport: GnocchiTransport) {}

  get label(): string {
    return this.transport.label;
  }

  /** Creates the policy unless a policy of that name exists (which is then left as it is). */
  async ensureArchivePolicy(policy: ArchivePolicyDefinition): Promise<void> {
    await this.call('POST', '/v1/archive_policy', policy, { accept: [201, 409] });
  }

  /**
   * Creates the resource type, or adds the attributes an existing one lacks (a newer server meters more
   * than an older one created). Every attribute is optional: an inventory field can be null.
   */
  async ensureResourceType(name: string, attributes: Readonly<Record<string, AttributeType>>): Promise<void> {
    const path = `/v1/resource_type/${encodeURIComponent(name)}`;
    const answer = await this.call('GET', path, undefined, { accept: [200, 404] });
    const definition = (type: AttributeType) => ({ type, required: false });
    if (answer.status === 404) {
      const body = {
        name,
        attributes: Object.fromEntries(
          Object.entries(attributes).map(([key, type]) => [key, definition(type)]),
        ),
      };
      await this.call('POST', '/v1/resource_type', body, { accept: [201, 409] });
      return;
    }
    const existing = ResourceTypeSchema.parse(answer.body);
    const missing = Object.entries(attributes).filter(([key]) => !(key in existing.attributes));
    if (missing.length === 0) return;
    const patch = missing.map(([key, type]) => ({
      op: 'add',
      path: `/attributes/${key}`,
      value: definition(type),
    }));
    await this.call('PATCH', path, patch, { contentType: 'application/json-patch+json' });
  }

  async createResource(type: string, body: Record<string, AttributeValue>): Promise<GnocchiResource> {
    const answer = await this.call('POST', `/v1/resource/${encodeURIComponent(type)}`, body);
    return GnocchiResourceSchema.parse(answer.body);
  }

  /** Each PATCH that changes something is a revision in the resource's history. */
  async patchResource(
    type: string,
    id: string,
    body: Record<string, AttributeValue>,
  ): Promise<GnocchiResource> {
    const answer = await this.call('PATCH', `/v1/resource/${encodeURIComponent(type)}/${id}`, body);
    return GnocchiResourceSchema.parse(answer.body);
  }

  async resourceHistory(type: string, id: string): Promise<GnocchiResource[]> {
    const answer = await this.call('GET', `/v1/resource/${encodeURIComponent(type)}/${id}/history`);
    return ResourceListSchema.parse(answer.body);
  }

  /** Every resource of the type the JSON filter matches, page after page. */
  async searchResources(type: string, filter: unknown): Promise<GnocchiResource[]> {
    const found = new Map<string, GnocchiResource>();
    let marker: string | undefined;
    for (;;) {
      const query = `limit=${SEARCH_PAGE}&sort=id:asc${marker === undefined ? '' : `&marker=${marker}`}`;
      const answer = await this.call(
        'POST',
        `/v1/search/resource/${encodeURIComponent(type)}?${query}`,
        filter,
      );
      const page = ResourceListSchema.parse(answer.body);
      const before = found.size;
      for (const resource of page) found.set(resource.id, resource);
      // An engine that does not page answers everything at once: a page with nothing new is the end too.
      if (page.length < SEARCH_PAGE || found.size === before) break;
      marker = page[page.length - 1]!.id;
    }
    return [...found.values()];
  }

  /** Measures by resource id and metric name; missing metrics are created with the policy each names. */
  async addMeasures(batch: MeasuresBatch): Promise<void> {
    await this.call('POST', '/v1/batch/resources/metrics/measures?create_metrics=true', batch, {
      accept: [202],
    });
  }

  /** A resource's metric measures as [timestamp, granularity, value]; `query` carries granularity, start… */
  async measures(
    type: string,
    id: string,
    metric: string,
    query: URLSearchParams,
  ): Promise<[string, number, number][]> {
    const path = `/v1/resource/${encodeURIComponent(type)}/${id}/metric/${encodeURIComponent(metric)}/measures`;
    return (await this.call('GET', `${path}?${query.toString()}`)).body as [string, number, number][];
  }

  /** POST /v1/aggregates; `query` carries start, stop, granularity, groupby, fill… */
  async aggregates(body: unknown, query: URLSearchParams): Promise<unknown> {
    return (await this.call('POST', `/v1/aggregates?${query.toString()}`, body)).body;
  }

  private async call(
    method: GnocchiMethod,
    path: string,
    body?: unknown,
    options: { accept?: readonly number[]; contentType?: string } = {},
  ): Promise<{ status: number; body: unknown }> {
    const answer = await this.transport.request(method, path, body, options.contentType);
    const ok = options.accept
      ? options.accept.includes(answer.status)
      : answer.status >= 200 && answer.status < 300;
    let parsed: unknown = undefined;
    if (answer.text !== '') {
      try {
        parsed = JSON.parse(answer.text) as unknown;
      } catch {
        parsed = answer.text.slice(0, 300);
      }
    }
    if (!ok) {
      const envelope = ErrorEnvelopeSchema.safeParse(parsed);
      const description = envelope.success ? envelope.data.description : parsed;
      throw new GnocchiRequestError(
        answer.status,
        description,
        `${this.label}: ${method} ${path.split('?')[0]}`,
      );
    }
    return { status: answer.status, body: parsed };
  }
}
