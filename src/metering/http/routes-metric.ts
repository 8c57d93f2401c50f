import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../errors';
import { invalidKey, invalidValue, requireObject } from '../indexer/invalid-input';
import type { MeteringEngine } from './engine';
import { jsonBody, queryFlag, queryValue, sendJson } from './engine';
import { lookupMetric, resourceIdOf } from './lookup';
import type { MeasuresQuery } from './measures';
import { addMeasures, pointJson, readMeasures } from './measures';
import { createdMetricJson, metricJson } from './representations';
import { currentUser, indexerOf } from './access';

// /v1/metric: list, create (201), show, delete (204), and a metric's measures (POST 202, GET).

const METRIC_KEYS = new Set(['archive_policy_name', 'name', 'unit', 'resource_id']);

export function measuresQuery(request: FastifyRequest): MeasuresQuery {
  // refresh is accepted and checked; measures are aggregated at ingestion, so there is nothing to refresh.
  queryFlag(request, 'refresh');
  return {
    start: queryValue(request, 'start'),
    stop: queryValue(request, 'stop'),
    aggregation: queryValue(request, 'aggregation'),
    granularity: queryValue(request, 'granularity'),
    resample: queryValue(request, 'resample'),
  };
}

export function registerMetrics(app: FastifyInstance, engine: MeteringEngine): void {
  app.get('/v1/metric', (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    return sendJson(
      engine,
      reply,
      200,
      indexer.listMetrics().map((m) => metricJson(indexer, m, { embedResource: false })),
    );
  });
  app.post('/v1/metric', (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const body = requireObject(jsonBody(request), []);
    for (const key of Object.keys(body))
      if (!METRIC_KEYS.has(key)) throw invalidKey('extra keys not allowed', [key]);
    for (const key of ['archive_policy_name', 'name', 'unit', 'resource_id']) {
      const value = body[key];
      if (value !== undefined && value !== null && typeof value !== 'string')
        throw invalidValue('expected str', [key]);
    }
    const name = (body.name as string | undefined) ?? null;
    const rawResource = (body.resource_id as string | undefined) ?? null;
    if (rawResource !== null && name === null)
      throw badRequest({
        cause: 'Attribute value error',
        detail: 'name',
        reason: 'Name cannot be null if resource_id is not null',
      });
    const resourceId = rawResource === null ? null : resourceIdOf(rawResource, creator);
    if (resourceId !== null) indexer.getResource('generic', resourceId);
    const metric = indexer.createMetric({
      archivePolicyName: (body.archive_policy_name as string | undefined) ?? null,
      name,
      unit: (body.unit as string | undefined) ?? null,
      resourceId,
      creator,
    });
    reply.header('Location', `/v1/metric/${metric.id}`);
    return sendJson(engine, reply, 201, createdMetricJson(metric));
  });
  app.get<{ Params: { id: string } }>('/v1/metric/:id', (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    return sendJson(
      engine,
      reply,
      200,
      metricJson(indexer, lookupMetric(indexer, request.params.id), { embedResource: true }),
    );
  });
  app.delete<{ Params: { id: string } }>('/v1/metric/:id', async (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    const metric = indexer.deleteMetric(lookupMetric(indexer, request.params.id).id);
    await engine.store.deleteMetric(metric.id);
    return reply.code(204).send();
  });
  app.post<{ Params: { id: string } }>('/v1/metric/:id/measures', async (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    await addMeasures(engine, lookupMetric(indexer, request.params.id), jsonBody(request));
    return reply.code(202).send();
  });
  app.get<{ Params: { id: string } }>('/v1/metric/:id/measures', (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    const metric = lookupMetric(indexer, request.params.id);
    return sendJson(engine, reply, 200, readMeasures(engine, metric, measuresQuery(request)).map(pointJson));
  });
}
