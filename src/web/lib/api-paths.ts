import type { InventoryKind } from '../../shared/api/inventory';

// The server's routes, built in one place so a path is never spelled twice.

export interface DatacenterRef {
  serviceName: string;
  datacenterId: number;
}

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
  displays: () => '/api/displays',
  display: (id: string) => `/api/displays/${enc(id)}`,
  displayTokenRotation: (id: string) => `/api/displays/${enc(id)}/rotate-token`,
  displaySession: () => '/api/display-session',
};
