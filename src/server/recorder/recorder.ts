import { CATALOG, datacenterTag, type Catalog } from '@/shared/metrics/catalog';
import {
  ENTITY_KINDS,
  entityOfRoute,
  entityRef,
  type EntityIdentity,
  type EntityOfRoute,
  type EntityRoute,
} from '@/shared/metrics/entities';
import type { LiveFields } from '@/shared/metrics/live-fields';
import { cachedLists, readServices } from '../inventory/cached-lists';
import type { InventoryService } from '../inventory/inventory-service';
import type { Log } from '../logging';
import type { OpenTsdbEndpoint, OpenTsdbPoint } from '../upstream/opentsdb/endpoint';
import { Pacer } from '../event-loop/pacer';
import { PeriodicRecorder } from './periodic-recorder';

// OVH no longer hands out vScope history, so the server keeps its own: after each inventory refresh it writes
// the live values as `vscope.*` points, tagged as OVH's Metrics tagged them. It reads the shared inventory
// cache (no extra OVH calls), writes each refresh once (keyed by its fetch time), and keeps points that could
// not be written to retry them, so an OpenTSDB outage leaves no gap the recorder could have filled.

export interface RecorderOptions {
  inventory: InventoryService;
  target: OpenTsdbEndpoint;
  intervalMs: number;
  log: Log;
  /** Points kept for retry while the target is down, at most. */
  maxPending?: number;
  /** The metrics to record; the catalog's unless a test brings its own. */
  catalog?: Catalog;
}

/** Each route's inventory rows, as far as recording reads them: what names the entity, and its live values. */
type RecordedRows = {
  [R in EntityRoute]: readonly (EntityIdentity<EntityOfRoute<R>> & LiveFields[EntityOfRoute<R>])[];
};

/** Each row's points, a row at a time: one per metric its live values yield, tagged as OVH's Metrics tag it. */
function* pointsByRow<R extends EntityRoute>(
  catalog: Catalog,
  route: R,
  rows: RecordedRows[R],
  timestamp: number,
  where: { datacenter: string; servicename: string },
): Generator<OpenTsdbPoint[]> {
  const kind = entityOfRoute(route);
  for (const row of rows) {
    const entityTag = { [ENTITY_KINDS[kind].tagKey]: entityRef(kind, row).tagValue };
    const tags = { datacenter: where.datacenter, ...entityTag, servicename: where.servicename };
    yield Object.entries(catalog.valuesOf(kind, row)).map(([metric, value]) => ({
      metric,
      timestamp,
      value,
      tags,
    }));
  }
}

export class Recorder extends PeriodicRecorder<OpenTsdbPoint, number> {
  private readonly written = new Map<string, number>();
  private readonly catalog: Catalog;

  constructor(private readonly options: RecorderOptions) {
    super({
      intervalMs: options.intervalMs,
      maxPending: options.maxPending ?? 500_000,
      onPassError: (error) => options.log.warn({ err: error }, 'recorder tick failed'),
    });
    this.catalog = options.catalog ?? CATALOG;
  }

  /**
   * One pass: collect new points from every cached inventory list, then write them with any backlog; paced, so
   * the API answers while a big infrastructure is recorded, and stop() ends it at its next slice.
   */
  async tick(): Promise<number> {
    const { inventory } = this.options;
    const pacer = new Pacer(this.stopped);
    const fresh: OpenTsdbPoint[] = [];
    const marks: [string, number][] = [];
    for await (const { service, datacenter: dc, route, snapshot, key } of cachedLists(
      inventory,
      (await readServices(inventory)).value,
    )) {
      // Stale data is the last good data again: recording it would invent points.
      if (snapshot.stale || this.written.get(key) === snapshot.fetchedAt) continue;
      const where = {
        datacenter: datacenterTag(service.serviceName, dc.name),
        servicename: service.serviceName,
      };
      for (const points of pointsByRow(this.catalog, route, snapshot.value, snapshot.fetchedAt, where)) {
        await pacer.pace();
        fresh.push(...points);
      }
      marks.push([key, snapshot.fetchedAt]);
    }
    for (const [key, fetchedAt] of marks) this.written.set(key, fetchedAt);
    const result = await this.pending.flush(fresh, (batch) => this.options.target.put(batch, this.stopped));
    if (result.ok) return result.written;
    // Cut short by stop(): the points are kept like any others, and that is no failure to report.
    if (this.stopped.aborted) return 0;
    this.options.log.warn(
      {
        target: this.options.target.label,
        backlog: result.backlog,
        dropped: result.dropped,
        err: result.error,
      },
      'recording failed, keeping points to retry',
    );
    return 0;
  }
}
