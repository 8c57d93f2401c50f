import { useQuery } from '@tanstack/react-query';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { inventoryListQueryOptions } from '@/web/lib/inventory-list';

export const filersQueryOptions = (dc: DatacenterRef) => inventoryListQueryOptions(dc, 'filers');

export function useFilers(dc: DatacenterRef) {
  return useQuery(filersQueryOptions(dc));
}
