import { CAPACITY_POLICY_NAME } from '@/shared/capacity/catalog';
import type { MetricValues } from '@/shared/metrics/catalog';
import { entityOfRoute, type EntityKind } from '@/shared/metrics/entities';
import { cachedLists, readServices, type CachedList } from '../inventory/cached-lists';
import type { InventoryService } from '../inventory/inventory-service';
import type { Log } from '../logging';
import { Pacer } from '../event-loop/pacer';
import { PeriodicRecorder } from '../recorder/periodic-recorder';
import { capacityUnit, capacityValues, type CapacityRows } from './capacity-measures';
import {
  datacenterResource,
  filerResource,
  hostResource,
  vmResource,
  type CapacityResource,
  type Placement,
} from './capacity-resources';
import { GnocchiRequestError, type GnocchiClient, type MeasuresBatch } from './gnocchi-client';
import {
  ResourceSync,
  scopeKey,
  type Observation,
  type ObservedResource,
  type ScopeKey,
  type SyncCounts,
} from './resource-sync';

// Capacity metering on every inventory poll: the resources follow the inventory (ResourceSync), then each
// freshly read list's capacity values go to the engine as measures stamped with the list's fetch time, in one
// batch per pass that also creates missing metrics under the rollup policy. Like the tsdb recorder it reads
// only the shared inventory cache, writes each refresh once, and keeps what it could not write to retry.

export interface CapacityRecorderOptions {
  inventory: InventoryService;
  writer: GnocchiClient;
  intervalMs: number;
  log: Log;
  /** Readings kept for retry while the engine is down, at most. */
  maxPending?: number;
  /** Measures per request: a big infrastructure's pass is sent in several (the backend's measuresPerRequest). */
  maxBatchMeasures?: number;
  /**
   * Runs once, after the first pass has created the resources and before it writes measures: Gnocchi drops a
   * measure older than its metric's newest one by more than the back window, so history goes in first.
   */
  beforeFirstWrite?: () => Promise<unknown>;
}

export interface Measure {
  resourceId: string;
  metric: string;
  unit: string | undefined;
  /** Epoch seconds. */
  timestamp: number;
  value: number;
}

/**
 * One resource's capacity values from one list. A pass keeps these, a reading per resource rather than a measure
 * per value (a VM has ten), and makes measures of them a request at a time: 20 000 objects for 20 000 VMs, not
 * 200 000 held for the whole pass.
 */
export interface Reading {
  resourceId: string;
  kind: EntityKind;
  /** Epoch seconds. */
  timestamp: number;
  values: MetricValues;
}

const measureCount = (readings: readonly Reading[]) =>
  readings.reduce((n, reading) => n + Object.keys(reading.values).length, 0);

/** The readings' measures, one at a time: a request's worth is never held as an array of its own. */
function* measuresOf(readings: readonly Reading[]): Generator<Measure> {
  for (const { resourceId, kind, timestamp, values } of readings) {
    for (const metric of Object.keys(values)) {
      yield { resourceId, metric, unit: capacityUnit(kind, metric), timestamp, value: values[metric]! };
    }
  }
}

/** Readings cut into requests of at most `max` measures; a reading is never split, even alone over it. */
function requestsOf(readings: readonly Reading[], max: number): Reading[][] {
  const requests: Reading[][] = [];
  let request: Reading[] = [];
  let size = 0;
  for (const reading of readings) {
    const count = Object.keys(reading.values).length;
    if (request.length > 0 && size + count > max) {
      requests.push(request);
      request = [];
      size = 0;
    }
    request.push(reading);
    size += count;
  }
  if (request.length > 0) requests.push(request);
  return requests;
}

export interface PassResult extends SyncCounts {
  /** Measures written in this pass, backlog included. */
  measures: number;
}

function resourceOf(
  list: CachedList,
  at: Placement,
  row: CachedList['snapshot']['value'][number],
): CapacityResource {
  switch (list.route) {
    case 'vms':
      return vmResource(at, row as CapacityRows['vm']);
    case 'hosts':
      return hostResource(at, row as CapacityRows['host']);
    case 'filers':
      return filerResource(at, row as CapacityRows['filer']);
  }
}

/** Measures grouped by resource and metric, the batch route's body. */
export function measuresBatch(measures: Iterable<Measure>): MeasuresBatch {
  const batch: MeasuresBatch = {};
  for (const m of measures) {
    const metrics = (batch[m.resourceId] ??= {});
    let metric = metrics[m.metric];
    if (!metric) {
      metric = { archive_policy_name: CAPACITY_POLICY_NAME, measures: [] };
      if (m.unit !== undefined) metric.unit = m.unit;
      metrics[m.metric] = metric;
    }
    metric.measures.push({ timestamp: m.timestamp, value: m.value });
  }
  return batch;
}

/** The engine refused the measures for good (a 4xx): sending them again would be refused again. */
const retryable = (error: unknown) =>
  !(error instanceof GnocchiRequestError && error.status >= 400 && error.status < 500);

export class CapacityRecorder extends PeriodicRecorder<Reading, PassResult> {
  private readonly sync: ResourceSync;
  private readonly written = new Map<string, number>();
  private beforeFirstWrite: (() => Promise<unknown>) | undefined;

  constructor(private readonly options: CapacityRecorderOptions) {
    super({
      intervalMs: options.intervalMs,
      // Ten passes of 20 000 VMs.
      maxPending: options.maxPending ?? 200_000,
      onPassError: (error) =>
        options.log.warn({ err: error, target: options.writer.label }, 'capacity metering pass failed'),
    });
    this.sync = new ResourceSync(options.writer);
    this.beforeFirstWrite = options.beforeFirstWrite;
  }

  /** One pass, paced: the API answers while a big infrastructure is metered, and stop() ends it at its next slice. */
  async tick(): Promise<PassResult> {
    const { inventory } = this.options;
    const pacer = new Pacer(this.stopped);
    const { value: services, fetchedAt: servicesAt } = await readServices(inventory);
    const resources: ObservedResource[] = [];
    const freshScopes = new Map<ScopeKey, number>();
    const fresh: Reading[] = [];
    const marks: [string, number][] = [];
    for (const service of services) {
      for (const dc of service.datacenters)
        resources.push({ ...datacenterResource(service, dc), seenAt: servicesAt });
    }
    for await (const list of cachedLists(inventory, services)) {
      const { service, datacenter, snapshot } = list;
      // A list that could not be read says nothing of what left: its resources are left as they are.
      if (snapshot.stale) continue;
      const kind = entityOfRoute(list.route);
      const at = {
        serviceName: service.serviceName,
        datacenterId: datacenter.datacenterId,
        datacenter: datacenter.name,
      };
      freshScopes.set(scopeKey(kind, at.serviceName, at.datacenterId), snapshot.fetchedAt);
      const record = this.written.get(list.key) !== snapshot.fetchedAt;
      const timestamp = snapshot.fetchedAt / 1000;
      for (const row of snapshot.value) {
        await pacer.pace();
        // OVH still lists a deleted VM for a while: it is gone all the same, and provisions nothing.
        if ('powerState' in row && row.powerState === 'deleted') continue;
        const resource = resourceOf(list, at, row);
        // Written out, not spread: see capacity-resources.ts.
        resources.push({
          type: resource.type,
          id: resource.id,
          attributes: resource.attributes,
          seenAt: snapshot.fetchedAt,
        });
        if (record)
          fresh.push({ resourceId: resource.id, kind, timestamp, values: capacityValues(kind, row) });
      }
      if (record) marks.push([list.key, snapshot.fetchedAt]);
    }
    const observation: Observation = {
      resources,
      freshScopes,
      serviceNames: services.map((s) => s.serviceName),
    };
    const counts = await this.sync.apply(observation, pacer);
    const first = this.beforeFirstWrite;
    this.beforeFirstWrite = undefined;
    await first?.().catch((error: unknown) =>
      this.options.log.warn({ err: error }, 'capacity history not written before the first measures'),
    );
    for (const [key, fetchedAt] of marks) this.written.set(key, fetchedAt);
    let written = 0;
    const result = await this.pending.flush(
      fresh.filter((reading) => this.sync.has(reading.resourceId)),
      async (readings) => {
        await this.write(readings, pacer);
        written = measureCount(readings);
      },
      retryable,
    );
    // Cut short by stop(): the measures are kept like any others, and that is no failure to report.
    if (!result.ok && !this.stopped.aborted) {
      this.options.log.warn(
        {
          target: this.options.writer.label,
          backlogReadings: result.backlog,
          dropped: result.dropped,
          err: result.error,
        },
        'capacity measures not written',
      );
    }
    if (counts.created + counts.patched + counts.ended > 0) {
      this.options.log.info({ ...counts }, 'capacity resources synchronised');
    }
    return { ...counts, measures: written };
  }

  /**
   * One request per pass, or several when the pass is bigger than a request should be. A retry after a partial
   * failure sends the written part again, which is harmless: a measure at a timestamp already held replaces it.
   */
  private async write(readings: readonly Reading[], pacer: Pacer): Promise<void> {
    for (const request of requestsOf(readings, this.options.maxBatchMeasures ?? Infinity)) {
      await pacer.pace();
      await this.options.writer.addMeasures(measuresBatch(measuresOf(request)));
    }
  }
}
