import { queryKeys } from '@/web/lib/query-keys';
import type { DatacenterRef } from '@/web/lib/api-paths';
import type { AggregatesRequest } from '../utils/aggregates-request';

// The Capacity page's keys, under the datacenter's so that leaving or signing out reaches them too.

export const capacityKeys = {
  all: (dc: DatacenterRef) => [...queryKeys.datacenter(dc), 'capacity'] as const,
  aggregates: (dc: DatacenterRef, request: AggregatesRequest) =>
    [...capacityKeys.all(dc), 'aggregates', request] as const,
  resourceType: (name: string) => [...queryKeys.all, 'metering', 'resource-type', name] as const,
};
