import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DatacenterRefSchema } from '@/shared/api/displays';
import {
  InventoryKindSchema,
  toColumns,
  VmRowSchema,
  type DatacenterSummaryResponse,
  type InventoryKind,
  type ServiceList,
  type VmDetailsResponse,
} from '@/shared/api/inventory';
import type { SessionIdentity } from '../auth/sessions';
import { requireSession, sessionOf } from '../auth/session-plugin';
import type { Access, InventoryService, ListByKind } from './inventory-service';
import negotiate from '@fastify/accept-negotiator';
import { freshnessOf, LIST_ENCODINGS, listPayload, serializeList } from './serialized-list';
import { cachedSummary, combinedFreshness } from './summary';

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

/** `/services/:serviceName/datacenters/:datacenterId`, by the rules a display's scope names a datacenter with. */
export const DatacenterParams = z.object({
  serviceName: DatacenterRefSchema.shape.serviceName,
  // Read as a number first, so that "abc" gets the model's own message rather than a NaN.
  datacenterId: z.string().transform(Number).pipe(DatacenterRefSchema.shape.datacenterId),
});

/** A datacenter's list of one kind: `…/datacenters/:datacenterId/:kind`. */
export const ListParams = DatacenterParams.extend({ kind: InventoryKindSchema });

/** One VM: `…/datacenters/:datacenterId/vms/:vmId`. */
const VmParams = DatacenterParams.extend({ vmId: z.coerce.number().int().nonnegative() });

/** How each list goes on the wire: the VMs, by the thousand, by column; hosts and filers, by the ten, as rows. */
const WIRE_ITEMS: { [K in InventoryKind]: (rows: ListByKind[K]) => unknown } = {
  filers: (rows) => rows,
  hosts: (rows) => rows,
  vms: (rows) => toColumns(VmRowSchema, rows),
};

export const inventoryRoutes: FastifyPluginAsyncZod<InventoryRoutesOptions> = async (app, options) => {
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
    { schema: { params: DatacenterParams } },
    async (request): Promise<DatacenterSummaryResponse> => {
      const { serviceName, datacenterId } = request.params;
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
        summary: cachedSummary({ hosts: hosts.value, vms: vms.value, filers: filers.value }),
      };
    },
  );

  // Not table data (backup restore points, snapshots, networks, filers): for one VM, when asked.
  app.get(
    '/services/:serviceName/datacenters/:datacenterId/vms/:vmId',
    { schema: { params: VmParams } },
    async (request): Promise<VmDetailsResponse> => {
      const { serviceName, datacenterId, vmId } = request.params;
      const access = accessOf(sessionOf(request));
      const snapshot = await inventory.vmDetails(access, serviceName, datacenterId, vmId);
      return { ...freshnessOf(snapshot, pollIntervalMs), vm: snapshot.value };
    },
  );

  app.get(
    '/services/:serviceName/datacenters/:datacenterId/:kind',
    { schema: { params: ListParams } },
    async (request, reply) => {
      const { serviceName, datacenterId, kind } = request.params;
      const snapshot = await inventory.list(accessOf(sessionOf(request)), serviceName, datacenterId, kind);
      const list = serializeList(snapshot, pollIntervalMs, WIRE_ITEMS[kind] as (rows: object) => unknown);
      const encoding = negotiate(request.headers['accept-encoding'] ?? '', LIST_ENCODINGS);
      void reply
        .header('etag', list.etagOf(encoding))
        .header('vary', 'accept-encoding')
        .type('application/json; charset=utf-8');
      // Set, the encoding tells the compression plugin to leave the bytes alone; any other encoding (deflate)
      // is left to it.
      if (encoding === null) return reply.send(await list.identity());
      return reply.header('content-encoding', encoding).send(await list.encode(encoding));
    },
  );
};
