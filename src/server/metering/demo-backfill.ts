import { CAPACITY_POLICY } from '@/shared/capacity/catalog';
import { datacenterTag } from '@/shared/metrics/catalog';
import { ENTITY_KINDS, entityOfRoute, entityRef, type EntityKind } from '@/shared/metrics/entities';
import { yieldToEventLoop } from '../event-loop/pacer';
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
// The simulator answers on this thread and a year is millions of its 5-minute values, so the work is cut into
// steps of tens of milliseconds (an entity and at most a month per query, a few thousand measures per write)
// with the event loop free between them: the dashboard keeps answering while the year is written.

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
/** Measures per batch: the embedded engine ingests one in a few milliseconds. */
const MAX_BATCH_MEASURES = 2_000;
/** 5-minute buckets the simulator summarises for one query: a month's. */
const SLICE_BUCKETS = 31 * 288;

interface BackfillRange {
  startMs: number;
  endMs: number;
  granularity: number;
}

/** [from, to) in ms before now, and the granularity (s) each range is read at: the policy's, newest first. */
export function backfillRanges(nowMs: number): BackfillRange[] {
  const ranges: BackfillRange[] = [];
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
    const { inventory, log } = this.options;
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
      let measures = 0;
      let pending: Measure[] = [];
      // An entity at a time, written as its measures pile up: no step holds the event loop for long.
      for (const row of rows) {
        pending = pending.concat(await this.measuresOf(endpoint, kind, at, row, ranges));
        if (pending.length < this.batchSize) continue;
        measures += await this.write(pending);
        pending = [];
      }
      measures += await this.write(pending);
      written += measures;
      log.info({ datacenter: datacenter.name, kind, measures, total: written }, 'capacity backfill progress');
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

  private get batchSize(): number {
    return this.options.maxBatchMeasures ?? MAX_BATCH_MEASURES;
  }

  private async write(measures: readonly Measure[]): Promise<number> {
    for (let i = 0; i < measures.length; i += this.batchSize) {
      await this.options.writer.addMeasures(measuresBatch(measures.slice(i, i + this.batchSize)));
      // The embedded engine checks each batch on this thread (and in memory, ingests it here too): let the
      // dashboard answer between batches.
      await yieldToEventLoop();
    }
    return measures.length;
  }

  /** One entity's measures over every range, read a slice at a time with all its metrics in each query. */
  private async measuresOf(
    endpoint: OpenTsdbEndpoint,
    kind: EntityKind,
    at: Placement,
    row: CapacityRows[EntityKind],
    ranges: ReturnType<typeof backfillRanges>,
  ): Promise<Measure[]> {
    const tagKey = ENTITY_KINDS[kind].tagKey;
    const tag = entityRef(kind, row as never).tagValue;
    const vscopeNames = Object.values<{ vscope: string }>(USAGE_SOURCES[kind]).map((source) => source.vscope);
    // vScope values by timestamp (s), then vScope metric.
    const series = new Map<number, Record<string, number>>();
    for (const slice of ranges.flatMap(slicesOf)) {
      this.options.signal?.throwIfAborted();
      // The in-process simulator computes a slice in one go: the dashboard answers between two.
      await yieldToEventLoop();
      const results = await endpoint.query({
        start: slice.startMs,
        end: slice.endMs - 1,
        msResolution: false,
        queries: vscopeNames.map((metric) => ({
          metric,
          aggregator: 'avg',
          downsample: `${slice.granularity}s-avg`,
          tags: { datacenter: datacenterTag(at.serviceName, at.datacenter), [tagKey]: tag },
        })),
      });
      for (const result of results) {
        if (result.tags[tagKey] !== tag) continue;
        const points = Array.isArray(result.dps)
          ? result.dps
          : Object.entries(result.dps).map(([t, v]) => [Number(t), v] as const);
        for (const [t, v] of points) {
          if (typeof v !== 'number') continue;
          const seconds = t > 1e11 ? Math.floor(t / 1000) : t;
          const values = series.get(seconds) ?? {};
          values[result.metric] = v;
          series.set(seconds, values);
        }
      }
    }
    const resource = this.resourceOf(kind, at, row);
    const provisioned = provisionedValues(kind, row);
    const measures: Measure[] = [];
    // Oldest first: the engine ignores measures older than a day before the newest it already has.
    for (const [timestamp, vscope] of [...series].sort(([a], [b]) => a - b)) {
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
    return measures;
  }
}

/**
 * A range cut into slices of at most a month of 5-minute buckets, whole granularity buckets each: what the
 * simulator computes for one query, at most tens of milliseconds for one entity.
 */
function slicesOf(range: BackfillRange): BackfillRange[] {
  const step = Math.max(1, Math.floor(SLICE_BUCKETS / (range.granularity / 300))) * range.granularity * 1000;
  const slices: BackfillRange[] = [];
  for (let startMs = range.startMs; startMs < range.endMs; startMs += step) {
    slices.push({ ...range, startMs, endMs: Math.min(range.endMs, startMs + step) });
  }
  return slices;
}
