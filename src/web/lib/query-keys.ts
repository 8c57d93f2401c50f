import type { InventoryKind } from '../../shared/api/inventory';
import type { DatacenterRef } from './api-paths';

// Every query key of the SPA, hierarchical so that one invalidation reaches everything below it
// (signing out clears `all`; a datacenter's data lives under `datacenter`).

export const queryKeys = {
  all: ['vscope'] as const,
  session: () => [...queryKeys.all, 'session'] as const,
  services: () => [...queryKeys.all, 'services'] as const,
  datacenter: (dc: DatacenterRef) => [...queryKeys.all, 'dc', dc.serviceName, dc.datacenterId] as const,
  summary: (dc: DatacenterRef) => [...queryKeys.datacenter(dc), 'summary'] as const,
  list: (dc: DatacenterRef, kind: InventoryKind) => [...queryKeys.datacenter(dc), kind] as const,
  /** A list trimmed to what one page shows (the VM table drops what none of its columns reads). */
  listView: (dc: DatacenterRef, kind: InventoryKind, view: string) =>
    [...queryKeys.list(dc, kind), 'view', view] as const,
  series: (dc: DatacenterRef, kind: InventoryKind, id: number, range: string) =>
    [...queryKeys.datacenter(dc), kind, id, 'series', range] as const,
  displays: () => [...queryKeys.all, 'displays'] as const,
  // The wall keeps its own copies, trimmed to what it shows and polled in the background.
  wall: () => [...queryKeys.all, 'wall'] as const,
  wallSession: () => [...queryKeys.wall(), 'session'] as const,
  wallServices: () => [...queryKeys.wall(), 'services'] as const,
  wallDatacenter: (dc: DatacenterRef) =>
    [...queryKeys.wall(), 'dc', dc.serviceName, dc.datacenterId] as const,
};
