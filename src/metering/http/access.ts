import type { FastifyRequest } from 'fastify';
import { forbidden, GnocchiError } from '../errors';
import type { CanSee, IndexerApi } from '../indexer/scoped-indexer';
import { ScopedIndexer } from '../indexer/scoped-indexer';
import type { BatchShape } from './batch-body-reader';

// Who a request is and what it may reach, settled once before the route runs. Standalone, the engine is
// Gnocchi with auth_mode = basic; a host application (the dashboard) brings its own authentication and
// confines each request to the resources it may see, through the indexer view every route reads with.

export interface MeteringAccess {
  /** The creator of what the request creates, and whose per-creator resource ids it resolves. */
  readonly user: string;
  /** Which resources the request may see; all of them when absent. */
  readonly canSee?: CanSee;
  /** Whether it may create, change or delete anything; refused with 403 before the body is read. */
  readonly canWrite: boolean;
}

export type Authenticate = (request: FastifyRequest) => MeteringAccess | Promise<MeteringAccess>;

/** Per route: 'public' needs no credentials (the version documents), 'read' is a POST that only reads. */
export interface MeteringRouteConfig {
  readonly meteringAccess?: 'public' | 'read';
  /** Lets the JSON parser read the body with the batch reader (server.ts). */
  readonly batchBody?: BatchShape;
}

declare module 'fastify' {
  interface FastifyRequest {
    meteringAccess: MeteringAccess | null;
    meteringIndexer: IndexerApi | null;
  }
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the routes' own settings in
  interface FastifyContextConfig extends MeteringRouteConfig {}
}

/**
 * auth_mode = basic: the user name of the Authorization header is the creator, the password is ignored, and
 * everything may be read and written. Without the header Gnocchi answers 401 with an empty description.
 */
export const basicAuthentication: Authenticate = (request) => {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Basic\s+(\S+)\s*$/i.exec(header);
  if (match?.[1] === undefined) throw new GnocchiError(401, '');
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  if (user === '') throw new GnocchiError(401, '');
  return { user, canWrite: true };
};

const READ_METHODS = new Set(['GET', 'HEAD']);

/** The onRequest step: authenticates the routes that need it and refuses writes the access may not make. */
export function accessHook(authenticate: Authenticate, indexer: IndexerApi) {
  return async (request: FastifyRequest): Promise<void> => {
    const config = request.routeOptions.config as MeteringRouteConfig;
    // An unknown route answers 404 before any credential is asked for, as Gnocchi's router does.
    if (request.routeOptions.url === undefined || config.meteringAccess === 'public') return;
    const access = await authenticate(request);
    if (!access.canWrite && !READ_METHODS.has(request.method) && config.meteringAccess !== 'read')
      throw forbidden();
    request.meteringAccess = access;
    request.meteringIndexer = access.canSee ? new ScopedIndexer(indexer, access.canSee) : indexer;
  };
}

function settled(request: FastifyRequest): { access: MeteringAccess; indexer: IndexerApi } {
  if (!request.meteringAccess || !request.meteringIndexer) throw new GnocchiError(401, '');
  return { access: request.meteringAccess, indexer: request.meteringIndexer };
}

/** The request's user name (its routes run after accessHook). */
export function currentUser(request: FastifyRequest): string {
  return settled(request).access.user;
}

/** The indexer as this request may see it. */
export function indexerOf(request: FastifyRequest): IndexerApi {
  return settled(request).indexer;
}
