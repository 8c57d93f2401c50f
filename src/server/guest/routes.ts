import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  GuestProcessNameSchema,
  type GuestAgents,
  type GuestLiveResponse,
  type GuestOverview,
  type GuestProcessHistory,
} from '@/shared/api/guest';
import type { GuestVmIdentity } from '@/shared/guest/instance-id';
import { requireSession, sessionOf } from '../auth/session-plugin';
import { DomainError } from '../errors';
import { ApiError } from '../http/api-error';
import type { InventoryService } from '../inventory/inventory-service';
import { accessOf, DatacenterParams } from '../inventory/routes';
import type { GuestReader } from './guest-reader';

// What runs inside a datacenter's VMs, for those who may see the datacenter: the same session and rights as
// the inventory routes, and only for a VM of the datacenter's own list. Without a guest service configured
// every route says so, so the SPA can tell "not set up" from "no agent".

export interface GuestRoutesOptions {
  inventory: InventoryService;
  /** Absent when no guest-monitoring service is configured. */
  guest?: GuestReader;
}

const VmParams = DatacenterParams.extend({
  vmId: z.string().transform(Number).pipe(z.number().int().positive()),
});

const ProcessParams = VmParams.extend({ name: GuestProcessNameSchema });

const notConfigured = () =>
  new ApiError(
    404,
    'guest_not_configured',
    'This server reads no guest-monitoring service (GUEST_URL is not set).',
  );

export const guestRoutes: FastifyPluginAsyncZod<GuestRoutesOptions> = async (app, options) => {
  const { inventory } = options;
  app.addHook('onRequest', requireSession);

  /** The VMs of a datacenter the session may see, with the guest reader, or the reason there is none. */
  async function datacenterVms(
    request: Parameters<typeof sessionOf>[0],
    serviceName: string,
    datacenterId: number,
  ) {
    const vms = await inventory.list(accessOf(sessionOf(request)), serviceName, datacenterId, 'vms');
    if (!options.guest) throw notConfigured();
    return {
      guest: options.guest,
      vms: vms.value.map((vm): GuestVmIdentity => ({
        serviceName,
        datacenterId,
        vmId: vm.vmId,
        moRef: vm.moRef,
        name: vm.name,
      })),
    };
  }

  async function oneVm(
    request: Parameters<typeof sessionOf>[0],
    params: { serviceName: string; datacenterId: number; vmId: number },
  ) {
    const { guest, vms } = await datacenterVms(request, params.serviceName, params.datacenterId);
    const vm = vms.find((v) => v.vmId === params.vmId);
    if (!vm) {
      throw new DomainError(
        'missing',
        `No VM ${params.vmId} in datacenter ${params.datacenterId} of ${params.serviceName}.`,
      );
    }
    return { guest, vm };
  }

  const vmPath = '/services/:serviceName/datacenters/:datacenterId/vms/:vmId/guest';

  app.get(vmPath, { schema: { params: VmParams } }, async (request): Promise<GuestOverview> => {
    const { guest, vm } = await oneVm(request, request.params);
    return guest.overview(vm);
  });

  app.get(
    `${vmPath}/processes/:name`,
    { schema: { params: ProcessParams } },
    async (request): Promise<GuestProcessHistory> => {
      const { guest, vm } = await oneVm(request, request.params);
      return guest.processHistory(vm, request.params.name);
    },
  );

  app.post(
    `${vmPath}/live`,
    { schema: { params: VmParams } },
    async (request): Promise<GuestLiveResponse> => {
      const { guest, vm } = await oneVm(request, request.params);
      return guest.live(vm);
    },
  );

  app.get(
    '/services/:serviceName/datacenters/:datacenterId/guest-agents',
    { schema: { params: DatacenterParams } },
    async (request): Promise<GuestAgents> => {
      const { serviceName, datacenterId } = request.params;
      const { guest, vms } = await datacenterVms(request, serviceName, datacenterId);
      return guest.agents(serviceName, datacenterId, vms);
    },
  );
};
