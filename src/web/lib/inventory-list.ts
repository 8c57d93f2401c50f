import { queryOptions } from '@tanstack/react-query';
import { LIST_SCHEMAS, type InventoryKind, type InventoryList } from '@/shared/api/inventory';
import { requestJson } from './api-client';
import { apiPaths, type DatacenterRef } from './api-paths';
import { livePolling } from './polling';
import { queryKeys } from './query-keys';

/** A datacenter's filers, hosts or VMs, polled at the server's pace; the previous datacenter's rows stay on
 * screen, marked as placeholder, while another one loads. */
export function inventoryListQueryOptions<K extends InventoryKind>(dc: DatacenterRef, kind: K) {
  return queryOptions<InventoryList<K>>({
    queryKey: queryKeys.list(dc, kind),
    queryFn: ({ signal }) =>
      // The schema is picked by `kind`, so TypeScript cannot follow it to the result type by itself.
      requestJson(apiPaths.list(dc, kind), LIST_SCHEMAS[kind], { signal }) as Promise<InventoryList<K>>,
    ...livePolling,
  });
}
