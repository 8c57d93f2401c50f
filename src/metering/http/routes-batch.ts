import type { FastifyInstance } from 'fastify';
import type { Measures } from '../carbonara/ingest';
import type { MetricMeasures } from '../storage/measure-store';
import { badRequest } from '../errors';
import type { MetricRecord } from '../indexer/model';
import type { NamedMetricMeasures } from './batch-body';
import { DecodedBatch, parseMetricBatch, parseResourceBatch } from './batch-body';
import type { MeteringRouteConfig } from './access';
import type { MeteringEngine } from './engine';
import { jsonBody, queryFlag } from './engine';
import { findMetric, resourceIdOf } from './lookup';
import { currentUser, indexerOf } from './access';

// /v1/batch/metrics/measures (by metric id) and /v1/batch/resources/metrics/measures (by resource id and
// metric name, optionally creating the missing metrics), as Gnocchi's batch controllers: the whole body is
// validated first, then the metrics are looked up, and all the measures are stored in one durable write.

type Batch = MetricMeasures[];

export function registerBatch(app: FastifyInstance, engine: MeteringEngine): void {
  const entry = (metric: MetricRecord, measures: Measures) => ({
    metricId: metric.id,
    policy: engine.indexer.getArchivePolicy(metric.archivePolicyName),
    measures,
  });
  const store = (batch: Batch) =>
    engine.store.addMeasuresBatch(batch.filter((b) => b.measures.timestampsUs.length > 0));

  const metricsConfig: MeteringRouteConfig = { batchBody: 'metrics' };
  app.post('/v1/batch/metrics/measures', { config: metricsConfig }, async (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    const body = jsonBody(request);
    const parsed =
      body instanceof DecodedBatch && body.metrics ? body.metrics : parseMetricBatch(body, engine.nowUs());
    const found = parsed.map(({ id, measures }) => ({ id, metric: findMetric(indexer, id), measures }));
    const missing = found.flatMap(({ id, metric }) => (metric ? [] : [id]));
    if (missing.length > 0) throw badRequest(`Unknown metrics: ${missing.sort().join(', ')}`);
    await store(found.flatMap(({ metric, measures }) => (metric ? [entry(metric, measures)] : [])));
    return reply.code(202).send();
  });

  const resourcesConfig: MeteringRouteConfig = { batchBody: 'resources' };
  app.post('/v1/batch/resources/metrics/measures', { config: resourcesConfig }, async (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const createMetrics = queryFlag(request, 'create_metrics');
    const body = jsonBody(request);
    const parsed =
      body instanceof DecodedBatch && body.resources
        ? body.resources
        : parseResourceBatch(body, engine.nowUs());
    const unknownResources: { resource_id: string; original_resource_id: string }[] = [];
    const unknownMetrics: string[] = [];
    const toCreate: { resourceId: string; metrics: NamedMetricMeasures[] }[] = [];
    const batch: Batch = [];
    for (const { original, metrics } of parsed) {
      const resourceId = resourceIdOf(original, creator);
      const resource = indexer.findResource('generic', resourceId);
      const pending: NamedMetricMeasures[] = [];
      for (const named of metrics) {
        const metric = indexer.metricByName(resourceId, named.name);
        if (metric) batch.push(entry(metric, named.measures));
        else if (!createMetrics) unknownMetrics.push(`${resourceId}/${named.name}`);
        else if (!resource) {
          unknownResources.push({ resource_id: resourceId, original_resource_id: original });
          break;
        } else pending.push(named);
      }
      if (pending.length > 0) toCreate.push({ resourceId, metrics: pending });
    }
    if (unknownResources.length > 0)
      throw badRequest({ cause: 'Unknown resources', detail: unknownResources });
    if (unknownMetrics.length > 0) throw badRequest(`Unknown metrics: ${unknownMetrics.sort().join(', ')}`);
    for (const { resourceId, metrics } of toCreate) {
      indexer
        .createNamedMetrics(
          resourceId,
          metrics.map(({ name, spec }) => ({ name, ...spec })),
          creator,
        )
        .forEach((metric, i) => batch.push(entry(metric, metrics[i]!.measures)));
    }
    await store(batch);
    return reply.code(202).send();
  });
}
