import type { FastifyInstance } from 'fastify';
import { GnocchiError } from '../errors';
import { requireObject } from '../indexer/invalid-input';
import type { MetricSpec } from '../indexer/resource-body';
import { parseNewMetric } from '../indexer/resource-body';
import type { MeteringEngine } from './engine';
import { jsonBody, sendJson } from './engine';
import { lookupNamedMetric, lookupResource } from './lookup';
import { addMeasures, pointJson, readMeasures } from './measures';
import { measuresQuery } from './routes-metric';
import { metricJson, resourceJson } from './representations';
import { currentUser, indexerOf } from './access';

// /v1/resource/{type}[/{id}[/history|/metric[/{name}/measures]]]: resources with their revisions and their
// named metrics. A resource id in a URL is mapped as on creation, so `vm-1` finds the creator's `vm-1`.

type TypeParams = { Params: { type: string } };
type ResourceParams = { Params: { type: string; id: string } };
type MetricParams = { Params: { type: string; id: string; name: string } };

export function registerResources(app: FastifyInstance, engine: MeteringEngine): void {
  app.get<TypeParams>('/v1/resource/:type', (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    const { type } = request.params;
    indexer.getResourceType(type);
    return sendJson(
      engine,
      reply,
      200,
      indexer.listResources(type).map((r) => resourceJson(indexer, r, { viewType: type })),
    );
  });
  app.post<TypeParams>('/v1/resource/:type', (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const { type } = request.params;
    const resource = indexer.createResource(type, jsonBody(request), creator, engine.nowUs());
    reply.header('Location', `/v1/resource/${type}/${resource.id}`);
    return sendJson(engine, reply, 201, resourceJson(indexer, resource, { viewType: type }));
  });
  app.get<ResourceParams>('/v1/resource/:type/:id', (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const { type, id } = request.params;
    return sendJson(
      engine,
      reply,
      200,
      resourceJson(indexer, lookupResource(indexer, type, id, creator), { viewType: type }),
    );
  });
  app.patch<ResourceParams>('/v1/resource/:type/:id', (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const { type, id } = request.params;
    const current = lookupResource(indexer, type, id, creator);
    const updated = indexer.updateResource(type, current.id, jsonBody(request), creator, engine.nowUs());
    return sendJson(engine, reply, 200, resourceJson(indexer, updated, { viewType: type }));
  });
  app.delete<ResourceParams>('/v1/resource/:type/:id', async (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const { type, id } = request.params;
    const resource = lookupResource(indexer, type, id, creator);
    for (const metric of indexer.deleteResource(type, resource.id))
      await engine.store.deleteMetric(metric.id);
    return reply.code(204).send();
  });
  app.get<ResourceParams>('/v1/resource/:type/:id/history', (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const { type, id } = request.params;
    const resource = lookupResource(indexer, type, id, creator);
    const revisions = indexer.history(type, resource.id);
    return sendJson(
      engine,
      reply,
      200,
      revisions.map((r) => resourceJson(indexer, r, { viewType: type, history: true })),
    );
  });
  app.get<ResourceParams>('/v1/resource/:type/:id/metric', (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const resource = lookupResource(indexer, request.params.type, request.params.id, creator);
    return sendJson(
      engine,
      reply,
      200,
      indexer.metricsOf(resource.id).map((m) => metricJson(indexer, m, { embedResource: false })),
    );
  });
  // Adds named metrics to the resource; answers the resource's metrics, as Gnocchi does.
  app.post<ResourceParams>('/v1/resource/:type/:id/metric', (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const { type } = request.params;
    const resource = lookupResource(indexer, type, request.params.id, creator);
    const body = requireObject(jsonBody(request), []);
    const specs: { name: string; archivePolicyName: string | null; unit: string | null }[] = [];
    for (const [name, raw] of Object.entries(body)) {
      const spec: MetricSpec = parseNewMetric(requireObject(raw, [name]), [name]);
      if ('existingId' in spec) continue;
      if (indexer.metricByName(resource.id, name))
        throw new GnocchiError(409, `Named metric ${name} already exists`);
      specs.push({ name, archivePolicyName: spec.archivePolicyName, unit: spec.unit });
    }
    indexer.createNamedMetrics(resource.id, specs, creator);
    return sendJson(
      engine,
      reply,
      200,
      indexer.metricsOf(resource.id).map((m) => metricJson(indexer, m, { embedResource: false })),
    );
  });
  app.get<MetricParams>('/v1/resource/:type/:id/metric/:name', (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const resource = lookupResource(indexer, request.params.type, request.params.id, creator);
    const metric = lookupNamedMetric(resource, indexer, request.params.name);
    return sendJson(engine, reply, 200, metricJson(indexer, metric, { embedResource: true }));
  });
  app.delete<MetricParams>('/v1/resource/:type/:id/metric/:name', async (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const resource = lookupResource(indexer, request.params.type, request.params.id, creator);
    const metric = indexer.deleteMetric(lookupNamedMetric(resource, indexer, request.params.name).id);
    await engine.store.deleteMetric(metric.id);
    return reply.code(204).send();
  });
  app.post<MetricParams>('/v1/resource/:type/:id/metric/:name/measures', async (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const resource = lookupResource(indexer, request.params.type, request.params.id, creator);
    await addMeasures(engine, lookupNamedMetric(resource, indexer, request.params.name), jsonBody(request));
    return reply.code(202).send();
  });
  app.get<MetricParams>('/v1/resource/:type/:id/metric/:name/measures', (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const resource = lookupResource(indexer, request.params.type, request.params.id, creator);
    const metric = lookupNamedMetric(resource, indexer, request.params.name);
    return sendJson(engine, reply, 200, readMeasures(engine, metric, measuresQuery(request)).map(pointJson));
  });
}
