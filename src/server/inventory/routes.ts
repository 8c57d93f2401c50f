import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  InventoryKindSchema,
  type DatacenterSummaryResponse,
  type ServiceList,
} from '../../shared/api/inventory';
import type { SessionIdentity } from '../auth/sessions';
import { requireSession, sessionOf } from '../auth/session-plugin';
import { badRequest } from '../http/api-error';
import type { Access, InventoryService } from './inventory-service';
import { listPayload, serializeList } from './serialized-list';
import { combinedFreshness, summarizeDatacenter } from './summary';

// The inventory API: services and datacenters the user may see, and per datacenter its filers, hosts and VMs,
// each with the data's freshness. Every route checks the session and the user's rights.

export interface InventoryRoutesOptions {
  inventory: InventoryService;
}

export function accessOf(identity: SessionIdentity): Access {
  // A scope confines the session whoever it belongs to. A display session always has one; were it ever
  // missing, the display would fall through to seeing everything, so it sees nothing instead.
  if (identity.scope) return { kind: 'datacenters', datacenters: identity.scope };
  if (identity.provider === 'display') return { kind: 'datacenters', datacenters: [] };
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

const DatacenterParams = z.object({
  serviceName: z.string().regex(/^[\w.-]{1,100}$/, 'is not a service name'),
  datacenterId: z.coerce.number().int().positive(),
});

const ListParams = DatacenterParams.extend({ kind: InventoryKindSchema });

function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    throw badRequest(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  }
  return parsed.data;
}

export function inventoryRoutes(
  app: FastifyInstance,
  options: InventoryRoutesOptions,
  done: (err?: Error) => void,
) {
  const { inventory } = options;
  const pollIntervalMs = inventory.options.intervalMs;
  app.addHook('onRequest', requireSession);

  app.get('/services', async (request): Promise<ServiceList> => {
    const snapshot = await inventory.services(accessOf(sessionOf(request)));
    return listPayload(snapshot, pollIntervalMs);
  });

  // A static segment wins over `:kind` in Fastify's router, so `/summary` never reads as a kind.
  app.get(
    '/services/:serviceName/datacenters/:datacenterId/summary',
    async (request): Promise<DatacenterSummaryResponse> => {
      const { serviceName, datacenterId } = parseParams(DatacenterParams, request.params);
      const access = accessOf(sessionOf(request));
      // Rights first, so a forbidden datacenter costs no upstream fetch.
      await inventory.authorize(access, serviceName, datacenterId);
      const [hosts, vms, filers] = await Promise.all([
        inventory.list(access, serviceName, datacenterId, 'hosts'),
        inventory.list(access, serviceName, datacenterId, 'vms'),
        inventory.list(access, serviceName, datacenterId, 'filers'),
      ]);
      return {
        ...combinedFreshness([hosts, vms, filers]),
        pollIntervalMs,
        summary: summarizeDatacenter({ hosts: hosts.value, vms: vms.value, filers: filers.value }),
      };
    },
  );

  app.get('/services/:serviceName/datacenters/:datacenterId/:kind', async (request, reply) => {
    const { serviceName, datacenterId, kind } = parseParams(ListParams, request.params);
    const snapshot = await inventory.list(accessOf(sessionOf(request)), serviceName, datacenterId, kind);
    const { body, etag } = serializeList(snapshot, pollIntervalMs);
    return reply.header('etag', etag).type('application/json; charset=utf-8').send(body);
  });
  done();
}
