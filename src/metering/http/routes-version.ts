import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MeteringRouteConfig } from './access';
import type { MeteringEngine } from './engine';
import { sendJson } from './engine';

// The version documents: `/` lists the API versions (gnocchiclient reads it), `/v1/` links the collections.

const BUILD = '4.4.2';
const V1_LINKS = ['aggregates', 'archive_policy', 'batch', 'metric', 'resource', 'resource_type', 'search'];

/** Where the API is, as the client reached it (a host application mounts it under a prefix). */
function base(request: FastifyRequest, prefix: string): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}${prefix}`;
}

const PUBLIC: MeteringRouteConfig = { meteringAccess: 'public' };

export function registerVersions(app: FastifyInstance, engine: MeteringEngine): void {
  const { prefix } = app;
  app.get('/', { config: PUBLIC }, (request, reply) =>
    sendJson(engine, reply, 200, {
      build: BUILD,
      versions: [
        {
          status: 'CURRENT',
          links: [{ rel: 'self', href: `${base(request, prefix)}/v1/` }],
          id: 'v1.0',
          updated: '2015-03-19',
        },
      ],
    }),
  );
  // Gnocchi redirects /v1 to /v1/; with trailing slashes ignored both answer the document.
  app.get('/v1', { config: PUBLIC }, (request, reply) =>
    sendJson(engine, reply, 200, {
      version: '1.0',
      links: [
        { rel: 'self', href: `${base(request, prefix)}/v1` },
        ...V1_LINKS.map((rel) => ({ rel, href: `${base(request, prefix)}/v1/${rel}` })),
      ],
    }),
  );
}
