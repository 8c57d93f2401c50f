import type { IndexerApi } from '../indexer/scoped-indexer';
import type { FastifyInstance } from 'fastify';
import type { AggregatesMeasures, MeasurePoint, SeriesSource } from '../aggregates/evaluate';
import { aggregate } from '../aggregates/evaluate';
import type { OperationNode } from '../aggregates/operations';
import { metricIdsOf } from '../aggregates/metric-ids';
import { metricReferences, parseOperations } from '../aggregates/operations';
import type { AggregatesQuery } from '../aggregates/query';
import { parseAggregatesQuery } from '../aggregates/query';
import { noSuchMetric, resourceColumns } from '../aggregates/resource-references';
import { badRequest, GnocchiError, notFound } from '../errors';
import { invalidKey, requireObject } from '../indexer/invalid-input';
import type { MetricRecord, ResourceRevision } from '../indexer/model';
import type { MeteringRouteConfig } from './access';
import type { MeteringEngine } from './engine';
import { jsonBody, queryOf, sendJson } from './engine';
import { pointJson } from './measures';
import { metricJson, resourceJson } from './representations';
import { searchable, searchPredicate } from './resource-filter';
import { currentUser, indexerOf } from './access';

/** A POST that only reads: open to an access that may not write. */
const READS: MeteringRouteConfig = { meteringAccess: 'read' };

// POST /v1/aggregates: operations over metrics by id (metric mode), or over the named metrics of the resources
// a search finds (resource mode, optionally grouped by attributes). The aggregates engine computes; this route
// resolves references to stored series and writes Gnocchi's shapes.

const BODY_KEYS = new Set(['operations', 'resource_type', 'search']);

function sourceOf(
  engine: MeteringEngine,
  metric: MetricRecord,
  ref: string,
  aggregation: string,
  resource?: ResourceRevision,
): SeriesSource {
  const policy = engine.indexer.getArchivePolicy(metric.archivePolicyName);
  return {
    metricId: metric.id,
    ...(resource ? { resourceId: resource.id, metricName: metric.name ?? '' } : {}),
    ref,
    aggregation,
    granularitiesUs: policy.definition.map((d) => d.granularityUs),
    aggregationMethods: policy.aggregationMethods,
    read: (granularityUs, fromUs, toUs) =>
      engine.store.read(metric.id, aggregation, granularityUs, fromUs, toUs),
  };
}

/** µs points → Gnocchi's [ISO, seconds, value], wherever they sit in the answer's nesting. */
function measuresJson(value: AggregatesMeasures | MeasurePoint[] | Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map(pointJson);
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, measuresJson(v as Record<string, unknown>)]),
  );
}

function byName(
  engine: MeteringEngine,
  resources: readonly ResourceRevision[],
  operations: OperationNode,
  query: AggregatesQuery,
  viewType: string,
): Record<string, unknown> {
  const withMetrics = resources.map((resource) => ({
    resource,
    metrics: engine.indexer
      .metricsOf(resource.id)
      .flatMap((record) => (record.name === null ? [] : [{ id: record.id, name: record.name, record }])),
  }));
  const columns = resourceColumns(withMetrics, metricReferences(operations));
  const sources = columns.map(({ resource, metric, ref }) =>
    sourceOf(engine, metric.record, ref.ref, ref.aggregation, resource.resource),
  );
  const used = [...new Set(columns.map((c) => c.resource.resource))];
  const measures = measuresJson(aggregate({ operations, sources, query, resourceMode: true }));
  return query.details
    ? { measures, references: used.map((r) => resourceJson(engine.indexer, r, { viewType })) }
    : { measures };
}

function groupValue(
  resource: ResourceRevision,
  attribute: string,
  indexer: IndexerApi,
  viewType: string,
): unknown {
  const json = resourceJson(indexer, resource, { viewType });
  if (attribute in json) return json[attribute];
  return searchable(resource)[attribute] ?? null;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  // Gnocchi sorts the groups in SQL (ORDER BY the groupby columns), and PostgreSQL puts NULLs last.
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return (a as string | number) < (b as string | number) ? -1 : 1;
}

/** A tree nested deeper than the parser's stack is Python's RecursionError in Gnocchi: refused, not a crash. */
function parsedOperations(input: unknown): OperationNode {
  try {
    return parseOperations(input);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw badRequest({
      cause: 'Invalid operations',
      reason: 'Fail to parse the operations string',
      detail: 'maximum recursion depth exceeded',
    });
  }
}

export function registerAggregates(app: FastifyInstance, engine: MeteringEngine): void {
  app.post('/v1/aggregates', { config: READS }, (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const query = parseAggregatesQuery(queryOf(request), engine.nowUs());
    const body = requireObject(jsonBody(request), []);
    for (const key of Object.keys(body))
      if (!BODY_KEYS.has(key)) throw invalidKey('extra keys not allowed', [key]);
    if (!('operations' in body)) throw invalidKey('required key not provided', ['operations']);
    const operations = parsedOperations(body.operations);

    if (body.resource_type !== undefined) {
      if (typeof body.resource_type !== 'string') throw invalidKey('expected str', ['resource_type']);
      const type = body.resource_type;
      const matches = searchPredicate(indexer, type, body.search, creator, engine.nowUs());
      const resources = indexer.listResources(type).filter(matches);
      const groupby = [...new Set(query.groupby)].sort();
      if (groupby.length === 0)
        return sendJson(engine, reply, 200, byName(engine, resources, operations, query, type));
      const keyed = resources.map((r) => ({ r, key: groupby.map((g) => groupValue(r, g, indexer, type)) }));
      keyed.sort((a, b) => {
        for (let i = 0; i < groupby.length; i++) {
          const c = compareValues(a.key[i], b.key[i]);
          if (c !== 0) return c;
        }
        return 0;
      });
      const results: unknown[] = [];
      for (let i = 0; i < keyed.length;) {
        let j = i + 1;
        while (
          j < keyed.length &&
          groupby.every((_, k) => compareValues(keyed[i]!.key[k], keyed[j]!.key[k]) === 0)
        )
          j++;
        const group = Object.fromEntries(groupby.map((g, k) => [g, keyed[i]!.key[k]]));
        try {
          results.push({
            group,
            measures: byName(
              engine,
              keyed.slice(i, j).map((x) => x.r),
              operations,
              query,
              type,
            ),
          });
        } catch (error) {
          // A group whose resources lack the metrics is left out, as Gnocchi skips NoSuchMetric.
          if (!(
            error instanceof GnocchiError &&
            error.status === 404 &&
            typeof error.description === 'string' &&
            error.description.startsWith('Metric [')
          ))
            throw error;
        }
        i = j;
      }
      if (results.length === 0) throw notFound(noSuchMetric(metricReferences(operations)));
      return sendJson(engine, reply, 200, results);
    }

    const refs = metricReferences(operations);
    const ids = metricIdsOf(refs);
    const unique = [...new Set(ids)];
    const missing = unique.filter((id) => indexer.findMetric(id) === undefined);
    if (missing.length > 0)
      throw notFound({ cause: 'Unknown metrics', reason: "Provided metrics don't exists", detail: missing });
    const sources = refs.map(({ ref, aggregation }, i) =>
      sourceOf(engine, indexer.getMetric(ids[i]!), ref, aggregation),
    );
    const measures = measuresJson(aggregate({ operations, sources, query, resourceMode: false }));
    const response: Record<string, unknown> = { measures };
    if (query.details)
      response.references = unique.map((id) =>
        metricJson(indexer, indexer.getMetric(id), { embedResource: false }),
      );
    return sendJson(engine, reply, 200, response);
  });
}
