import type { FastifyRequest } from 'fastify';
import { GnocchiError, type Authenticate, type CanSee } from '@/metering';
import { sessionToken } from '../auth/session-plugin';
import type { SessionStore } from '../auth/sessions';
import type { Access, InventoryService } from '../inventory/inventory-service';
import { accessOf } from '../inventory/routes';
import { datacenterKey, visibleDatacenters } from '../inventory/scope-check';
import type { ApiTokenStore } from '../tokens/api-token-store';
import { presentedToken } from './presented-token';

// Who may read the mounted metering API, and what: an API token's scope, or the browser session's rights as
// /api applies them. The engine applies `canSee` inside its queries, so a resource out of rights is never
// listed, counted or aggregated; writes belong to the server's own writer, never to a caller.

export interface MeteringAccessOptions {
  sessions: SessionStore;
  tokens: ApiTokenStore;
  inventory: InventoryService;
}

/** A caller of /metering: a name (the engine's creator field) and the inventory rights that apply. */
export interface MeteringCaller {
  user: string;
  access: Access;
}

// Gnocchi's answer to a request without valid credentials: 401 with an empty description, whatever was wrong,
// so a revoked token cannot be told from a mistyped one.
const unauthorized = () => new GnocchiError(401, '');

/** The token's or else the session's caller; 401 for a token that is not live, or no credential at all. */
export function meteringCaller(
  request: FastifyRequest,
  { sessions, tokens }: Pick<MeteringAccessOptions, 'sessions' | 'tokens'>,
): MeteringCaller {
  const secret = presentedToken(request);
  if (secret !== undefined) {
    const token = tokens.use(secret);
    if (!token) throw unauthorized();
    return { user: `token:${token.id}`, access: { kind: 'datacenters', datacenters: token.scope } };
  }
  const cookie = sessionToken(request);
  const session = cookie === undefined ? undefined : sessions.validate(cookie);
  if (!session) throw unauthorized();
  return { user: session.username, access: accessOf(session) };
}

/**
 * A resource's datacenter is (service, datacenter_id), attributes every metered resource carries; one without
 * them belongs to no datacenter, so only a caller who sees everything sees it.
 */
export function resourceIn(visible: ReadonlySet<string>): CanSee {
  return ({ attributes }) => {
    const { service, datacenter_id: datacenterId } = attributes;
    return (
      typeof service === 'string' &&
      typeof datacenterId === 'number' &&
      visible.has(datacenterKey(service, datacenterId))
    );
  };
}

/** The engine's `authenticate` for the dashboard's mount of /metering. */
export function meteringAuthenticate(options: MeteringAccessOptions): Authenticate {
  return async (request) => {
    const caller = meteringCaller(request, options);
    const visible = await visibleDatacenters(options.inventory, caller.access);
    return { user: caller.user, canSee: visible && resourceIn(visible), canWrite: false };
  };
}
