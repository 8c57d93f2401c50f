import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  asGnocchiError,
  forbidden,
  GnocchiError,
  gnocchiErrorBody,
  metricIdsOf,
  metricReferences,
  parseOperations,
} from '@/metering';
import { visibleDatacenters } from '../inventory/scope-check';
import type { GnocchiAnswer, GnocchiTransport } from '@/server/metering/gnocchi-transport';
import { JsonText } from '@/server/metering/gnocchi-transport';
import { meteringCaller, resourceIn, type MeteringAccessOptions } from './metering-access';
import { datacenterFilter, idFilter, scopedSearchJson, type SearchFilter } from './scoped-search';
import {
  carriesDatacenter,
  segment,
  UpstreamAnswer,
  UpstreamReader,
  type ResourceJson,
} from './upstream-reader';

// /metering over a remote Gnocchi (METERING_URL): the reads a caller may make, forwarded with the server's
// credentials and confined to the caller's datacenters by what is asked upstream. A search or an aggregate
// carries the caller's scope in its filter; a resource or a metric named by id is looked up first and answers
// as a missing one when it is out of scope; listing metrics, which Gnocchi cannot filter by their resource's
// attributes, is left to callers who see everything. Writes belong to the server's sync: refused.

export interface MeteringProxyOptions extends MeteringAccessOptions {
  upstream: GnocchiTransport;
}

/** Room for a filter of thousands of ids: a read needs no more (the engine's 64 MiB is for batches of measures). */
const READ_BODY_LIMIT = 1024 * 1024;
const READ_METHODS = new Set(['GET', 'HEAD']);

/** The datacenters a request may see (`datacenterKey`s); undefined: all of them. */
type Visible = ReadonlySet<string> | undefined;

const invalidBody = () =>
  new GnocchiError(400, { cause: 'Unable to decode body', reason: 'Expected object or value', detail: [] });

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidBody();
  }
}

/** What follows the mount's prefix: the upstream path with the query as the caller wrote it. */
function upstreamPath(request: FastifyRequest, prefix: string): string {
  return request.url.slice(prefix.length);
}

function queryOf(request: FastifyRequest): URLSearchParams {
  const at = request.url.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : request.url.slice(at + 1));
}

function sendError(reply: FastifyReply, error: GnocchiError): FastifyReply {
  return reply.code(error.status).type('application/json').send(gnocchiErrorBody(error));
}

/** Only the status and the JSON body cross; an upstream error that is not Gnocchi's envelope is not shown. */
function relay(reply: FastifyReply, { status, text }: GnocchiAnswer): FastifyReply {
  if (status >= 400 && !isGnocchiError(text))
    return sendError(
      reply,
      new GnocchiError(502, `The metering service answered ${status} without a description.`),
    );
  return reply.code(status).type('application/json').send(text);
}

function isGnocchiError(text: string): boolean {
  try {
    const body = JSON.parse(text) as unknown;
    return typeof body === 'object' && body !== null && 'code' in body && 'description' in body;
  } catch {
    return false;
  }
}

const notFound = (description: GnocchiError['description']) => new GnocchiError(404, description);

export const meteringProxy: FastifyPluginAsync<MeteringProxyOptions> = (app, options) => {
  const { prefix } = app;
  const visibleOf = new WeakMap<FastifyRequest, Visible>();
  const reader = (request: FastifyRequest) => new UpstreamReader(options.upstream, request);
  const visible = (request: FastifyRequest) => visibleOf.get(request);
  const passThrough = async (request: FastifyRequest, reply: FastifyReply) =>
    relay(reply, await reader(request).ask('GET', upstreamPath(request, prefix)));

  // The caller's rights settle before any route runs; a write is refused before its body is read.
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    // An unknown route answers 404 before any credential is asked for, as Gnocchi's router does.
    if (request.routeOptions.url === undefined || config.meteringAccess === 'public') return;
    const caller = meteringCaller(request, options);
    visibleOf.set(request, await visibleDatacenters(options.inventory, caller.access));
    if (!READ_METHODS.has(request.method) && config.meteringAccess !== 'read') throw forbidden();
  });

  app.removeAllContentTypeParsers();
  // The body stays text: forwarded as sent when the caller sees everything, parsed only to add a scope.
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: READ_BODY_LIMIT },
    (_request, text, done) => done(null, text === '' ? undefined : text),
  );
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

  app.setErrorHandler((error: FastifyError | GnocchiError | UpstreamAnswer, request, reply) => {
    if (error instanceof UpstreamAnswer) return relay(reply, error.answer);
    const gnocchi = asGnocchiError(error);
    if (gnocchi === undefined) request.log.error(error);
    return sendError(reply, gnocchi ?? new GnocchiError(500, ''));
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).type('application/json').send({ code: 404, title: 'Not Found', description: null }),
  );

  /** The filter confining a search of `type` to the visible datacenters. */
  async function scopeOf(
    request: FastifyRequest,
    seen: ReadonlySet<string>,
    type: string,
  ): Promise<SearchFilter> {
    if (seen.size === 0) return idFilter([]);
    const upstream = reader(request);
    return carriesDatacenter(await upstream.resourceType(type))
      ? datacenterFilter(seen)
      : idFilter(await upstream.visibleIds(seen));
  }

  const sees = (seen: ReadonlySet<string>, resource: ResourceJson) =>
    resourceIn(seen)({ type: resource.type, attributes: resource });

  /** Whether the metric exists and belongs to a visible resource; other upstream failures are thrown. */
  async function seesMetric(
    request: FastifyRequest,
    seen: ReadonlySet<string>,
    id: string,
  ): Promise<boolean> {
    const upstream = reader(request);
    const answer = await upstream.ask('GET', `/v1/metric/${segment(id)}`);
    if (answer.status === 404) return false;
    if (answer.status !== 200) throw new UpstreamAnswer(answer);
    // Gnocchi embeds the metric's resource (generic, without its attributes); the engine names its id.
    const metric = JSON.parse(answer.text) as { resource?: ResourceJson | null; resource_id?: string | null };
    const owner =
      metric.resource ?? (metric.resource_id ? { id: metric.resource_id, type: 'generic' } : null);
    if (!owner) return false;
    try {
      return sees(seen, await upstream.resource(owner.type, owner.id));
    } catch (error) {
      if (error instanceof UpstreamAnswer && error.answer.status === 404) return false;
      throw error;
    }
  }

  // The version documents need no credentials; their links name the dashboard, not the upstream.
  const versions = async (request: FastifyRequest, reply: FastifyReply) => {
    const answer = await reader(request).ask('GET', upstreamPath(request, prefix));
    const base = `${request.protocol}://${request.headers.host ?? request.hostname}${prefix}`;
    const text = answer.text.replace(/"href": ?"[^"]*?(\/v1(?:\/[^"]*)?)"/g, (_m, path: string) =>
      JSON.stringify({ href: `${base}${path}` }).slice(1, -1),
    );
    return relay(reply, { status: answer.status, text });
  };
  app.get('/', { config: { meteringAccess: 'public' } }, versions);
  app.get('/v1', { config: { meteringAccess: 'public' } }, versions);

  // What belongs to no datacenter: every caller reads it as Gnocchi has it.
  for (const url of [
    '/v1/capabilities',
    '/v1/resource_type',
    '/v1/resource_type/:name',
    '/v1/archive_policy',
    '/v1/archive_policy/:name',
    '/v1/archive_policy_rule',
    '/v1/archive_policy_rule/:name',
  ])
    app.get(url, passThrough);

  /** A search of `type` with the caller's scope and-ed in; the query (limit, marker, sort, details…) kept. */
  async function scopedSearch(
    request: FastifyRequest,
    reply: FastifyReply,
    type: string,
    search: unknown,
  ): Promise<FastifyReply> {
    const seen = visible(request)!;
    // Nothing to find: no upstream call.
    if (seen.size === 0) return reply.code(200).type('application/json').send('[]');
    const scope = await scopeOf(request, seen, type);
    const query = queryOf(request);
    query.delete('filter');
    const path = `/v1/search/resource/${segment(type)}${query.toString() === '' ? '' : `?${query}`}`;
    return relay(
      reply,
      await reader(request).ask('POST', path, new JsonText(scopedSearchJson(search, scope))),
    );
  }

  app.get<{ Params: { type: string } }>('/v1/resource/:type', async (request, reply) =>
    visible(request) === undefined
      ? passThrough(request, reply)
      : scopedSearch(request, reply, request.params.type, undefined),
  );

  app.post<{ Params: { type: string }; Body: string | undefined }>(
    '/v1/search/resource/:type',
    { config: { meteringAccess: 'read' }, bodyLimit: READ_BODY_LIMIT },
    async (request, reply) => {
      if (visible(request) === undefined) {
        const body = request.body === undefined ? undefined : new JsonText(request.body);
        return relay(reply, await reader(request).ask('POST', upstreamPath(request, prefix), body));
      }
      // As Gnocchi: a body is the JSON filter, else `filter=` is the text one.
      const search =
        request.body === undefined ? queryOf(request).get('filter') || undefined : jsonOf(request.body);
      return scopedSearch(request, reply, request.params.type, search);
    },
  );

  // A resource named by id, and all below it (history, metrics, measures): out of scope answers as missing.
  const resourceRoute = async (
    request: FastifyRequest<{ Params: { type: string; id: string } }>,
    reply: FastifyReply,
  ) => {
    const seen = visible(request);
    if (seen !== undefined) {
      const resource = await reader(request).resource(request.params.type, request.params.id);
      if (!sees(seen, resource)) throw notFound(`Resource ${resource.id} does not exist`);
    }
    return passThrough(request, reply);
  };
  app.get('/v1/resource/:type/:id', resourceRoute);
  app.get('/v1/resource/:type/:id/*', resourceRoute);

  app.get('/v1/metric', async (request, reply) => {
    if (visible(request) === undefined) return passThrough(request, reply);
    // Gnocchi filters metrics by their own fields only: scoping a listing would read every metric and every
    // resource upstream per call, and break limit/marker paging. Searching resources names their metrics.
    throw new GnocchiError(
      403,
      'Listing metrics is only open to a caller who sees every datacenter: search the resources ' +
        '(POST /v1/search/resource/{type}), whose `metrics` give each metric’s id.',
    );
  });

  const metricRoute = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const seen = visible(request);
    if (seen !== undefined && !(await seesMetric(request, seen, request.params.id)))
      throw notFound(`Metric ${request.params.id} does not exist`);
    return passThrough(request, reply);
  };
  app.get('/v1/metric/:id', metricRoute);
  app.get('/v1/metric/:id/*', metricRoute);

  app.post<{ Body: string | undefined }>(
    '/v1/aggregates',
    { config: { meteringAccess: 'read' }, bodyLimit: READ_BODY_LIMIT },
    async (request, reply) => {
      const seen = visible(request);
      const path = upstreamPath(request, prefix);
      const upstream = reader(request);
      if (seen === undefined || request.body === undefined) {
        const body = request.body === undefined ? undefined : new JsonText(request.body);
        return relay(reply, await upstream.ask('POST', path, body));
      }
      const body = jsonOf(request.body);
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new GnocchiError(400, { cause: 'Invalid input', reason: 'expected a dictionary', detail: [] });
      const { search, ...rest } = body as Record<string, unknown>;
      if (rest.resource_type !== undefined) {
        // Resource mode: the search, whichever form it takes, becomes one branch beside the scope.
        if (typeof rest.resource_type !== 'string')
          throw new GnocchiError(400, {
            cause: 'Invalid input',
            reason: "expected str for dictionary value @ data['resource_type']",
            detail: ['resource_type'],
          });
        const scoped = scopedSearchJson(search, await scopeOf(request, seen, rest.resource_type));
        const text = `${JSON.stringify(rest).slice(0, -1)},"search":${scoped}}`;
        return relay(reply, await upstream.ask('POST', path, new JsonText(text)));
      }
      // Metric mode: every metric the operations name must be one the caller sees, or none is read.
      const ids = [...new Set(metricIdsOf(metricReferences(parseOperations(rest.operations))))];
      const seenIds = await Promise.all(ids.map((id) => seesMetric(request, seen, id)));
      const missing = ids.filter((_id, i) => !seenIds[i]);
      if (missing.length > 0)
        throw notFound({
          cause: 'Unknown metrics',
          reason: "Provided metrics don't exists",
          detail: missing,
        });
      return relay(reply, await upstream.ask('POST', path, new JsonText(request.body)));
    },
  );

  // Every other write: refused by the hook above (after the caller's credentials, as the engine's mount).
  app.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    handler: () => Promise.reject(forbidden()),
  });
  return Promise.resolve();
};
