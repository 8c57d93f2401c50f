import { tagsKey, type SeriesRef, type Tags } from './store';

// The SqliteStore's series in memory, to find a point's series id without asking the database. A 20 000-VM
// datacenter records 260 000 series, 13 for each VM, which differ only by metric. Kept as a map entry, a
// reference and a metric name each, they took 185 bytes a series (48 MB, measured on a heap snapshot; the
// names arrive as a fresh string with every point). Here a VM's tags (object, key string) are one entry whose
// ids are indexed by metric, and a metric is its name, once, and the entries that have it: 20 000 map entries
// instead of 260 000, and no object a series. References are made when asked for.

interface TagsEntry {
  readonly key: string;
  readonly tags: Tags;
  /** Series ids by metric ordinal. */
  readonly ids: number[];
}

interface MetricEntry {
  readonly name: string;
  readonly ordinal: number;
  readonly entries: TagsEntry[];
}

export class SeriesIndex {
  private readonly metrics = new Map<string, MetricEntry>();
  private readonly byTags = new Map<string, TagsEntry>();

  idOf(series: SeriesRef): number | undefined {
    const metric = this.metrics.get(series.metric);
    return metric && this.byTags.get(tagsKey(series.tags))?.ids[metric.ordinal];
  }

  /** Remembers a series; its tags are copied (or shared with another series that has the same). */
  add(id: number, series: SeriesRef): SeriesRef {
    const key = tagsKey(series.tags);
    let entry = this.byTags.get(key);
    if (!entry) {
      entry = { key, tags: { ...series.tags }, ids: [] };
      this.byTags.set(key, entry);
    }
    let metric = this.metrics.get(series.metric);
    if (!metric) {
      metric = { name: series.metric, ordinal: this.metrics.size, entries: [] };
      this.metrics.set(metric.name, metric);
    }
    if (entry.ids[metric.ordinal] === undefined) metric.entries.push(entry);
    entry.ids[metric.ordinal] = id;
    return { metric: metric.name, tags: entry.tags };
  }

  ofMetric(metric: string): readonly SeriesRef[] {
    const found = this.metrics.get(metric);
    return found ? found.entries.map((entry) => ({ metric: found.name, tags: entry.tags })) : [];
  }

  ids(): number[] {
    return [...this.metrics.values()].flatMap((m) => m.entries.map((entry) => entry.ids[m.ordinal]!));
  }
}
