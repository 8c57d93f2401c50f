import type { NameKind, SeriesRef } from './store';

// Metric names, tag keys and tag values seen so far, for OpenTSDB's UID checks and /api/suggest.

export class NameIndex {
  private readonly sets: Record<NameKind, Set<string>> = {
    metrics: new Set(),
    tagk: new Set(),
    tagv: new Set(),
  };

  addSeries(series: SeriesRef): void {
    this.sets.metrics.add(series.metric);
    for (const [k, v] of Object.entries(series.tags)) {
      this.sets.tagk.add(k);
      this.sets.tagv.add(v);
    }
  }

  has(kind: NameKind, name: string): boolean {
    return this.sets[kind].has(name);
  }

  suggest(kind: NameKind, prefix: string, max: number): string[] {
    return [...this.sets[kind]]
      .filter((n) => n.startsWith(prefix))
      .sort()
      .slice(0, max);
  }
}
