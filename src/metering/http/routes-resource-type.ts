import type { FastifyInstance } from 'fastify';
import { parseResourceType } from '../indexer/resource-type';
import type { MeteringEngine } from './engine';
import { jsonBody, sendJson } from './engine';
import { resourceTypeJson } from './representations';
import { currentUser, indexerOf } from './access';

// /v1/resource_type: list, create (201), show, delete (204; 400 while resources of the type exist).

export function registerResourceTypes(app: FastifyInstance, engine: MeteringEngine): void {
  app.get('/v1/resource_type', (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    return sendJson(engine, reply, 200, indexer.listResourceTypes().map(resourceTypeJson));
  });
  app.post('/v1/resource_type', (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    const type = indexer.createResourceType(parseResourceType(jsonBody(request)));
    reply.header('Location', `/v1/resource_type/${encodeURIComponent(type.name)}`);
    return sendJson(engine, reply, 201, resourceTypeJson(type));
  });
  app.get<{ Params: { name: string } }>('/v1/resource_type/:name', (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    return sendJson(engine, reply, 200, resourceTypeJson(indexer.getResourceType(request.params.name)));
  });
  app.delete<{ Params: { name: string } }>('/v1/resource_type/:name', (request, reply) => {
    const indexer = indexerOf(request);
    currentUser(request);
    indexer.deleteResourceType(request.params.name);
    return reply.code(204).send();
  });
}
