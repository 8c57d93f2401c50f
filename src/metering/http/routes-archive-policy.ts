import type { FastifyInstance } from 'fastify';
import { archivePolicyJson, parseArchivePolicy } from '../carbonara/archive-policy';
import type { MeteringEngine } from './engine';
import { currentUser, jsonBody, sendJson } from './engine';

// /v1/archive_policy: list, create (201), show, delete (204; 400 while a metric uses it).

export function registerArchivePolicies(app: FastifyInstance, engine: MeteringEngine): void {
  const { indexer } = engine;
  app.get('/v1/archive_policy', (request, reply) => {
    currentUser(request);
    return sendJson(engine, reply, 200, indexer.listArchivePolicies().map(archivePolicyJson));
  });
  app.post('/v1/archive_policy', (request, reply) => {
    currentUser(request);
    const policy = indexer.createArchivePolicy(parseArchivePolicy(jsonBody(request)));
    reply.header('Location', `/v1/archive_policy/${encodeURIComponent(policy.name)}`);
    return sendJson(engine, reply, 201, archivePolicyJson(policy));
  });
  app.get<{ Params: { name: string } }>('/v1/archive_policy/:name', (request, reply) => {
    currentUser(request);
    return sendJson(engine, reply, 200, archivePolicyJson(indexer.getArchivePolicy(request.params.name)));
  });
  app.delete<{ Params: { name: string } }>('/v1/archive_policy/:name', (request, reply) => {
    currentUser(request);
    indexer.deleteArchivePolicy(request.params.name);
    return reply.code(204).send();
  });
}
