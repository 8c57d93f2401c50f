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

/**
 * Points handed to the target at once, as a pass makes them. Holding a 20 000-VM pass's 260 000 points until
 * its end kept about 16 MB alive through the whole write, long enough for V8 to move them to its old
 * generation, whose pages it gives back only once the server has been quiet for a while.
 */
const POINTS_PER_WRITE = 10_000;

export interface RecorderOptions {
  inventory: InventoryService;
  target: OpenTsdbEndpoint;
  intervalMs: number;
  log: Log;
  /** Points kept for retry while the target is down, at most. */
  maxPending?: number;
  /** The metrics to record; the catalog's unless a test brings its own. */
  catalog?: Catalog;
  /** Points handed to the target at once; POINTS_PER_WRITE unless a test of a small inventory sets fewer. */
  pointsPerWrite?: number;
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
   * One pass: the new points of every cached inventory list, written as they are made, with any backlog first;
   * paced, so the API answers while a big infrastructure is recorded, and stop() ends it at its next slice.
   */
  async tick(): Promise<number> {
    const { inventory } = this.options;
    const pacer = new Pacer(this.stopped);
    const writer = this.passWriter();
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
        await writer.add(points);
      }
      marks.push([key, snapshot.fetchedAt]);
    }
    for (const [key, fetchedAt] of marks) this.written.set(key, fetchedAt);
    const { written, failure } = await writer.end();
    // Cut short by stop(): the points are kept like any others, and that is no failure to report.
    if (failure && !this.stopped.aborted) {
      this.options.log.warn(
        {
          target: this.options.target.label,
          backlog: this.pending.size,
          dropped: failure.dropped,
          err: failure.error,
        },
        'recording failed, keeping points to retry',
      );
    }
    return written;
  }

  /**
   * Hands a pass's points to the target a write at a time (pointsPerWrite). Once the target failed in this pass,
   * the rest go to the backlog untried: a store that is down would otherwise be asked, and waited for, each time.
   */
  private passWriter() {
    const put = (batch: OpenTsdbPoint[]) => this.options.target.put(batch, this.stopped);
    const perWrite = this.options.pointsPerWrite ?? POINTS_PER_WRITE;
    let fresh: OpenTsdbPoint[] = [];
    let written = 0;
    let failure: { error: unknown; dropped: number } | undefined;
    const write = async () => {
      const points = fresh;
      fresh = [];
      if (failure) {
        failure.dropped += this.pending.keep(points);
        return;
      }
      const result = await this.pending.flush(points, put);
      if (result.ok) written += result.written;
      else failure = { error: result.error, dropped: result.dropped };
    };
    return {
      add: async (points: readonly OpenTsdbPoint[]) => {
        for (const point of points) fresh.push(point);
        if (fresh.length >= perWrite) await write();
      },
      end: async () => {
        await write();
        return { written, failure };
      },
    };
  }
}
