import type { DatacenterRef } from '@/shared/api/displays';
import type { InventoryKind } from '@/shared/api/inventory';

// The server's routes, built in one place so a path is never spelled twice.

// Every datacenter path takes one: callers get the shared type where they get the paths.
export type { DatacenterRef };

const enc = encodeURIComponent;

export const apiPaths = {
  session: () => '/api/session',
  services: () => '/api/services',
  datacenter: ({ serviceName, datacenterId }: DatacenterRef) =>
    `/api/services/${enc(serviceName)}/datacenters/${datacenterId}`,
  summary: (dc: DatacenterRef) => `${apiPaths.datacenter(dc)}/summary`,
  list: (dc: DatacenterRef, kind: InventoryKind) => `${apiPaths.datacenter(dc)}/${kind}`,
  series: (dc: DatacenterRef, kind: InventoryKind, id: number, range: string) =>
    `${apiPaths.datacenter(dc)}/${kind}/${id}/series?${range}`,
  guest: (dc: DatacenterRef, vmId: number) => `${apiPaths.datacenter(dc)}/vms/${vmId}/guest`,
  guestProcess: (dc: DatacenterRef, vmId: number, name: string) =>
    `${apiPaths.guest(dc, vmId)}/processes/${enc(name)}`,
  guestLive: (dc: DatacenterRef, vmId: number) => `${apiPaths.guest(dc, vmId)}/live`,
  guestAgents: (dc: DatacenterRef) => `${apiPaths.datacenter(dc)}/guest-agents`,
  displays: () => '/api/displays',
  display: (id: string) => `/api/displays/${enc(id)}`,
  displayTokenRotation: (id: string) => `/api/displays/${enc(id)}/rotate-token`,
  displaySession: () => '/api/display-session',
  apiTokens: () => '/api/admin/api-tokens',
  apiToken: (id: string) => `/api/admin/api-tokens/${enc(id)}`,
};
