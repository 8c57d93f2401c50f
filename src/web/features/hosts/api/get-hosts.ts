import { useQuery } from '@tanstack/react-query';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { inventoryListQueryOptions } from '@/web/lib/inventory-list';

export const hostsQueryOptions = (dc: DatacenterRef) => inventoryListQueryOptions(dc, 'hosts');

export function useHosts(dc: DatacenterRef) {
  return useQuery(hostsQueryOptions(dc));
}
