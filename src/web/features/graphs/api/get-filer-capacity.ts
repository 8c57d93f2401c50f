import { queryOptions, useQuery } from '@tanstack/react-query';
import { filerCapacityGb, FilerListSchema } from '../../../../shared/api/inventory';
import { requestJson } from '../../../lib/api-client';
import { apiPaths, type DatacenterRef } from '../../../lib/api-paths';
import { livePolling } from '../../../lib/polling';
import { queryKeys } from '../../../lib/query-keys';

// A filer's capacity for the reference line of its space graph. History only records the space used; the
// capacity is in the filers list, which shares its key (and so its cache) with the Filers table.

const KB_PER_GB = 1024 ** 2;

export const filerListQueryOptions = (dc: DatacenterRef) =>
  queryOptions({
    queryKey: queryKeys.list(dc, 'filers'),
    queryFn: ({ signal }) => requestJson(apiPaths.list(dc, 'filers'), FilerListSchema, { signal }),
    ...livePolling,
  });

/** The filer's capacity in kB (the unit of its space series): undefined until the list is in, null if it lacks the filer. */
export function useFilerCapacityKb(dc: DatacenterRef, filerId: number, enabled: boolean) {
  return useQuery({
    ...filerListQueryOptions(dc),
    enabled,
    select: (list) => {
      const filer = list.items.find((f) => f.filerId === filerId);
      return filer ? filerCapacityGb(filer) * KB_PER_GB : null;
    },
  });
}
