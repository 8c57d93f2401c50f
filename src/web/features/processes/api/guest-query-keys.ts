import type { DatacenterRef } from '@/web/lib/api-paths';
import { queryKeys } from '@/web/lib/query-keys';

// What runs inside a datacenter's VMs, under the datacenter's key: leaving or signing out drops it with the rest.
export const guestQueryKeys = {
  all: (dc: DatacenterRef) => [...queryKeys.datacenter(dc), 'guest'] as const,
  agents: (dc: DatacenterRef) => [...guestQueryKeys.all(dc), 'agents'] as const,
  vm: (dc: DatacenterRef, vmId: number) => [...guestQueryKeys.all(dc), 'vm', vmId] as const,
  overview: (dc: DatacenterRef, vmId: number) => [...guestQueryKeys.vm(dc, vmId), 'overview'] as const,
  process: (dc: DatacenterRef, vmId: number, name: string) =>
    [...guestQueryKeys.vm(dc, vmId), 'process', name] as const,
};
