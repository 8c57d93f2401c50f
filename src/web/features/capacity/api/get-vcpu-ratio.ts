import { useQueries } from '@tanstack/react-query';
import { useNow } from '@/web/components/freshness/use-now';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { vcpuRatioRequests } from '../utils/aggregates-request';
import { aggregatesQueryOptions, type CapacityData } from './get-aggregates';

// The provisioned vCPU ratio a datacenter card shows: the VMs' vCPUs per logical CPU of its hosts, now.

export interface VcpuRatio {
  provisioned: number;
  offered: number;
  /** vCPUs per logical CPU; null when the hosts offer none (or are not metered yet). */
  ratio: number | null;
}

const latest = (data: CapacityData | undefined) =>
  data?.series[0]?.values.findLast((v): v is number => v !== null) ?? null;

export function vcpuRatioOf(vms: CapacityData, hosts: CapacityData): VcpuRatio | null {
  const provisioned = latest(vms);
  const offered = latest(hosts);
  if (provisioned === null && offered === null) return null;
  return {
    provisioned: provisioned ?? 0,
    offered: offered ?? 0,
    ratio: offered ? (provisioned ?? 0) / offered : null,
  };
}

export function useVcpuRatio(dc: DatacenterRef) {
  // The bounds move by five minutes: a minute's clock keeps them current without a request per render.
  const requests = vcpuRatioRequests(dc, useNow(60_000));
  return useQueries({
    queries: [
      aggregatesQueryOptions(dc, requests.provisioned, true),
      aggregatesQueryOptions(dc, requests.offered, true),
    ],
    combine: ([vms, hosts]) => ({
      isPending: vms.isPending || hosts.isPending,
      error: vms.error ?? hosts.error,
      data: vms.data && hosts.data ? vcpuRatioOf(vms.data, hosts.data) : undefined,
    }),
  });
}
