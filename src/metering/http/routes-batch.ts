import type { FastifyInstance } from 'fastify';
import type { ArchivePolicy } from '../carbonara/archive-policy';
import { badRequest } from '../errors';
import { invalidValue, isPlainObject, requireObject } from '../indexer/invalid-input';
import type { MetricRecord } from '../indexer/model';
import { parseNewMetric } from '../indexer/resource-body';
import type { Measure } from '../storage/measure-store';
import type { MeteringEngine } from './engine';
import { currentUser, jsonBody, queryFlag } from './engine';
import { lookupMetric, resourceIdOf } from './lookup';
import { parseMeasures } from './measures';

// /v1/batch/metrics/measures (by metric id) and /v1/batch/resources/metrics/measures (by resource id and
// metric name, optionally creating the missing metrics): every measure is checked before any is stored, and
// all are stored in one durable write.

type Batch = { metricId: string; policy: ArchivePolicy; measures: readonly Measure[] }[];

export function registerBatch(app: FastifyInstance, engine: MeteringEngine): void {
  const { indexer } = engine;
  const entry = (metric: MetricRecord, measures: readonly Measure[]) => ({
    metricId: metric.id,
    policy: indexer.getArchivePolicy(metric.archivePolicyName),
    measures,
  });

  app.post('/v1/batch/metrics/measures', (request, reply) => {
    currentUser(request);
    const body = requireObject(jsonBody(request), []);
    const nowUs = engine.nowUs();
    const parsed = Object.entries(body).map(([id, measures]) => ({
      id,
      measures: parseMeasures(measures, nowUs),
    }));
    const missing = parsed.filter(({ id }) => {
      try {
        lookupMetric(indexer, id);
        return false;
      } catch {
        return true;
      }
    });
    if (missing.length > 0)
      throw badRequest(
        `Unknown metrics: ${missing
          .map(({ id }) => id)
          .sort()
          .join(', ')}`,
      );
    const batch: Batch = parsed.map(({ id, measures }) => entry(lookupMetric(indexer, id), measures));
    engine.store.addMeasuresBatch(batch.filter((b) => b.measures.length > 0));
    return reply.code(202).send();
  });

  app.post('/v1/batch/resources/metrics/measures', (request, reply) => {
    const creator = currentUser(request);
    const createMetrics = queryFlag(request, 'create_metrics');
    const body = requireObject(jsonBody(request), []);
    const nowUs = engine.nowUs();
    const unknownResources: { resource_id: string; original_resource_id: string }[] = [];
    const unknownMetrics: string[] = [];
    const toCreate: {
      resourceId: string;
      specs: { name: string; archivePolicyName: string | null; unit: string | null }[];
      measures: Measure[][];
    }[] = [];
    const batch: Batch = [];
    for (const [original, rawMetrics] of Object.entries(body)) {
      const resourceId = resourceIdOf(original, creator);
      const metrics = requireObject(rawMetrics, [original]);
      const resource = indexer.findResource('generic', resourceId);
      const pending: (typeof toCreate)[number] = { resourceId, specs: [], measures: [] };
      for (const [name, raw] of Object.entries(metrics)) {
        // The old form is the measures list itself; the new one {archive_policy_name?, unit?, measures}.
        let measuresRaw: unknown = raw;
        let spec = { archivePolicyName: null as string | null, unit: null as string | null };
        if (isPlainObject(raw)) {
          if (!('measures' in raw))
            throw invalidValue('required key not provided', [original, name, 'measures']);
          const { measures, ...rest } = raw;
          measuresRaw = measures;
          const parsedSpec = parseNewMetric(rest, [original, name]);
          if (!('existingId' in parsedSpec)) spec = parsedSpec;
        }
        const measures = parseMeasures(measuresRaw, nowUs);
        const metric = indexer.metricByName(resourceId, name);
        if (metric) batch.push(entry(metric, measures));
        else if (!createMetrics) unknownMetrics.push(`${resourceId}/${name}`);
        else if (!resource) {
          unknownResources.push({ resource_id: resourceId, original_resource_id: original });
          break;
        } else {
          pending.specs.push({ name, ...spec });
          pending.measures.push(measures);
        }
      }
      if (pending.specs.length > 0) toCreate.push(pending);
    }
    if (unknownResources.length > 0)
      throw badRequest({ cause: 'Unknown resources', detail: unknownResources });
    if (unknownMetrics.length > 0) throw badRequest(`Unknown metrics: ${unknownMetrics.sort().join(', ')}`);
    for (const { resourceId, specs, measures } of toCreate) {
      indexer
        .createNamedMetrics(resourceId, specs, creator)
        .forEach((metric, i) => batch.push(entry(metric, measures[i]!)));
    }
    engine.store.addMeasuresBatch(batch.filter((b) => b.measures.length > 0));
    return reply.code(202).send();
  });
}
