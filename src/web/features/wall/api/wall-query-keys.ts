import type { DatacenterRef } from '@/web/lib/api-paths';
import { queryKeys } from '@/web/lib/query-keys';

// The wall keeps its own copies, trimmed to what it shows and polled in the background; under the app's root
// key, so signing out clears them too.
export const wallQueryKeys = {
  all: () => [...queryKeys.all, 'wall'] as const,
  session: () => [...wallQueryKeys.all(), 'session'] as const,
  services: () => [...wallQueryKeys.all(), 'services'] as const,
  datacenter: (dc: DatacenterRef) => [...wallQueryKeys.all(), 'dc', dc.serviceName, dc.datacenterId] as const,
};
