import { tagsKey, type SeriesRef, type Tags } from './store';

// The SqliteStore's series in memory, to find a point's series id without asking the database. A 20 000-VM
// datacenter records 260 000 series: keyed by their whole `seriesKey` they took about 90 MB (a key string, a
// reference and a tags object each). Here each VM's tags object and key string are kept once, shared by its 13
// metrics, and a series is its reference and its id in a map.

interface MetricSeries {
  readonly list: SeriesRef[];
  readonly idByTags: Map<string, number>;
}

export class SeriesIndex {
  private readonly metrics = new Map<string, MetricSeries>();
  private readonly sharedTags = new Map<string, { key: string; tags: Tags }>();

  idOf(series: SeriesRef): number | undefined {
    return this.metrics.get(series.metric)?.idByTags.get(tagsKey(series.tags));
  }

  /** Remembers a series; its tags are copied (or shared with another series that has the same). */
  add(id: number, series: SeriesRef): SeriesRef {
    const key = tagsKey(series.tags);
    let shared = this.sharedTags.get(key);
    if (!shared) {
      shared = { key, tags: { ...series.tags } };
      this.sharedTags.set(key, shared);
    }
    const ref: SeriesRef = { metric: series.metric, tags: shared.tags };
    let metric = this.metrics.get(series.metric);
    if (!metric) {
      metric = { list: [], idByTags: new Map() };
      this.metrics.set(series.metric, metric);
    }
    metric.list.push(ref);
    metric.idByTags.set(shared.key, id);
    return ref;
  }

  ofMetric(metric: string): readonly SeriesRef[] {
    return this.metrics.get(metric)?.list ?? [];
  }

  ids(): number[] {
    return [...this.metrics.values()].flatMap((m) => [...m.idByTags.values()]);
  }
}
