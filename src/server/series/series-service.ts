import { CATALOG, type Catalog, type MetricDefinition } from '@/shared/metrics/catalog';
import type { SeriesLine } from '@/shared/api/series';
import { OpenTsdbError, type OpenTsdbEndpoint, type OpenTsdbResult } from '../upstream/opentsdb/endpoint';
import { metricQuery, timeAxis, type EntityTags, type Range, type TimeAxis } from './plan';

// Reads an entity's history for a period: one OpenTSDB query per metric (avg, min, max), placed on the shared
// time axis. A metric the store has never seen is "no data", not an error: a fresh recorder has written nothing yet.

export interface EntitySeries extends TimeAxis {
  series: SeriesLine[];
  source: string;
}

const FUNCTIONS = ['avg', 'min', 'max'] as const;

function onAxis(result: OpenTsdbResult, index: Map<number, number>, length: number): (number | null)[] {
  const values = new Array<number | null>(length).fill(null);
  const entries: [number, unknown][] = Array.isArray(result.dps)
    ? result.dps
    : Object.entries(result.dps).map(([ts, v]) => [Number(ts), v]);
  for (const [ts, value] of entries) {
    const at = index.get(ts);
    if (at !== undefined && typeof value === 'number') values[at] = value;
  }
  return values;
}

export class SeriesService {
  constructor(
    /** History can live per PCC service (a metrics token is issued per service). */
    private readonly endpointFor: (serviceName: string) => Promise<OpenTsdbEndpoint>,
    private readonly now: () => number = Date.now,
    private readonly catalog: Catalog = CATALOG,
  ) {}

  async read(
    serviceName: string,
    tags: EntityTags,
    range: Range,
    signal?: AbortSignal,
  ): Promise<EntitySeries> {
    const axis = timeAxis(range, this.now());
    const endpoint = await this.endpointFor(serviceName);
    const index = new Map(axis.timestamps.map((t, i) => [t, i]));
    const lines = await Promise.all(
      this.catalog
        .metricsOf(tags.kind)
        .map((metric) => this.metric(endpoint, metric, tags, axis, index, signal)),
    );
    return { ...axis, series: lines.flat(), source: endpoint.label };
  }

  private async metric(
    endpoint: OpenTsdbEndpoint,
    metric: MetricDefinition,
    tags: EntityTags,
    axis: TimeAxis,
    index: Map<number, number>,
    signal?: AbortSignal,
  ): Promise<SeriesLine[]> {
    let results: OpenTsdbResult[];
    try {
      results = await endpoint.query(metricQuery(metric, tags, axis), signal);
    } catch (error) {
      if (error instanceof OpenTsdbError && error.unknownMetric) results = [];
      else throw error;
    }
    const lines = new Map<string, SeriesLine>();
    for (const result of results) {
      const fn = FUNCTIONS[result.query?.index ?? -1];
      if (!fn) continue;
      const nic = metric.nicField ? (result.tags.nicname ?? null) : null;
      const key = nic ?? '';
      const line = lines.get(key) ?? {
        metric: metric.name,
        unit: metric.unit,
        nic,
        avg: [],
        min: [],
        max: [],
      };
      line[fn] = onAxis(result, index, axis.timestamps.length);
      lines.set(key, line);
    }
    if (lines.size === 0) {
      // No data is shown as such: a line of nulls keeps the chart, its axis and its "no data" state.
      const empty = () => new Array<number | null>(axis.timestamps.length).fill(null);
      return [
        { metric: metric.name, unit: metric.unit, nic: null, avg: empty(), min: empty(), max: empty() },
      ];
    }
    return [...lines.values()].sort((a, b) => (a.nic ?? '').localeCompare(b.nic ?? ''));
  }
}
