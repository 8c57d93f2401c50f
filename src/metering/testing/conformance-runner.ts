import type { MeteringClient } from './metering-client';

// Runs one vector of /work/shared/conformance/gnocchi-public.json through the HTTP API: the archive policies,
// metrics and resources it describes are created, its raw measures posted, then its request is made. Gnocchi
// chose the metric ids; this engine chooses its own, so the vector's ids are replaced by the created ones in
// the request and in the expectation alike.

export interface VectorMetric {
  readonly id: string | null;
  readonly name: string | null;
  readonly archive_policy: string;
  readonly granularities: readonly number[];
  readonly aggregation_methods: readonly string[];
  readonly raw_measures: readonly (readonly [string, number])[];
}

export interface VectorResource {
  readonly id: string;
  readonly type: string;
  readonly attributes: Readonly<Record<string, string | null>>;
  readonly metrics: readonly VectorMetric[];
}

export interface Vector {
  readonly name: string;
  readonly kind: 'aggregate' | 'search-parse';
  readonly input: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
}

export interface VectorOutcome {
  readonly status: number;
  readonly body: unknown;
  /** Vector id → engine id, to rewrite the expectation. */
  readonly ids: ReadonlyMap<string, string>;
}

const STANDARD = new Set(['id', 'user_id', 'project_id', 'started_at', 'ended_at']);

async function ensure(client: MeteringClient, method: 'POST', path: string, body: unknown): Promise<unknown> {
  const response = await client.request(method, path, body);
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${response.text}`);
  return response.body;
}

/** The vectors list `rate:*`, which neither Gnocchi 4.4.2 nor this engine takes in a policy body (400 "not a
 *  valid value"): it is spelt out as `rate:` of each plain method listed. */
function policyMethods(methods: readonly string[]): string[] {
  const plain = methods.filter((m) => !m.includes(':') && m !== '*');
  return methods.flatMap((m) => (m === 'rate:*' ? plain.map((p) => `rate:${p}`) : [m]));
}

async function policyFor(
  client: MeteringClient,
  metric: VectorMetric,
  made: Map<string, string>,
): Promise<string> {
  const key = `${metric.archive_policy}|${metric.granularities.join(',')}|${metric.aggregation_methods.join(',')}`;
  const existing = made.get(key);
  if (existing !== undefined) return existing;
  const name = `vector-${made.size}-${metric.archive_policy}`;
  await ensure(client, 'POST', '/v1/archive_policy', {
    name,
    back_window: 0,
    aggregation_methods: policyMethods(metric.aggregation_methods),
    definition: metric.granularities.map((g) => ({ granularity: g, points: 100_000 })),
  });
  made.set(key, name);
  return name;
}

async function postMeasures(
  client: MeteringClient,
  path: string,
  measures: VectorMetric['raw_measures'],
): Promise<void> {
  if (measures.length === 0) return;
  const response = await client.request(
    'POST',
    path,
    measures.map(([timestamp, value]) => ({ timestamp, value })),
  );
  if (response.status !== 202) throw new Error(`${path}: ${response.status} ${response.text}`);
}

function rewrite(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (ids.size === 0) return value;
  let text = JSON.stringify(value);
  for (const [from, to] of ids) text = text.split(from).join(to);
  return JSON.parse(text) as unknown;
}

/** The query string of a processor-level vector: its direct-call defaults made explicit over HTTP. */
function processorQuery(params: {
  needed_percent_of_overlap?: number;
  fill?: number | string;
  from_timestamp?: string;
  to_timestamp?: string;
  granularities?: number[];
}): Record<string, string> {
  const query: Record<string, string> = {
    // processor.aggregated defaults to 100 % overlap and no fill; over HTTP leaving both out means dropna.
    needed_overlap: String(params.needed_percent_of_overlap ?? 100),
  };
  if (params.fill !== undefined) query.fill = String(params.fill);
  if (params.from_timestamp !== undefined) query.start = params.from_timestamp;
  if (params.to_timestamp !== undefined) query.stop = params.to_timestamp;
  const { granularities } = params;
  if (granularities !== undefined) {
    if (granularities.length !== 1) throw new Error('one granularity at most over HTTP');
    query.granularity = String(granularities[0]);
  }
  return query;
}

export async function runAggregateVector(client: MeteringClient, vector: Vector): Promise<VectorOutcome> {
  const input = vector.input;
  const policies = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const metric of (input.metrics as VectorMetric[] | undefined) ?? []) {
    const policy = await policyFor(client, metric, policies);
    const created = (await ensure(client, 'POST', '/v1/metric', {
      archive_policy_name: policy,
      ...(metric.name === null ? {} : { name: metric.name }),
    })) as { id: string };
    if (metric.id !== null) ids.set(metric.id, created.id);
    await postMeasures(client, `/v1/metric/${created.id}/measures`, metric.raw_measures);
  }
  const resources = (input.resources as VectorResource[] | undefined) ?? [];
  const types = new Map<string, Set<string>>();
  for (const resource of resources) {
    const attributes = types.get(resource.type) ?? new Set<string>();
    for (const name of Object.keys(resource.attributes)) if (!STANDARD.has(name)) attributes.add(name);
    types.set(resource.type, attributes);
  }
  for (const [type, attributes] of types) {
    if (type === 'generic') continue;
    await ensure(client, 'POST', '/v1/resource_type', {
      name: type,
      attributes: Object.fromEntries([...attributes].map((a) => [a, { type: 'string', required: false }])),
    });
  }
  for (const resource of resources) {
    const metrics: Record<string, { archive_policy_name: string }> = {};
    for (const metric of resource.metrics)
      metrics[metric.name ?? ''] = { archive_policy_name: await policyFor(client, metric, policies) };
    await ensure(client, 'POST', `/v1/resource/${resource.type}`, {
      ...resource.attributes,
      id: resource.id,
      metrics,
    });
    for (const metric of resource.metrics)
      await postMeasures(
        client,
        `/v1/resource/${resource.type}/${resource.id}/metric/${metric.name ?? ''}/measures`,
        metric.raw_measures,
      );
  }

  const http = input.mode === 'http';
  const query = http
    ? (input.query as Record<string, string>)
    : processorQuery(input.params as Parameters<typeof processorQuery>[0]);
  const body = http ? input.body : { operations: input.operations };
  const path = `/v1/aggregates?${new URLSearchParams(query).toString()}`;
  const response =
    body === null || body === undefined
      ? await client.request('POST', path)
      : await client.request('POST', path, rewrite(body, ids));
  const answer = response.body as Record<string, unknown> | undefined;
  // Processor vectors expect the processor's value, which the HTTP answer carries under `measures`; errors
  // expect Gnocchi's description.
  const result =
    response.status >= 400 ? answer?.description : http ? answer : (answer as { measures: unknown }).measures;
  return { status: response.status, body: result, ids };
}

/** Aligns numbers that differ only in the last bits (numpy and V8 sum in different orders). */
export function closeTo(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number')
    return actual === expected || Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => closeTo(actual[i], e))
    );
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    return Object.entries(expected).every(([k, v]) => {
      if (k === 'reason_regex') return typeof a.reason === 'string' && new RegExp(v as string).test(a.reason);
      return closeTo(a[k], v);
    });
  }
  return actual === expected;
}

export function expectedFor(
  vector: Vector,
  ids: ReadonlyMap<string, string>,
): { status: number; body: unknown } {
  return { status: vector.expected.status as number, body: rewrite(vector.expected.body, ids) };
}
