import { useQuery } from '@tanstack/react-query';
import { filerCapacityGb } from '@/shared/api/inventory';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { convertSize } from '@/web/lib/format';
import { inventoryListQueryOptions } from '@/web/lib/inventory-list';

// A filer's capacity for the reference line of its space graph. History only records the space used; the
// capacity is in the filers list, shared (query and cache) with the Filers table.

/** The filer's capacity in kB (the unit of its space series): undefined until the list is in, null if it lacks the filer. */
export function useFilerCapacityKb(dc: DatacenterRef, filerId: number, enabled: boolean) {
  return useQuery({
    ...inventoryListQueryOptions(dc, 'filers'),
    enabled,
    select: (list) => {
      const filer = list.items.find((f) => f.filerId === filerId);
      return filer ? convertSize(filerCapacityGb(filer), 'GB', 'kB') : null;
    },
  });
}
