import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openMeasureStore } from '../storage/measure-store';
import { formatTimestamp, toTimestampUs } from '../timespan';
import type { ArchivePolicy } from './archive-policy';
import { measuresOf } from './ingest';

// The conformance vectors (../conformance/gnocchi-public.json, copied from ../shared/conformance) carry, for each metric they load, its raw measures and the mean series Gnocchi
// stored for each granularity. Ingesting the raw measures must store exactly that series.

interface VectorMetric {
  id: string;
  granularities: number[];
  raw_measures: [string, number][];
  aggregated_mean_series: Record<string, [string, number][]>;
}
interface Vector {
  name: string;
  input?: { metrics?: VectorMetric[] };
}

const VECTORS = JSON.parse(
  readFileSync(new URL('../conformance/gnocchi-public.json', import.meta.url), 'utf8'),
) as Vector[];
const CASES = VECTORS.flatMap((vector) =>
  (vector.input?.metrics ?? []).map((metric) => [`${vector.name} ${metric.id}`, metric] as const),
);

describe('the vectors’ stored mean series', () => {
  it('has metrics to check', () => {
    expect(CASES.length).toBeGreaterThan(30);
  });

  it.each(CASES)('%s', (_name, metric) => {
    const policy: ArchivePolicy = {
      name: 'vector',
      backWindow: 0,
      definition: metric.granularities.map((g) => ({
        granularityUs: g * 1_000_000,
        points: null,
        timespanUs: null,
      })),
      aggregationMethods: ['mean'],
    };
    const store = openMeasureStore({});
    store.addMeasures(
      metric.id,
      policy,
      measuresOf(metric.raw_measures.map(([t, value]) => ({ timestampUs: toTimestampUs(t, 0), value }))),
    );
    for (const [granularity, expected] of Object.entries(metric.aggregated_mean_series)) {
      const { timestamps, values } = store.read(metric.id, 'mean', Number(granularity) * 1_000_000);
      const got = Array.from(timestamps, (t, i) => [formatTimestamp(t), values[i]]);
      expect(got).toEqual(expected);
    }
  });
});
