import { queryOptions } from '@tanstack/react-query';
import {
  DatacenterSummaryResponseSchema,
  FilerListSchema,
  HostListSchema,
  VmListSchema,
  type DatacenterSummary,
  type FilerRow,
  type Freshness,
  type HostRow,
  type VmRow,
} from '@/shared/api/inventory';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths, type DatacenterRef } from '@/web/lib/api-paths';
import { maxOrNull } from '@/web/lib/null-aware';
import { wallQueryKeys } from './wall-query-keys';
import { wallPolling } from './wall-polling';
import { withWallSession } from './wall-session';

// One datacenter as the wall shows it: the summary and the three lists, fetched together so the screen shows
// one snapshot with one freshness, and trimmed at once to what the wall draws. A 10 000-VM list becomes
// counts and a few top tens, so a screen that runs for weeks holds kilobytes, not the whole inventory.

export const TOP_VMS = 10;

const HOST_FIELDS = [
  'hostId',
  'name',
  'clusterName',
  'state',
  'connectionState',
  'inMaintenance',
  'cpuPercent',
  'memoryPercent',
] as const satisfies readonly (keyof HostRow)[];
const FILER_FIELDS = [
  'filerId',
  'name',
  'usedPercent',
  'spaceFree',
  'state',
  'connectionState',
] as const satisfies readonly (keyof FilerRow)[];

export type WallHost = Pick<HostRow, (typeof HOST_FIELDS)[number]>;
export type WallFiler = Pick<FilerRow, (typeof FILER_FIELDS)[number]>;

export interface WallVm {
  vmId: number;
  name: string;
  hostName: string | null;
  value: number;
}

export interface WallDatacenter extends Freshness {
  summary: DatacenterSummary;
  hosts: WallHost[];
  filers: WallFiler[];
  topVms: { cpu: WallVm[]; ready: WallVm[]; latency: WallVm[] };
}

const byName = new Intl.Collator('en', { numeric: true });

function top(vms: readonly VmRow[], value: (vm: VmRow) => number | null): WallVm[] {
  const ranked: WallVm[] = [];
  for (const vm of vms) {
    const v = value(vm);
    if (v === null || !Number.isFinite(v)) continue;
    ranked.push({ vmId: vm.vmId, name: vm.name ?? vm.moRef, hostName: vm.hostName, value: v });
  }
  // The name breaks ties so the lists do not reshuffle between polls when values are equal.
  return ranked.sort((a, b) => b.value - a.value || byName.compare(a.name, b.name)).slice(0, TOP_VMS);
}

/** Only the fields the wall shows, in name order so tiles keep their place from poll to poll. */
function trimmed<T extends { name: string }, K extends keyof T>(rows: readonly T[], fields: readonly K[]) {
  return [...rows]
    .sort((a, b) => byName.compare(a.name, b.name))
    .map((row) => Object.fromEntries(fields.map((field) => [field, row[field]])) as Pick<T, K>);
}

/** The freshness of the four answers together: as old as the oldest, stale if any is. */
function combined(parts: readonly Freshness[]): Freshness {
  const errors = parts.flatMap((p) => (p.error ? [p.error] : []));
  const latest = errors.sort((a, b) => b.at - a.at)[0];
  const refreshing = parts.flatMap((p) => (p.refreshingSince === undefined ? [] : [p.refreshingSince]));
  return {
    fetchedAt: Math.min(...parts.map((p) => p.fetchedAt)),
    stale: parts.some((p) => p.stale),
    ...(latest ? { error: latest } : {}),
    ...(refreshing.length > 0 ? { refreshingSince: Math.min(...refreshing) } : {}),
    pollIntervalMs: Math.min(...parts.map((p) => p.pollIntervalMs)),
  };
}

export function digestDatacenter(
  summary: Freshness & { summary: DatacenterSummary },
  hosts: Freshness & { items: readonly HostRow[] },
  filers: Freshness & { items: readonly FilerRow[] },
  vms: Freshness & { items: readonly VmRow[] },
): WallDatacenter {
  const running = vms.items.filter((vm) => vm.powerState === 'poweredOn');
  return {
    ...combined([summary, hosts, filers, vms]),
    summary: summary.summary,
    hosts: trimmed(hosts.items, HOST_FIELDS),
    filers: trimmed(filers.items, FILER_FIELDS),
    topVms: {
      cpu: top(running, (vm) => vm.cpuPercent),
      ready: top(running, (vm) => vm.cpuReadyPercent),
      latency: top(running, (vm) => maxOrNull(vm.readLatency, vm.writeLatency)),
    },
  };
}

async function getWallDatacenter(dc: DatacenterRef, signal: AbortSignal): Promise<WallDatacenter> {
  const [summary, hosts, filers, vms] = await Promise.all([
    requestJson(apiPaths.summary(dc), DatacenterSummaryResponseSchema, { signal }),
    requestJson(apiPaths.list(dc, 'hosts'), HostListSchema, { signal }),
    requestJson(apiPaths.list(dc, 'filers'), FilerListSchema, { signal }),
    requestJson(apiPaths.list(dc, 'vms'), VmListSchema, { signal }),
  ]);
  return digestDatacenter(summary, hosts, filers, vms);
}

export const wallDatacenterQueryOptions = (dc: DatacenterRef) =>
  queryOptions({
    queryKey: wallQueryKeys.datacenter(dc),
    queryFn: ({ signal, client }) => withWallSession(client, () => getWallDatacenter(dc, signal)),
    ...wallPolling,
  });
