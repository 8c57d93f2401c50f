import { useQuery } from '@tanstack/react-query';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { inventoryListQueryOptions } from '@/web/lib/inventory-list';

export const vmsQueryOptions = (dc: DatacenterRef) => inventoryListQueryOptions(dc, 'vms');

export function useVms(dc: DatacenterRef) {
  return useQuery(vmsQueryOptions(dc));
}
