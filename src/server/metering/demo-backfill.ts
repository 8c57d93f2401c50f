import { CAPACITY_POLICY } from '@/shared/capacity/catalog';
import { datacenterTag } from '@/shared/metrics/catalog';
import { ENTITY_KINDS, entityOfRoute, entityRef, type EntityKind } from '@/shared/metrics/entities';
import { cachedLists, readServices } from '../inventory/cached-lists';
import type { InventoryService } from '../inventory/inventory-service';
import type { Log } from '../logging';
import type { OpenTsdbEndpoint } from '../upstream/opentsdb/endpoint';
import {
  provisionedValues,
  usageFromVscope,
  USAGE_SOURCES,
  capacityUnit,
  type CapacityRows,
} from './capacity-measures';
import { filerResource, hostResource, vmResource, type Placement } from './capacity-resources';
import { measuresBatch, type Measure } from './capacity-recorder';
import type { GnocchiClient } from './gnocchi-client';

// The demo's first minute: a year of capacity measures for its VMs, hosts and filers, read from the
// simulator's vScope history through the production OpenTSDB client and converted by the recorder's own
// table. Each age range is read at the granularity the rollup policy keeps for it (a day for the year, two
// hours for the month, half an hour for the week, five minutes for the day), so the engine is given what it
// keeps and no more. Provisioned values are today's inventory's: the simulator has no history of them.

export interface BackfillOptions {
  inventory: InventoryService;
  writer: GnocchiClient;
  /** Where the simulator's history is read (the demo's metricsToken endpoint). */
  historyFor: (serviceName: string) => Promise<OpenTsdbEndpoint>;
  log: Log;
  now?: () => number;
  maxBatchMeasures?: number;
  /** Aborted when the server closes: a year of history is not worth holding the shutdown for. */
  signal?: AbortSignal;
}

const DAY_MS = 86_400_000;

/** [from, to) in ms before now, and the granularity (s) each range is read at: the policy's, newest first. */
export function backfillRanges(nowMs: number): { startMs: number; endMs: number; granularity: number }[] {
  const ranges: { startMs: number; endMs: number; granularity: number }[] = [];
  let endMs = nowMs;
  for (const { granularity, timespan } of CAPACITY_POLICY.definition) {
    // The year's daily range starts a year back; each finer one ends where the next coarser one starts.
    const startMs =
      Math.floor((nowMs - Math.min(timespan, 365 * 86_400) * 1000) / (granularity * 1000)) *
      granularity *
      1000;
    if (startMs < endMs) ranges.push({ startMs, endMs, granularity });
    endMs = Math.min(endMs, startMs);
  }
  return ranges;
}

export class DemoBackfill {
  constructor(private readonly options: BackfillOptions) {}

  /** Backfills unless it was done before (the first VM already has measures older than the finest range). */
  async run(): Promise<number> {
    const { inventory, writer, log } = this.options;
    const nowMs = (this.options.now ?? Date.now)();
    const ranges = backfillRanges(nowMs);
    const services = (await readServices(inventory)).value;
    let written = 0;
    let checked = false;
    for await (const list of cachedLists(inventory, services)) {
      this.options.signal?.throwIfAborted();
      const kind = entityOfRoute(list.route);
      const { service, datacenter, snapshot } = list;
      const at: Placement = {
        serviceName: service.serviceName,
        datacenterId: datacenter.datacenterId,
        datacenter: datacenter.name,
      };
      const rows = (snapshot.value as CapacityRows[EntityKind][]).filter(
        (row) => !('powerState' in row && row.powerState === 'deleted'),
      );
      if (rows.length === 0) continue;
      if (!checked) {
        checked = true;
        if (await this.alreadyDone(kind, at, rows[0]!, nowMs)) {
          log.info('capacity backfill already done, skipping');
          return 0;
        }
        log.info({ ranges: ranges.length }, 'capacity backfill: a year of the demo history, starting');
      }
      const endpoint = await this.options.historyFor(service.serviceName);
      const measures = await this.measuresOf(endpoint, kind, at, rows, ranges);
      const size = this.options.maxBatchMeasures ?? 20_000;
      for (let i = 0; i < measures.length; i += size) {
        await writer.addMeasures(measuresBatch(measures.slice(i, i + size)));
        // The embedded engine ingests on this thread: let the dashboard answer between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      written += measures.length;
      log.info(
        { datacenter: datacenter.name, kind, measures: measures.length, total: written },
        'capacity backfill progress',
      );
    }
    log.info({ measures: written }, 'capacity backfill done');
    return written;
  }

  private async alreadyDone(
    kind: EntityKind,
    at: Placement,
    row: CapacityRows[EntityKind],
    nowMs: number,
  ): Promise<boolean> {
    const resource = this.resourceOf(kind, at, row);
    const [name] = Object.keys(provisionedValues(kind, row));
    if (name === undefined) return false;
    const query = new URLSearchParams({
      granularity: '86400',
      stop: new Date(nowMs - 2 * DAY_MS).toISOString(),
    });
    try {
      return (await this.options.writer.measures(resource.type, resource.id, name, query)).length > 0;
    } catch {
      // No such metric yet: never backfilled.
      return false;
    }
  }

  private resourceOf(kind: EntityKind, at: Placement, row: CapacityRows[EntityKind]) {
    if (kind === 'vm') return vmResource(at, row as CapacityRows['vm']);
    if (kind === 'host') return hostResource(at, row as CapacityRows['host']);
    return filerResource(at, row as CapacityRows['filer']);
  }

  private async measuresOf(
    endpoint: OpenTsdbEndpoint,
    kind: EntityKind,
    at: Placement,
    rows: CapacityRows[EntityKind][],
    ranges: ReturnType<typeof backfillRanges>,
  ): Promise<Measure[]> {
    const tagKey = ENTITY_KINDS[kind].tagKey;
    const byTag = new Map(rows.map((row) => [entityRef(kind, row as never).tagValue, row]));
    const vscopeNames = Object.values<{ vscope: string }>(USAGE_SOURCES[kind]).map((source) => source.vscope);
    // vScope values by entity tag, then timestamp (s), then vScope metric.
    const history = new Map<string, Map<number, Record<string, number>>>();
    // One metric and range per query: small answers, and the demo's in-process simulator is not held long.
    const queries = ranges.flatMap((range) => vscopeNames.map((metric) => ({ range, metric })));
    for (const { range, metric } of queries) {
      this.options.signal?.throwIfAborted();
      await new Promise((resolve) => setImmediate(resolve));
      const results = await endpoint.query({
        start: range.startMs,
        end: range.endMs - 1,
        msResolution: false,
        queries: [
          {
            metric,
            aggregator: 'avg',
            downsample: `${range.granularity}s-avg`,
            tags: { datacenter: datacenterTag(at.serviceName, at.datacenter), [tagKey]: '*' },
          },
        ],
      });
      for (const result of results) {
        const tag = result.tags[tagKey];
        if (tag === undefined || !byTag.has(tag)) continue;
        const points = Array.isArray(result.dps)
          ? result.dps
          : Object.entries(result.dps).map(([t, v]) => [Number(t), v] as const);
        const series = history.get(tag) ?? new Map<number, Record<string, number>>();
        history.set(tag, series);
        for (const [t, v] of points) {
          if (typeof v !== 'number') continue;
          const seconds = t > 1e11 ? Math.floor(t / 1000) : t;
          const values = series.get(seconds) ?? {};
          values[result.metric] = v;
          series.set(seconds, values);
        }
      }
    }
    const measures: Measure[] = [];
    for (const [tag, series] of history) {
      const row = byTag.get(tag)!;
      const resource = this.resourceOf(kind, at, row);
      const provisioned = provisionedValues(kind, row);
      for (const [timestamp, vscope] of series) {
        const values = { ...provisioned, ...usageFromVscope(kind, row, vscope) };
        for (const [metric, value] of Object.entries(values)) {
          measures.push({
            resourceId: resource.id,
            metric,
            unit: capacityUnit(kind, metric),
            timestamp,
            value,
          });
        }
      }
    }
    return measures;
  }
}
