import { CATALOG, datacenterTag, type Catalog } from '@/shared/metrics/catalog';
import {
  ENTITY_KINDS,
  ENTITY_ROUTES,
  entityOfRoute,
  entityRef,
  type EntityIdentity,
  type EntityOfRoute,
  type EntityRoute,
} from '@/shared/metrics/entities';
import type { LiveFields } from '@/shared/metrics/live-fields';
import type { InventoryService } from '../inventory/inventory-service';
import type { ReadOptions } from '../inventory/refreshing-cache';
import type { Log } from '../logging';
import type { OpenTsdbEndpoint, OpenTsdbPoint } from '../upstream/opentsdb/endpoint';

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

/** One point per metric each row's live values yield, tagged as OVH's Metrics tagged the entity. */
function* pointsOf<R extends EntityRoute>(
  catalog: Catalog,
  route: R,
  rows: RecordedRows[R],
  timestamp: number,
  where: { datacenter: string; servicename: string },
): Generator<OpenTsdbPoint> {
  const kind = entityOfRoute(route);
  for (const row of rows) {
    const entityTag = { [ENTITY_KINDS[kind].tagKey]: entityRef(kind, row).tagValue };
    const tags = { datacenter: where.datacenter, ...entityTag, servicename: where.servicename };
    for (const [metric, value] of Object.entries(catalog.valuesOf(kind, row))) {
      yield { metric, timestamp, value, tags };
    }
  }
}

/**
 * Screens get the cached copy at once while a slow refresh runs. The recorder has no one waiting on it, and
 * when no screen is open its reads are what start the refreshes: served the copy, it would skip it as stale
 * and record the refresh an interval later, so refreshes, and points, would come every other interval.
 */
const UNTIL_REFRESHED: ReadOptions = { waitMs: Infinity };

export class Recorder {
  private readonly written = new Map<string, number>();
  private pending: OpenTsdbPoint[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly catalog: Catalog;

  constructor(private readonly options: RecorderOptions) {
    this.catalog = options.catalog ?? CATALOG;
  }

  start(): void {
    const run = () => {
      this.running ??= this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.options.log.warn({ err: error }, 'recorder tick failed'))
        .finally(() => (this.running = undefined));
    };
    run();
    this.timer = setInterval(run, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Points waiting for the target to come back. */
  get backlog(): number {
    return this.pending.length;
  }

  /** One pass: collect new points from every cached inventory list, then write them with any backlog. */
  async tick(): Promise<number> {
    const { inventory } = this.options;
    const fresh: OpenTsdbPoint[] = [];
    const marks: [string, number][] = [];
    for (const service of (await inventory.services({ kind: 'all' }, UNTIL_REFRESHED)).value) {
      for (const dc of service.datacenters) {
        const datacenter = datacenterTag(service.serviceName, dc.name);
        for (const route of ENTITY_ROUTES) {
          const key = `${service.serviceName}/${dc.datacenterId}/${route}`;
          const snapshot = await inventory.list(
            { kind: 'all' },
            service.serviceName,
            dc.datacenterId,
            route,
            UNTIL_REFRESHED,
          );
          // Stale data is the last good data again: recording it would invent points.
          if (snapshot.stale || this.written.get(key) === snapshot.fetchedAt) continue;
          const where = { datacenter, servicename: service.serviceName };
          for (const point of pointsOf(this.catalog, route, snapshot.value, snapshot.fetchedAt, where)) {
            fresh.push(point);
          }
          marks.push([key, snapshot.fetchedAt]);
        }
      }
    }
    for (const [key, fetchedAt] of marks) this.written.set(key, fetchedAt);
    const batch = [...this.pending, ...fresh];
    if (batch.length === 0) return 0;
    try {
      await this.options.target.put(batch);
      this.pending = [];
      return batch.length;
    } catch (error) {
      const max = this.options.maxPending ?? 500_000;
      const dropped = Math.max(0, batch.length - max);
      this.pending = batch.slice(dropped);
      this.options.log.warn(
        {
          target: this.options.target.label,
          backlog: this.pending.length,
          dropped,
          err: error,
        },
        'recording failed, keeping points to retry',
      );
      return 0;
    }
  }
}
