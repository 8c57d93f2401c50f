import { queryOptions, useQuery } from '@tanstack/react-query';
import { DatacenterSummaryResponseSchema } from '@/shared/api/inventory';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths, type DatacenterRef } from '@/web/lib/api-paths';
import { livePolling } from '@/web/lib/polling';
import { queryKeys } from '@/web/lib/query-keys';

export const summaryQueryOptions = (dc: DatacenterRef) =>
  queryOptions({
    queryKey: queryKeys.summary(dc),
    queryFn: ({ signal }) => requestJson(apiPaths.summary(dc), DatacenterSummaryResponseSchema, { signal }),
    ...livePolling,
  });

export function useSummary(dc: DatacenterRef) {
  return useQuery(summaryQueryOptions(dc));
}
