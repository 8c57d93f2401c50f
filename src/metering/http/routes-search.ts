import type { FastifyInstance } from 'fastify';
import type { MeteringRouteConfig } from './access';
import type { MeteringEngine } from './engine';
import { jsonBody, queryValue, sendJson } from './engine';
import { resourceJson } from './representations';
import { searchPredicate } from './resource-filter';
import { currentUser, indexerOf } from './access';

/** A POST that only reads: open to an access that may not write. */
const READS: MeteringRouteConfig = { meteringAccess: 'read' };

// POST /v1/search/resource/{type}: a JSON filter in the body, or the query-string grammar in ?filter=.

export function registerSearch(app: FastifyInstance, engine: MeteringEngine): void {
  app.post<{ Params: { type: string } }>('/v1/search/resource/:type', { config: READS }, (request, reply) => {
    const indexer = indexerOf(request);
    const creator = currentUser(request);
    const { type } = request.params;
    indexer.getResourceType(type);
    const hasBody =
      request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0';
    const search = hasBody ? jsonBody(request) : queryValue(request, 'filter') || undefined;
    const matches = searchPredicate(indexer, type, search, creator, engine.nowUs());
    const found = indexer.listResources(type).filter(matches);
    return sendJson(
      engine,
      reply,
      200,
      found.map((r) => resourceJson(indexer, r, { viewType: type })),
    );
  });
}
