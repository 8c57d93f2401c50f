import { useQuery } from '@tanstack/react-query';
import type { DatacenterRef } from '../../../lib/api-paths';
import { inventoryListQueryOptions } from '../../../lib/inventory-list';

export const filersQueryOptions = (dc: DatacenterRef) => inventoryListQueryOptions(dc, 'filers');

export function useFilers(dc: DatacenterRef) {
  return useQuery(filersQueryOptions(dc));
}
