import type {
  GuestAgents,
  GuestAgentState,
  GuestLiveResponse,
  GuestOverview,
  GuestProcess,
  GuestProcessHistory,
  GuestVmPoint,
} from '@/shared/api/guest';
import type { GuestVmIdentity } from '@/shared/guest/instance-id';
import { LIVE_INTERVAL_SECONDS } from '@/shared/guest/protocol';
import type { PyRecord } from '@/shared/guest/py-literal';
import { processOf, vmPointOf, type GuestProcessRecord, type ReadDate } from '@/shared/guest/records';
import { DomainError } from '../errors';
import { RefreshingCache, UpstreamUnavailableError, type Snapshot } from '../inventory/refreshing-cache';
import { freshnessOf } from '../inventory/serialized-list';
import type { GuestClient } from '../upstream/guest/client';
import { publicReasonOf } from '../upstream/public-reason';
import { localTimeToEpochMs } from '@/shared/guest/create-date';
import type { GuestInstanceIds } from './mapping';

// What runs inside the VMs, read from the guest-monitoring service through refreshing caches like the
// inventory's: one fetch per VM per interval however many screens look, and the last good answer served,
// marked stale, while the service fails. A VM in Live mode is read at the agent's real-time pace instead.

/** The normal pace of guest data; the SPA polls faster on its own while Live. */
export const GUEST_POLL_INTERVAL_MS = 10_000;
/** How much VM history an overview carries: ten minutes of the agent's one-a-minute reports. */
export const GUEST_HISTORY_LIMIT = 60;
/** How long the agent reports in real time after startmonitor. */
export const LIVE_DURATION_MS = 300_000;
/** The agents column asks for this many instances per request, so a request stays a few kB. */
export const AGENTS_CHUNK = 200;
// Processes that started after the last VM report, on top of its count.
const PROCESS_MARGIN = 50;
const MAX_PROCESSES = 10_000;
// The records of one report share its instant give or take the one-by-one inserts of the original.
const SAME_REPORT_MS = 1_000;

export interface GuestReaderOptions {
  client: GuestClient;
  ids: GuestInstanceIds;
  /** The zone the service writes create_date in. */
  timeZone: string;
  silentAfterMs: number;
  intervalMs?: number;
  now?: () => number;
  onError?: (what: string, error: unknown) => void;
}

interface OverviewData {
  history: GuestVmPoint[];
  processes: GuestProcess[];
  lastReportAt: number | null;
}

/** A datacenter's VMs: their instance ids, so the answer maps back to VM ids. */
interface AgentsKey {
  serviceName: string;
  datacenterId: number;
  vms: readonly GuestVmIdentity[];
}

const GUEST_SERVICE = 'the guest-monitoring service';

/** The newest report's processes: records within a second of the newest, one per pid. */
export function latestReport(records: GuestProcessRecord[]): GuestProcess[] {
  const newest = Math.max(...records.map((r) => r.at ?? -Infinity));
  const seen = new Set<number>();
  const processes: GuestProcess[] = [];
  for (const { at, ...process } of records) {
    if (Number.isFinite(newest) && (at === null || newest - at > SAME_REPORT_MS)) continue;
    if (process.pid !== null) {
      if (seen.has(process.pid)) continue;
      seen.add(process.pid);
    }
    processes.push(process);
  }
  return processes;
}

export class GuestReader {
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly readDate: ReadDate;
  private readonly overviews: RefreshingCache<string, OverviewData>;
  private readonly liveOverviews: RefreshingCache<string, OverviewData>;
  private readonly processes: RefreshingCache<{ instanceId: string; name: string }, GuestProcessRecord[]>;
  private readonly agentCache: RefreshingCache<AgentsKey, Record<string, number | null>>;
  private readonly liveUntil = new Map<string, number>();

  constructor(private readonly options: GuestReaderOptions) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? GUEST_POLL_INTERVAL_MS;
    this.readDate = (text) => localTimeToEpochMs(text, options.timeZone);
    const common = { now: options.now };
    const overviewCache = (intervalMs: number) =>
      new RefreshingCache<string, OverviewData>({
        ...common,
        intervalMs,
        load: (id, signal) => this.loadOverview(id, signal),
        onError: (id, error) => options.onError?.(`guest overview of ${id}`, error),
      });
    this.overviews = overviewCache(this.intervalMs);
    this.liveOverviews = overviewCache(LIVE_INTERVAL_SECONDS * 1000);
    this.processes = new RefreshingCache({
      ...common,
      intervalMs: this.intervalMs,
      keyOf: (k) => `${k.instanceId}\0${k.name}`,
      load: async (k, signal) =>
        (await options.client.procRecordsByName(k.instanceId, k.name, GUEST_HISTORY_LIMIT, signal)).map((r) =>
          processOf(r, this.readDate),
        ),
      onError: (k, error) => options.onError?.(`guest process ${k.name} of ${k.instanceId}`, error),
    });
    this.agentCache = new RefreshingCache({
      ...common,
      intervalMs: this.intervalMs,
      keyOf: (k) => `${k.serviceName}/${k.datacenterId}`,
      load: (k, signal) => this.loadAgents(k, signal),
      onError: (k, error) => options.onError?.(`guest agents of ${k.serviceName}/${k.datacenterId}`, error),
    });
  }

  instanceIdOf(vm: GuestVmIdentity): string | null {
    return this.options.ids.instanceIdOf(vm);
  }

  async overview(vm: GuestVmIdentity): Promise<GuestOverview> {
    const instanceId = this.instanceIdOf(vm);
    if (instanceId === null) {
      // No id, nothing to ask: the VM has no agent as far as the dashboard can tell.
      return {
        fetchedAt: this.now(),
        stale: false,
        pollIntervalMs: this.intervalMs,
        agent: 'none',
        instanceId,
        lastReportAt: null,
        liveUntil: null,
        history: [],
        processes: [],
      };
    }
    const liveUntil = this.liveUntilOf(instanceId);
    const cache = liveUntil === null ? this.overviews : this.liveOverviews;
    const snapshot = await this.read(cache.get(instanceId));
    const { history, processes, lastReportAt } = snapshot.value;
    return {
      ...freshnessOf(snapshot, this.intervalMs),
      agent: this.stateOf(lastReportAt),
      instanceId,
      lastReportAt,
      liveUntil,
      history,
      processes,
    };
  }

  async processHistory(vm: GuestVmIdentity, name: string): Promise<GuestProcessHistory> {
    const instanceId = this.instanceIdOf(vm);
    if (instanceId === null)
      return { fetchedAt: this.now(), stale: false, pollIntervalMs: this.intervalMs, name, points: [] };
    const snapshot = await this.read(this.processes.get({ instanceId, name }));
    const points = snapshot.value
      .flatMap(({ at, name: _name, ...point }) => (at === null ? [] : [{ at, ...point }]))
      .sort((a, b) => a.at - b.at);
    return { ...freshnessOf(snapshot, this.intervalMs), name, points };
  }

  /** Asks the VM's agent for real-time reports; the answer says until when. */
  async live(vm: GuestVmIdentity): Promise<GuestLiveResponse> {
    const instanceId = this.instanceIdOf(vm);
    if (instanceId === null) throw new DomainError('missing', 'This VM has no guest instance id.');
    try {
      await this.options.client.startMonitor(instanceId);
    } catch (error) {
      throw new UpstreamUnavailableError(publicReasonOf(error), error, GUEST_SERVICE);
    }
    const liveUntil = this.now() + LIVE_DURATION_MS;
    this.liveUntil.set(instanceId, liveUntil);
    return { liveUntil };
  }

  /** Each VM's agent state, by VM id, for a datacenter's VM list. */
  async agents(
    serviceName: string,
    datacenterId: number,
    vms: readonly GuestVmIdentity[],
  ): Promise<GuestAgents> {
    const snapshot = await this.read(this.agentCache.get({ serviceName, datacenterId, vms }));
    const agents: Record<string, GuestAgentState> = {};
    for (const vm of vms) agents[String(vm.vmId)] = this.stateOf(snapshot.value[String(vm.vmId)] ?? null);
    return { ...freshnessOf(snapshot, this.intervalMs), agents };
  }

  async close(): Promise<void> {
    await Promise.all(
      [this.overviews, this.liveOverviews, this.processes, this.agentCache].map((c) => c.close()),
    );
  }

  private stateOf(lastReportAt: number | null): GuestAgentState {
    if (lastReportAt === null) return 'none';
    return this.now() - lastReportAt > this.options.silentAfterMs ? 'silent' : 'reporting';
  }

  private liveUntilOf(instanceId: string): number | null {
    const until = this.liveUntil.get(instanceId);
    if (until === undefined) return null;
    if (until > this.now()) return until;
    this.liveUntil.delete(instanceId);
    return null;
  }

  /** A cache read whose "nothing to serve" names the guest service rather than OVH. */
  private async read<T>(snapshot: Promise<Snapshot<T>>): Promise<Snapshot<T>> {
    try {
      return await snapshot;
    } catch (error) {
      if (error instanceof UpstreamUnavailableError) {
        throw new UpstreamUnavailableError(error.message, error, GUEST_SERVICE);
      }
      throw error;
    }
  }

  private vmPoints(records: PyRecord[]): GuestVmPoint[] {
    return records.flatMap((r) => vmPointOf(r, this.readDate) ?? []).sort((a, b) => a.at - b.at);
  }

  private async loadOverview(instanceId: string, signal: AbortSignal): Promise<OverviewData> {
    const { client } = this.options;
    const history = this.vmPoints(await client.vmRecords([instanceId], GUEST_HISTORY_LIMIT, signal));
    const latest = history.at(-1);
    if (!latest) return { history, processes: [], lastReportAt: null };
    const limit = Math.min(MAX_PROCESSES, (latest.processCount ?? 0) + PROCESS_MARGIN);
    const records = (await client.procRecords(instanceId, limit, signal)).map((r) =>
      processOf(r, this.readDate),
    );
    const newestProcess = Math.max(...records.map((r) => r.at ?? -Infinity));
    return {
      history,
      processes: latestReport(records),
      lastReportAt: Math.max(latest.at, newestProcess),
    };
  }

  private async loadAgents(key: AgentsKey, signal: AbortSignal): Promise<Record<string, number | null>> {
    const byInstance = new Map<string, string[]>();
    for (const vm of key.vms) {
      const id = this.instanceIdOf(vm);
      if (id !== null) byInstance.set(id, [...(byInstance.get(id) ?? []), String(vm.vmId)]);
    }
    const last: Record<string, number | null> = {};
    const ids = [...byInstance.keys()];
    for (let start = 0; start < ids.length; start += AGENTS_CHUNK) {
      const records = await this.options.client.vmRecords(ids.slice(start, start + AGENTS_CHUNK), 1, signal);
      for (const record of records) {
        const id = record.value.instance_id;
        const point = vmPointOf(record, this.readDate);
        if (typeof id !== 'string' || !point) continue;
        for (const vmId of byInstance.get(id) ?? []) last[vmId] = Math.max(point.at, last[vmId] ?? -Infinity);
      }
    }
    return last;
  }
}
