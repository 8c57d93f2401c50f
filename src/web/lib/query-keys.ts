import type { InventoryKind } from '@/shared/api/inventory';
import type { DatacenterRef } from './api-paths';

// The query keys the SPA's pages share, hierarchical so that one invalidation reaches everything below it
// (signing out clears `all`; a datacenter's data lives under `datacenter`). A feature's own keys live in the
// feature, under `all` (the wall's: features/wall/api/wall-query-keys.ts).

export const queryKeys = {
  all: ['vscope'] as const,
  session: () => [...queryKeys.all, 'session'] as const,
  services: () => [...queryKeys.all, 'services'] as const,
  datacenter: (dc: DatacenterRef) => [...queryKeys.all, 'dc', dc.serviceName, dc.datacenterId] as const,
  summary: (dc: DatacenterRef) => [...queryKeys.datacenter(dc), 'summary'] as const,
  list: (dc: DatacenterRef, kind: InventoryKind) => [...queryKeys.datacenter(dc), kind] as const,
  series: (dc: DatacenterRef, kind: InventoryKind, id: number, range: string) =>
    [...queryKeys.datacenter(dc), kind, id, 'series', range] as const,
  displays: () => [...queryKeys.all, 'displays'] as const,
  apiTokens: () => [...queryKeys.all, 'api-tokens'] as const,
};
