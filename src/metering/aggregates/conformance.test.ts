// Gnocchi's public aggregate vectors, run at the processor level: each vector's metrics become SeriesSources
// over their stored mean series; the request goes through the query, the operations and `aggregate`.
// Resource-mode vectors use a one-comparison search (`field = 'value'`), enough for these vectors; the search
// helper's engine and the HTTP envelope are the API helper's run of the same vectors.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GnocchiError } from '../errors';
import { formatTimestamp, toTimestampUs } from '../timespan';
import { aggregate, type AggregatesMeasures, type SeriesSource } from './evaluate';
import { metricIdsOf } from './metric-ids';
import { metricReferences, parseOperations } from './operations';
import { parseAggregatesQuery, type AggregatesQuery } from './query';
import { resourceColumns } from './resource-references';

interface VectorMetric {
  id: string | null;
  name: string | null;
  granularities: number[];
  aggregation_methods: string[];
  aggregated_mean_series: Record<string, [string, number][]>;
}

interface VectorResource {
  id: string;
  attributes: Record<string, string>;
  metrics: (VectorMetric & { name: string })[];
}

interface Vector {
  name: string;
  kind: string;
  input: {
    mode: 'http' | 'processor.aggregated' | 'processor.get_measures';
    query?: Record<string, string>;
    body?: { operations: unknown; resource_type?: string; search?: string } | null;
    params?: {
      from_timestamp?: string;
      to_timestamp?: string;
      needed_percent_of_overlap?: number;
      fill?: number | string;
      granularities?: number[];
    } | null;
    operations?: string;
    metrics?: VectorMetric[];
    resources?: VectorResource[];
  };
  expected: { status: number; body: unknown };
}

const FILE =
  process.env.GNOCCHI_CONFORMANCE_FILE ?? new URL('../conformance/gnocchi-public.json', import.meta.url);
const VECTORS = (JSON.parse(readFileSync(FILE, 'utf8')) as Vector[]).filter((v) => v.kind === 'aggregate');
// The vectors' "now" does not matter: none uses a relative time.
const NOW_US = Date.UTC(2026, 0, 1) * 1000;

const METHODS_EXPANDED = ['mean', 'min', 'max', 'sum', 'std', 'count', 'median'];

function sourceOf(
  metric: VectorMetric,
  fields: Pick<SeriesSource, 'metricId' | 'ref' | 'aggregation'> & Partial<SeriesSource>,
): SeriesSource {
  const stored = new Map(
    Object.entries(metric.aggregated_mean_series).map(([g, points]) => [
      Number(g) * 1e6,
      points.map(([t, v]) => [toTimestampUs(t, 0), v] as const),
    ]),
  );
  return {
    granularitiesUs: metric.granularities.map((g) => g * 1e6),
    aggregationMethods: metric.aggregation_methods.flatMap((m) =>
      m === 'rate:*' ? METHODS_EXPANDED.map((x) => `rate:${x}`) : [m],
    ),
    ...fields,
    read(granularityUs, fromUs, toUs) {
      if (fields.aggregation !== 'mean') throw new Error('the vectors store only mean series');
      const points = (stored.get(granularityUs) ?? []).filter(
        ([t]) => (fromUs === undefined || t >= fromUs) && (toUs === undefined || t < toUs),
      );
      return {
        timestamps: Float64Array.from(points.map(([t]) => t)),
        values: Float64Array.from(points.map(([, v]) => v)),
      };
    },
  };
}

/** `field = 'value'` or `field=value`: the searches these vectors make. */
function matchesSearch(search: string, attributes: Record<string, string>): boolean {
  const m = /^\s*(\w+)\s*=\s*(?:'([^']*)'|(\S+))\s*$/.exec(search);
  if (!m) throw new Error(`search not supported by this harness: ${search}`);
  return attributes[m[1]!] === (m[2] ?? m[3]);
}

function jsonOf(measures: AggregatesMeasures): unknown {
  const value = (v: number) =>
    Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v;
  return JSON.parse(
    JSON.stringify(measures, (_key, node: unknown) => {
      if (Array.isArray(node) && node.length === 3 && node.every((x) => typeof x === 'number')) {
        const [t, g, v] = node as [number, number, number];
        return [formatTimestamp(t), g / 1e6, value(v)];
      }
      return node;
    }),
  );
}

function run(vector: Vector): unknown {
  const { input } = vector;
  if (input.mode !== 'http') {
    const params = input.params ?? {};
    const query: AggregatesQuery = {
      details: false,
      groupby: [],
      useHistory: false,
      neededOverlap: params.needed_percent_of_overlap ?? 100,
    };
    if (params.from_timestamp) query.startUs = toTimestampUs(params.from_timestamp, NOW_US);
    if (params.to_timestamp) query.stopUs = toTimestampUs(params.to_timestamp, NOW_US);
    if (params.granularities) query.granularityUs = params.granularities[0]! * 1e6;
    if (params.fill !== undefined) query.fill = params.fill as AggregatesQuery['fill'];
    const operations = parseOperations(input.operations);
    const sources = metricReferences(operations).map(({ ref, aggregation }) => {
      const metric = input.metrics!.find((m) => m.id === ref)!;
      return sourceOf(metric, { metricId: ref, ref, aggregation });
    });
    return jsonOf(aggregate({ operations, sources, query, resourceMode: false }));
  }
  const query = parseAggregatesQuery(input.query ?? {}, NOW_US);
  const body = input.body!;
  const operations = parseOperations(body.operations);
  const references = metricReferences(operations);
  let sources: SeriesSource[];
  const resourceMode = body.resource_type !== undefined;
  if (resourceMode) {
    const resources = input.resources!.filter((r) => matchesSearch(body.search!, r.attributes));
    sources = resourceColumns(resources, references).map(({ resource, metric, ref }) =>
      sourceOf(metric, {
        metricId: metric.id ?? `${resource.id}/${metric.name}`,
        resourceId: resource.id,
        metricName: metric.name,
        ref: ref.ref,
        aggregation: ref.aggregation,
      }),
    );
  } else {
    const ids = metricIdsOf(references);
    sources = references.map(({ ref, aggregation }, i) => {
      const metric = input.metrics!.find((m) => m.id === ids[i])!;
      return sourceOf(metric, { metricId: ids[i]!, ref, aggregation });
    });
  }
  return { measures: jsonOf(aggregate({ operations, sources, query, resourceMode })) };
}

function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    if (Math.abs(actual - expected) > tolerance) expect(actual, path).toBe(expected);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object), `${path} keys`).toEqual(Object.keys(expected));
    for (const [k, e] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], e, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

function expectError(error: unknown, expected: { status: number; body: unknown }): void {
  expect(error).toBeInstanceOf(GnocchiError);
  const { status, description } = error as GnocchiError;
  expect(status).toBe(expected.status);
  if (typeof expected.body === 'string') {
    expect(description).toBe(expected.body);
    return;
  }
  const { reason_regex: reasonRegex, ...rest } = expected.body as Record<string, unknown>;
  expect(description).toMatchObject(rest);
  if (typeof reasonRegex === 'string') {
    expect((description as { reason?: string }).reason).toMatch(new RegExp(reasonRegex));
  }
}

describe('Gnocchi public aggregate vectors (processor level)', () => {
  it('has the aggregate vectors', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(27);
  });

  it.each(VECTORS.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    let result: unknown;
    try {
      result = run(vector);
    } catch (error) {
      if (vector.expected.status === 200) throw error;
      expectError(error, vector.expected);
      return;
    }
    expect(vector.expected.status).toBe(200);
    expectClose(result, vector.expected.body);
  });
});
