import { lowerBound } from './downsampler';
import type {
  DataPoint,
  IncomingPoint,
  NameKind,
  ReadWindow,
  SeriesData,
  SeriesRef,
  TsdbStore,
} from './store';
import { seriesKey } from './store';
import { NameIndex } from './name-index';

// The default store: sorted arrays per series, binary-searched on read. Nothing survives the process.

interface MemorySeries {
  readonly ref: SeriesRef;
  readonly points: DataPoint[];
}

export class MemoryStore implements TsdbStore {
  private readonly series = new Map<string, MemorySeries>();
  private readonly byMetric = new Map<string, MemorySeries[]>();
  private readonly names = new NameIndex();

  findSeries(metric: string): Promise<readonly SeriesRef[]> {
    return Promise.resolve((this.byMetric.get(metric) ?? []).map((s) => s.ref));
  }

  readSeries(series: SeriesRef, window: ReadWindow): Promise<SeriesData> {
    const points = this.series.get(seriesKey(series))?.points ?? [];
    const from = lowerBound(points, window.startMs);
    const to = lowerBound(points, window.endMs + 1);
    return Promise.resolve({ kind: 'raw', points: points.slice(from, to) });
  }

  write(points: readonly IncomingPoint[]): Promise<void> {
    for (const p of points) {
      const key = seriesKey(p);
      let s = this.series.get(key);
      if (!s) {
        s = { ref: { metric: p.metric, tags: { ...p.tags } }, points: [] };
        this.series.set(key, s);
        const list = this.byMetric.get(p.metric);
        if (list) list.push(s);
        else this.byMetric.set(p.metric, [s]);
        this.names.addSeries(p);
      }
      insertPoint(s.points, { ts: p.ts, value: p.value, isInteger: p.isInteger });
    }
    return Promise.resolve();
  }

  hasMetric(metric: string): Promise<boolean> {
    return Promise.resolve(this.names.has('metrics', metric));
  }

  suggest(kind: NameKind, prefix: string, max: number): Promise<readonly string[]> {
    return Promise.resolve(this.names.suggest(kind, prefix, max));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Keeps points sorted with one per timestamp; the common case (a newer point) is an append. */
function insertPoint(points: DataPoint[], p: DataPoint): void {
  const last = points[points.length - 1];
  if (!last || last.ts < p.ts) {
    points.push(p);
    return;
  }
  const i = lowerBound(points, p.ts);
  if (points[i]?.ts === p.ts) points[i] = p;
  else points.splice(i, 0, p);
}
