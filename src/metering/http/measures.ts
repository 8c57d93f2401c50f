import { parseOperations } from '../aggregates/operations';
import type { AggregatesMeasures, MeasurePoint } from '../aggregates/evaluate';
import { aggregate } from '../aggregates/evaluate';
import type { GnocchiError } from '../errors';
import { argumentError, badRequest, notFound } from '../errors';
import type { MetricRecord } from '../indexer/model';
import type { Measures } from '../storage/measure-store';
import { formatTimestamp, toTimespanUs, toTimestampUs, TimespanError, US_PER_SECOND } from '../timespan';
import type { MeteringEngine } from './engine';

// The measures of one metric: the body of POST …/measures, and GET …/measures as MetricController.get_measures
// reads them (every granularity of the policy, coarsest first, or the one asked for; start/stop; resample).

function invalidMeasures(reason: string): GnocchiError {
  return badRequest({ cause: 'Invalid input', reason, detail: [] });
}

/** float(value) as Python reads a measure's value: numbers, and strings that spell one. */
function measureValue(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase().replace(/_/g, '');
  if (/^[+-]?(nan|inf|infinity)$/.test(text))
    return text.includes('nan') ? NaN : text.startsWith('-') ? -Infinity : Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(text)) return null;
  return Number(text);
}

/** A list of `{timestamp, value}`; Gnocchi iterates a JSON object's (absent) items, so `{}` is no measures. */
export function parseMeasures(body: unknown, nowUs: number): Measures {
  if (typeof body === 'object' && body !== null && !Array.isArray(body))
    return { timestampsUs: new Float64Array(0), values: new Float64Array(0) };
  if (!Array.isArray(body)) throw invalidMeasures('unexpected measures value');
  const timestampsUs = new Float64Array(body.length);
  const values = new Float64Array(body.length);
  for (let i = 0; i < body.length; i++) {
    const item: unknown = body[i];
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw invalidMeasures('unexpected measures value');
    const { timestamp, value } = item as Record<string, unknown>;
    try {
      timestampsUs[i] = toTimestampUs(timestamp, nowUs);
    } catch (error) {
      if (!(error instanceof TimespanError)) throw error;
      throw invalidMeasures("unexpected timestamp 'Unable to convert timestamps'");
    }
    const parsed = typeof value === 'number' ? value : measureValue(value);
    if (parsed === null) throw invalidMeasures('unexpected measures value');
    values[i] = parsed;
  }
  return { timestampsUs, values };
}

export async function addMeasures(
  engine: MeteringEngine,
  metric: MetricRecord,
  body: unknown,
): Promise<void> {
  const measures = parseMeasures(body, engine.nowUs());
  if (measures.timestampsUs.length === 0) return;
  await engine.store.addMeasures(
    metric.id,
    engine.indexer.getArchivePolicy(metric.archivePolicyName),
    measures,
  );
}

export interface MeasuresQuery {
  readonly start?: string;
  readonly stop?: string;
  readonly aggregation?: string;
  readonly granularity?: string;
  readonly resample?: string;
}

function timestampArgument(name: string, value: string | undefined, nowUs: number): number | undefined {
  if (value === undefined) return undefined;
  try {
    return toTimestampUs(value, nowUs);
  } catch {
    throw argumentError(name, 'Must be a datetime or a timestamp');
  }
}

function timespanArgument(name: string, value: string): number {
  try {
    return toTimespanUs(value);
  } catch (error) {
    if (!(error instanceof TimespanError)) throw error;
    throw name === 'resample' ? badRequest(error.message) : argumentError(name, error.message);
  }
}

/** Python's str() of a granularity in seconds, as the 404 prints it (`300.0`). */
function seconds(us: number): string {
  const s = us / US_PER_SECOND;
  return Number.isInteger(s) ? `${s}.0` : String(s);
}

export function readMeasures(
  engine: MeteringEngine,
  metric: MetricRecord,
  query: MeasuresQuery,
): MeasurePoint[] {
  const nowUs = engine.nowUs();
  const aggregation = query.aggregation ?? 'mean';
  let resampleUs: number | undefined;
  if (query.resample !== undefined && query.resample !== '') {
    if (query.granularity === undefined) throw badRequest('A granularity must be specified to resample');
    resampleUs = timespanArgument('resample', query.resample);
  }
  const startUs = timestampArgument('start', query.start, nowUs);
  const stopUs = timestampArgument('stop', query.stop, nowUs);
  const policy = engine.indexer.getArchivePolicy(metric.archivePolicyName);
  const granularities =
    query.granularity === undefined
      ? policy.definition.map((d) => d.granularityUs)
      : [timespanArgument('granularity', query.granularity)];
  if (!policy.aggregationMethods.includes(aggregation))
    throw notFound({
      cause: 'Aggregation method does not exist for this metric',
      detail: { metric: metric.id, aggregation_method: aggregation },
    });
  for (const g of granularities) {
    if (!policy.definition.some((d) => d.granularityUs === g))
      throw notFound(
        `Aggregation method '${aggregation}' at granularity '${seconds(g)}' for metric ${metric.id} does not exist`,
      );
  }
  const sorted = [...granularities].sort((a, b) => b - a);
  if (resampleUs !== undefined)
    return resampled(engine, metric, aggregation, sorted, resampleUs, startUs, stopUs);
  const points: MeasurePoint[] = [];
  for (const g of sorted) {
    const { timestamps, values } = engine.store.read(metric.id, aggregation, g, startUs, stopUs);
    for (let i = 0; i < timestamps.length; i++) points.push([timestamps[i]!, g, values[i]!]);
  }
  return points;
}

/** Resampling is the aggregates engine's `(resample AGG G (metric ID AGG))` at the stored granularity. */
function resampled(
  engine: MeteringEngine,
  metric: MetricRecord,
  aggregation: string,
  granularities: readonly number[],
  resampleUs: number,
  startUs: number | undefined,
  stopUs: number | undefined,
): MeasurePoint[] {
  const policy = engine.indexer.getArchivePolicy(metric.archivePolicyName);
  const points: MeasurePoint[] = [];
  for (const g of granularities) {
    const measures: AggregatesMeasures = aggregate({
      operations: parseOperations([
        'resample',
        aggregation,
        resampleUs / US_PER_SECOND,
        ['metric', metric.id, aggregation],
      ]),
      sources: [
        {
          metricId: metric.id,
          ref: metric.id,
          aggregation,
          granularitiesUs: policy.definition.map((d) => d.granularityUs),
          aggregationMethods: policy.aggregationMethods,
          read: (granularityUs, fromUs, toUs) =>
            engine.store.read(metric.id, aggregation, granularityUs, fromUs, toUs),
        },
      ],
      query: { startUs, stopUs, granularityUs: g, details: false, groupby: [], useHistory: false },
      resourceMode: false,
    });
    points.push(...firstSeries(measures));
  }
  return points;
}

function firstSeries(measures: AggregatesMeasures): MeasurePoint[] {
  if ('aggregated' in measures && Array.isArray(measures.aggregated)) return measures.aggregated;
  for (const byAggregation of Object.values(measures)) {
    for (const series of Object.values(byAggregation as Record<string, unknown>)) {
      if (Array.isArray(series)) return series as MeasurePoint[];
    }
  }
  return [];
}

/** A point as Gnocchi writes it: ISO timestamp, granularity in seconds, value. */
export function pointJson([timestampUs, granularityUs, value]: MeasurePoint): [string, number, number] {
  return [formatTimestamp(timestampUs), granularityUs / US_PER_SECOND, value];
}
