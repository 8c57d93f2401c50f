import type { Measures } from '../carbonara/ingest';
import { invalidValue, isPlainObject, requireObject } from '../indexer/invalid-input';
import { parseNewMetric } from '../indexer/resource-body';
import { parseMeasures } from './measures';

// The bodies of the batch routes, validated whole before anything is looked up, as Gnocchi's
// deserialize_and_validate does: {metric id: measures} and {resource id: {metric name: measures, or the newer
// {archive_policy_name?, unit?, measures}}}.

export interface NamedMetricMeasures {
  readonly name: string;
  /** From the newer form; null fields when absent (the metric is then created with the defaults). */
  readonly spec: { readonly archivePolicyName: string | null; readonly unit: string | null };
  readonly measures: Measures;
}

export interface ResourceMeasures {
  /** The id as the client wrote it; the route maps it to a UUID for its creator. */
  readonly original: string;
  readonly metrics: readonly NamedMetricMeasures[];
}

export interface MetricMeasures {
  readonly id: string;
  readonly measures: Measures;
}

/** A body the byte reader already turned into entries (see batch-body-reader.ts), so that the route skips
 *  the general validation. */
export class DecodedBatch {
  constructor(
    readonly metrics: readonly MetricMeasures[] | null,
    readonly resources: readonly ResourceMeasures[] | null,
  ) {}
}

export const NO_SPEC = { archivePolicyName: null, unit: null } as const;

export function parseMetricBatch(body: unknown, nowUs: number): MetricMeasures[] {
  return Object.entries(requireObject(body, [])).map(([id, measures]) => ({
    id,
    measures: parseMeasures(measures, nowUs),
  }));
}

export function parseResourceBatch(body: unknown, nowUs: number): ResourceMeasures[] {
  return Object.entries(requireObject(body, [])).map(([original, rawMetrics]) => ({
    original,
    metrics: Object.entries(requireObject(rawMetrics, [original])).map(([name, raw]) => {
      if (!isPlainObject(raw)) return { name, spec: NO_SPEC, measures: parseMeasures(raw, nowUs) };
      if (!('measures' in raw)) throw invalidValue('required key not provided', [original, name, 'measures']);
      const { measures, ...rest } = raw;
      const parsed = parseNewMetric(rest, [original, name]);
      return {
        name,
        spec: 'existingId' in parsed ? NO_SPEC : parsed,
        measures: parseMeasures(measures, nowUs),
      };
    }),
  }));
}
