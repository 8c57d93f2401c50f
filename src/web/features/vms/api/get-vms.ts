import { useQuery } from '@tanstack/react-query';
import type { DatacenterRef } from '../../../lib/api-paths';
import { inventoryListQueryOptions } from '../../../lib/inventory-list';

export const vmsQueryOptions = (dc: DatacenterRef) => inventoryListQueryOptions(dc, 'vms');

export function useVms(dc: DatacenterRef) {
  return useQuery(vmsQueryOptions(dc));
}
