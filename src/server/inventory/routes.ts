import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InventoryKindSchema, type ServiceList } from '../../shared/api/inventory';
import type { SessionIdentity } from '../auth/sessions';
import { requireSession } from '../auth/require-session';
import type { SessionStore } from '../auth/sessions';
import { badRequest } from '../http/api-error';
import type { Access, InventoryService } from './inventory-service';
import type { Snapshot } from './refreshing-cache';

// The inventory API: services and datacenters the user may see, and per datacenter its filers, hosts and VMs,
// each with the data's freshness. Every route checks the session and the user's rights.

export interface InventoryRoutesOptions {
  inventory: InventoryService;
  sessions: SessionStore;
}

export function accessOf(identity: SessionIdentity): Access {
  if (identity.provider === 'vsphere') {
    return {
      kind: 'pcc-user',
      pccUser: identity.pccUser ?? identity.username,
      serviceName: identity.serviceName,
    };
  }
  return identity.pccUser
    ? { kind: 'pcc-user', pccUser: identity.pccUser, serviceName: null }
    : { kind: 'all' };
}

const ListParams = z.object({
  serviceName: z.string().regex(/^[\w.-]{1,100}$/, 'is not a service name'),
  datacenterId: z.coerce.number().int().positive(),
  kind: InventoryKindSchema,
});

function withFreshness<T>(snapshot: Snapshot<T>, pollIntervalMs: number) {
  return {
    fetchedAt: snapshot.fetchedAt,
    stale: snapshot.stale,
    ...(snapshot.error ? { error: snapshot.error } : {}),
    pollIntervalMs,
    items: snapshot.value,
  };
}

export function inventoryRoutes(
  app: FastifyInstance,
  options: InventoryRoutesOptions,
  done: (err?: Error) => void,
) {
  const { inventory, sessions } = options;
  const pollIntervalMs = inventory.options.intervalMs;
  app.addHook('preHandler', requireSession(sessions));

  app.get('/services', async (request): Promise<ServiceList> => {
    const snapshot = await inventory.services(accessOf(request.session!));
    return withFreshness(snapshot, pollIntervalMs);
  });

  app.get('/services/:serviceName/datacenters/:datacenterId/:kind', async (request) => {
    const params = ListParams.safeParse(request.params);
    if (!params.success) {
      throw badRequest(params.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
    }
    const { serviceName, datacenterId, kind } = params.data;
    const snapshot = await inventory.list(accessOf(request.session!), serviceName, datacenterId, kind);
    return withFreshness(snapshot, pollIntervalMs);
  });
  done();
}
