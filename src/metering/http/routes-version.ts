import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MeteringEngine } from './engine';
import { sendJson } from './engine';

// The version documents: `/` lists the API versions (gnocchiclient reads it), `/v1/` links the collections.

const BUILD = '4.4.2';
const V1_LINKS = ['aggregates', 'archive_policy', 'batch', 'metric', 'resource', 'resource_type', 'search'];

function base(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}`;
}

export function registerVersions(app: FastifyInstance, engine: MeteringEngine): void {
  app.get('/', (request, reply) =>
    sendJson(engine, reply, 200, {
      build: BUILD,
      versions: [
        {
          status: 'CURRENT',
          links: [{ rel: 'self', href: `${base(request)}/v1/` }],
          id: 'v1.0',
          updated: '2015-03-19',
        },
      ],
    }),
  );
  // Gnocchi redirects /v1 to /v1/; with trailing slashes ignored both answer the document.
  app.get('/v1', (request, reply) =>
    sendJson(engine, reply, 200, {
      version: '1.0',
      links: [
        { rel: 'self', href: `${base(request)}/v1` },
        ...V1_LINKS.map((rel) => ({ rel, href: `${base(request)}/v1/${rel}` })),
      ],
    }),
  );
}
