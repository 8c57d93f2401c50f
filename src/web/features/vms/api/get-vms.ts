import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { FreshnessSchema, VmRowSchema } from '@/shared/api/inventory';
import { BackupBackupSchema } from '@/shared/ovh/models';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths, type DatacenterRef } from '@/web/lib/api-paths';
import { livePolling } from '@/web/lib/polling';
import { queryKeys } from '@/web/lib/query-keys';

// The VM list is the one that grows large: about 2 kB a VM, most of it backup restore points, NICs and disks
// that no column shows. The table validates and keeps only what its columns read, which for 10 000 VMs cuts
// validation from hundreds of milliseconds to tens, and the memory the page holds between polls.

export const VmTableRowSchema = VmRowSchema.pick({
  vmId: true,
  moRef: true,
  name: true,
  powerState: true,
  hostName: true,
  clusterName: true,
  folderName: true,
  vmwareTools: true,
  vmwareToolsVersion: true,
  cpuNum: true,
  memoryMax: true,
  cpuUsed: true,
  cpuPercent: true,
  memoryUsed: true,
  memoryPercent: true,
  cpuReady: true,
  cpuReadyPercent: true,
  netRx: true,
  netTx: true,
  readPerSecond: true,
  writePerSecond: true,
  readRate: true,
  writeRate: true,
  readLatency: true,
  writeLatency: true,
  stateFt: true,
  snapshotNum: true,
}).extend({ backup: BackupBackupSchema.pick({ state: true, lastResult: true }).nullable() });
export type VmTableRow = z.infer<typeof VmTableRowSchema>;

const VmTableListSchema = FreshnessSchema.extend({ items: z.array(VmTableRowSchema) });

export const vmsQueryOptions = (dc: DatacenterRef) =>
  queryOptions({
    queryKey: queryKeys.listView(dc, 'vms', 'table'),
    queryFn: ({ signal }) => requestJson(apiPaths.list(dc, 'vms'), VmTableListSchema, { signal }),
    ...livePolling,
  });

export function useVms(dc: DatacenterRef) {
  return useQuery(vmsQueryOptions(dc));
}
