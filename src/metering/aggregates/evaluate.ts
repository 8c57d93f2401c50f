// processor.get_measures / aggregated: which granularities, what is read, the grid, and the response shape.

import { badRequest, GnocchiError, notFound } from '../errors';
import { applyOverlap, buildGrid, dropsNonFinite } from './grid';
import { evaluateTree, type Evaluated } from './evaluate-tree';
import type { MetricRef, OperationNode } from './operations';
import type { AggregatesQuery } from './query';
import type { Column } from './resample';

export interface SeriesSource {
  /** What the output is keyed by: metric mode → metricId; resource mode → resourceId + metricName. */
  metricId: string;
  resourceId?: string;
  metricName?: string;
  /** The reference this column answers: the ref as written (id, name or wildcard) and the aggregation. */
  ref: string;
  aggregation: string;
  /** The metric's archive policy: its granularities (µs) and stored aggregation methods (expanded). */
  granularitiesUs: readonly number[];
  aggregationMethods: readonly string[];
  /** Reads the stored series of `aggregation` at `granularityUs`, timestamps in [fromUs, toUs). */
  read(granularityUs: number, fromUs: number | undefined, toUs: number | undefined): Column;
}

/** [timestamp µs, granularity µs, value]; the value may be NaN or ±Infinity. */
export type MeasurePoint = [timestampUs: number, granularityUs: number, value: number];
export type AggregatedMeasures = { aggregated: MeasurePoint[] };
export type MetricMeasures = Record<string, Record<string, MeasurePoint[]>>;
export type ResourceMeasures = Record<string, Record<string, Record<string, MeasurePoint[]>>>;
export type AggregatesMeasures = AggregatedMeasures | MetricMeasures | ResourceMeasures;

export interface AggregateRequest {
  operations: OperationNode;
  /** One per reference column, in Gnocchi's reference order. */
  sources: SeriesSource[];
  query: AggregatesQuery;
  resourceMode: boolean;
}

function nameOf(source: SeriesSource, resourceMode: boolean): string {
  return resourceMode ? (source.metricName ?? source.ref) : source.metricId;
}

/** Gnocchi's column key: the ref as written in resource mode, the metric's id in metric mode. */
function lookupKeyOf(source: SeriesSource, resourceMode: boolean): MetricRef {
  return { ref: resourceMode ? source.ref : source.metricId, aggregation: source.aggregation };
}

function chooseGranularities(request: AggregateRequest): number[] {
  const { sources, query, resourceMode } = request;
  let granularities: number[];
  if (query.granularityUs === undefined) {
    const seen = new Map<number, number>();
    for (const s of sources) for (const g of s.granularitiesUs) seen.set(g, (seen.get(g) ?? 0) + 1);
    granularities = [...seen].filter(([, n]) => n === sources.length).map(([g]) => g);
    if (granularities.length === 0) {
      throw badRequest({
        cause: 'Metrics cannot be aggregated',
        reason: 'No granularity match',
        detail: sources.map((s) => [nameOf(s, resourceMode), s.aggregation]),
      });
    }
  } else granularities = [query.granularityUs];
  const missing: unknown[] = [];
  for (const s of sources) {
    if (!s.aggregationMethods.includes(s.aggregation)) {
      throw notFound({ cause: 'Metrics with unknown aggregation', detail: [[s.metricId, s.aggregation]] });
    }
    const absent = granularities.find((g) => !s.granularitiesUs.includes(g));
    if (absent !== undefined) missing.push([nameOf(s, resourceMode), s.aggregation, absent / 1e6]);
  }
  if (missing.length > 0) {
    throw badRequest({
      cause: 'Metrics cannot be aggregated',
      reason: 'Granularities are missing',
      detail: missing,
    });
  }
  return granularities;
}

/** The stored series of one source: from the start floored to the granularity, up to the stop excluded. */
function readSeries(source: SeriesSource, granularityUs: number, query: AggregatesQuery): Column {
  const from =
    query.startUs === undefined ? undefined : Math.floor(query.startUs / granularityUs) * granularityUs;
  const read = source.read(granularityUs, from, query.stopUs);
  let first = 0;
  let end = read.timestamps.length;
  while (first < end && from !== undefined && read.timestamps[first]! < from) first++;
  while (end > first && query.stopUs !== undefined && read.timestamps[end - 1]! >= query.stopUs) end--;
  return { timestamps: read.timestamps.subarray(first, end), values: read.values.subarray(first, end) };
}

function append(target: MeasurePoint[], points: readonly MeasurePoint[]): void {
  for (const p of points) target.push(p);
}

function pointsOf(
  result: Evaluated,
  column: Float64Array | undefined,
  dropNonFinite: boolean,
): MeasurePoint[] {
  // Gnocchi indexes past the end here and answers 500.
  if (!column) throw new GnocchiError(500, 'The operations gave fewer series than references');
  const points: MeasurePoint[] = [];
  column.forEach((v, i) => {
    if (dropNonFinite && !Number.isFinite(v)) return;
    points.push([result.timestamps[i]!, result.granularityUs, v]);
  });
  return points;
}

/**
 * Gnocchi's `measures` of POST /v1/aggregates: `{aggregated: [...]}` once the tree combines series, else one
 * list per reference (metric mode: by metric id and aggregation; resource mode: by resource id, metric name
 * and aggregation). Granularities coarsest first. Throws Gnocchi's 400s and 404s.
 */
export function aggregate(request: AggregateRequest): AggregatesMeasures {
  const { operations, sources, query, resourceMode } = request;
  const granularities = [...chooseGranularities(request)].sort((a, b) => b - a);
  const lookupKeys = sources.map((s) => lookupKeyOf(s, resourceMode));
  const results = granularities.map((granularityUs) => {
    let grid = buildGrid(
      sources.map((s) => readSeries(s, granularityUs, query)),
      query.fill,
    );
    if (query.fill === undefined) {
      grid = applyOverlap(grid, {
        startGiven: query.startUs !== undefined,
        stopGiven: query.stopUs !== undefined,
        needed: query.neededOverlap ?? 100,
        detail: lookupKeys.map((k) => [k.ref, k.aggregation]),
      });
    }
    const base = { granularityUs, timestamps: grid.times, values: grid.columns, aggregated: false };
    return evaluateTree(operations, base, { base, lookupKeys });
  });
  const drop = dropsNonFinite(query.fill);
  const columnsOf = (r: Evaluated) => (typeof r.values === 'number' ? [] : r.values);
  if (results.some((r) => r.aggregated)) {
    return { aggregated: results.flatMap((r) => pointsOf(r, columnsOf(r)[0], drop)) };
  }
  const byMetric: MetricMeasures = {};
  const byResource: ResourceMeasures = {};
  for (const result of results) {
    sources.forEach((source, i) => {
      const points = pointsOf(result, columnsOf(result)[i], drop);
      if (resourceMode) {
        const resource = (byResource[source.resourceId ?? ''] ??= {});
        const metric = (resource[source.metricName ?? source.ref] ??= {});
        append((metric[source.aggregation] ??= []), points);
      } else {
        const metric = (byMetric[source.metricId] ??= {});
        append((metric[source.aggregation] ??= []), points);
      }
    });
  }
  return resourceMode ? byResource : byMetric;
}
