import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MetricsToken } from '@/shared/ovh/envelopes';
import type { Faults } from '../faults';
import type { SimInventory } from '../model/inventory';
import { verifyOvhRequest, type OvhApplication } from './auth';
import { badRequest, notFound, objectNotFound, OvhError, sendOvhError } from './errors';
import { indexInventory, type DatacenterIndex, type ServiceIndex } from './inventory-index';
import { likeFilter } from './like';
import {
  renderDatacenter,
  renderFiler,
  renderHost,
  renderRight,
  renderService,
  renderUser,
  renderVm,
} from './render';

// The OVH API v1 `/dedicatedCloud` routes the dashboard reads, served from the simulated inventory with OVH's
// own authentication, batch mode (`X-Ovh-Batch`), errors and `X-Ovh-Queryid` header.

export interface OvhApiOptions {
  inventory: SimInventory;
  application: OvhApplication;
  faults: Faults;
  now: () => number;
  bearerIsValid: (token: string) => boolean;
  /** The issued metrics token of a user, which the simulator's OpenTSDB accepts. */
  metricsToken: (serviceName: string, userId: number) => string;
}

type Params = Record<string, string>;

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

/** A long as OVH parses it from a path segment, or undefined. */
function parseLong(text: string): number | undefined {
  return /^-?\d{1,15}$/.test(text) ? Number(text) : undefined;
}

const invalidLong = (name: string, text: string) =>
  `[${name}] Given data (${text}) is not valid for type long`;

/** What the path segment `raw` of `idName` names, or OVH's answer to an id that is not a long or not there. */
function byId<T>(idName: string, raw: string, lookup: (id: number) => T | undefined): T {
  const id = parseLong(raw);
  if (id === undefined) throw badRequest(invalidLong(idName, raw));
  const found = lookup(id);
  if (found === undefined) throw objectNotFound(idName, raw);
  return found;
}

export function metricsTokenFor(seed: number, serviceName: string, userId: number): string {
  return createHash('sha256')
    .update(`vscope-sim:${seed}:${serviceName}:${userId}`)
    .digest('base64url')
    .slice(0, 40);
}

export async function ovhApi(app: FastifyInstance, options: OvhApiOptions): Promise<void> {
  const services = indexInventory(options.inventory);
  let queryCounter = 0;

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'string' },
    async (request: FastifyRequest, body: string | Buffer) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      request.rawBody = text;
      if (text === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw badRequest('Invalid JSON received');
      }
    },
  );

  app.addHook('onSend', async (_request, reply) => {
    queryCounter += 1;
    void reply.header(
      'x-ovh-queryid',
      `EU.ext-sim.${(0x5b30ae87 + queryCounter).toString(16)}.${queryCounter}`,
    );
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof OvhError) return sendOvhError(reply, error);
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) return sendOvhError(reply, badRequest((error as Error).message));
    request.log.error({ err: error }, 'simulated OVH request failed');
    return reply.code(500).send({ class: 'Server::InternalServerError', message: 'Internal server error' });
  });

  app.setNotFoundHandler((_request, reply) => sendOvhError(reply, notFound('Got an invalid (or empty) URL')));

  // The only unauthenticated route: clients read it to compute their clock delta.
  app.get('/auth/time', (_request, reply) =>
    reply.type('application/json').send(String(Math.floor(options.now() / 1000))),
  );

  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.url?.endsWith('/auth/time')) return;
    const refused = verifyOvhRequest(
      request,
      request.rawBody ?? '',
      options.application,
      options.now(),
      options.bearerIsValid,
    );
    if (refused) throw refused;
  });

  const service = (params: Params): ServiceIndex => {
    const found = services.get(params.serviceName ?? '');
    if (!found) throw notFound('This service does not exist');
    return found;
  };
  const datacenter = (params: Params): DatacenterIndex =>
    byId('datacenterId', params.datacenterId ?? '', (id) => service(params).datacenters.get(id));

  /** A by-id route that also answers batch requests: one `{key, value, error}` item per id, in order. */
  const itemRoute = (path: string, idName: string, lookup: (params: Params, id: number) => unknown) => {
    app.get(path, (request: FastifyRequest) => {
      const params = request.params as Params;
      const raw = params[idName] ?? '';
      const separator = request.headers['x-ovh-batch'];
      if (typeof separator === 'string' && separator !== '') {
        if (!options.faults.batch) throw badRequest('Batch mode is not available on this call');
        return raw.split(separator).map((key) => {
          const id = parseLong(key);
          if (id === undefined) return { key, value: null, error: invalidLong(idName, key) };
          const value = lookup(params, id);
          return value === undefined
            ? { key, value: null, error: `The requested object (${idName} = ${key}) does not exist` }
            : { key, value, error: null };
        });
      }
      return byId(idName, raw, (id) => lookup(params, id));
    });
  };

  const base = '/dedicatedCloud';
  const sn = `${base}/:serviceName`;
  const dc = `${sn}/datacenter/:datacenterId`;

  app.get(base, () => [...services.keys()]);
  // The service's id is a name, not a long, so this by-id route has no batch form.
  app.get(sn, (request) => renderService(service(request.params as Params).service));

  /** A list of ids and its by-id route over one of the model's maps, each item rendered as of now. */
  const collection = <T>(
    path: string,
    idName: string,
    items: (params: Params) => ReadonlyMap<number, T>,
    render: (item: T, nowMs: number) => unknown,
  ) => {
    app.get(path, (request) => [...items(request.params as Params).keys()]);
    itemRoute(`${path}/:${idName}`, idName, (params, id) => {
      const item = items(params).get(id);
      return item && render(item, options.now());
    });
  };

  collection(
    `${sn}/datacenter`,
    'datacenterId',
    (params) => service(params).datacenters,
    (found) => renderDatacenter(found.datacenter),
  );
  collection(`${dc}/filer`, 'filerId', (params) => datacenter(params).filers, renderFiler);
  collection(`${sn}/filer`, 'filerId', (params) => service(params).globalFilers, renderFiler);
  collection(`${dc}/host`, 'hostId', (params) => datacenter(params).hosts, renderHost);
  collection(`${dc}/vm`, 'vmId', (params) => datacenter(params).vms, renderVm);

  app.get(`${sn}/user`, (request) => {
    const { name } = request.query as { name?: string };
    const users = [...service(request.params as Params).users.values()];
    const matches = name === undefined ? () => true : likeFilter(name);
    return users.filter((u) => matches(u.name)).map((u) => u.userId);
  });
  const user = (params: Params) => byId('userId', params.userId ?? '', (id) => service(params).users.get(id));
  itemRoute(`${sn}/user/:userId`, 'userId', (params, id) => {
    const found = service(params).users.get(id);
    return found && renderUser(found);
  });
  app.get(`${sn}/user/:userId/right`, (request) =>
    user(request.params as Params).rights.map((r) => r.rightId),
  );
  itemRoute(`${sn}/user/:userId/right/:rightId`, 'rightId', (params, id) => {
    const right = user(params).rights.find((r) => r.rightId === id);
    return right && renderRight(right);
  });

  // Removed from OVH's API in 2023-24 (absent from its schema since 2024-06); kept because the historical
  // vScope protocol used it and the simulator's OpenTSDB accepts the token it returns.
  app.post(`${sn}/user/:userId/metricsToken`, (request): MetricsToken => {
    const params = request.params as Params;
    const found = user(params);
    const origin = `${request.protocol}://${request.host}`;
    return {
      opentsdbEndpoint: `${origin}/metrics`,
      token: options.metricsToken(params.serviceName ?? '', found.userId),
      warpEndpoint: `${origin}/warp10`,
    };
  });
}
