import type { FastifyInstance } from 'fastify';
import { archivePolicyJson, parseArchivePolicy, patchArchivePolicy } from '../carbonara/archive-policy';
import type { MeteringEngine } from './engine';
import { jsonBody, sendJson } from './engine';
import { currentUser, indexerOf } from './access';

// /v1/archive_policy: list, create (201), show, PATCH (new points or timespans for the same granularities),
// delete (204; 400 while a metric uses it).

export function registerArchivePolicies(app: FastifyInstance, engine: MeteringEngine): void {
  app.get('/v1/archive_policy', (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    return sendJson(engine, reply, 200, indexer.listArchivePolicies().map(archivePolicyJson));
  });
  app.post('/v1/archive_policy', (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    const policy = indexer.createArchivePolicy(parseArchivePolicy(jsonBody(request)));
    reply.header('Location', `/v1/archive_policy/${encodeURIComponent(policy.name)}`);
    return sendJson(engine, reply, 201, archivePolicyJson(policy));
  });
  app.get<{ Params: { name: string } }>('/v1/archive_policy/:name', (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    return sendJson(engine, reply, 200, archivePolicyJson(indexer.getArchivePolicy(request.params.name)));
  });
  app.patch<{ Params: { name: string } }>('/v1/archive_policy/:name', async (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    const current = indexer.getArchivePolicy(request.params.name);
    const policy = patchArchivePolicy(current, jsonBody(request));
    for (const metric of indexer.updateArchivePolicy(policy))
      await engine.store.updatePolicy(metric.id, policy);
    return sendJson(engine, reply, 200, archivePolicyJson(policy));
  });
  app.delete<{ Params: { name: string } }>('/v1/archive_policy/:name', (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    indexer.deleteArchivePolicy(request.params.name);
    return reply.code(204).send();
  });
}
