import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openMeasureStore } from '../storage/measure-store';
import type { ArchivePolicy } from './archive-policy';
import { measuresOf } from './ingest';

// The running Gnocchi 4.4.2 cannot store percentiles (its quantile calls numpy.int, which its numpy 1.24 no
// longer has), so these were recorded by running 4.4.2's own carbonara.py, with numpy.int read as int, on that
// numpy: fixtures/record-carbonara-quantiles.py (random measures, one batch, grouped from the first bucket).

interface Case {
  granularity: number;
  measures: [number, number][];
  aggregates: Record<string, [number, number][]>;
}

const CASES = JSON.parse(
  readFileSync(new URL('./fixtures/carbonara-4.4.2-quantiles.json', import.meta.url), 'utf8'),
) as Case[];

describe('percentiles, median and std as carbonara computes them', () => {
  it.each(CASES.map((c, i) => [i, c] as const))('case %i', (_i, recorded) => {
    const methods = Object.keys(recorded.aggregates);
    const policy: ArchivePolicy = {
      name: 'q',
      backWindow: 0,
      definition: [{ granularityUs: recorded.granularity * 1e6, points: null, timespanUs: null }],
      aggregationMethods: methods,
    };
    const store = openMeasureStore({});
    store.addMeasures(
      'm',
      policy,
      measuresOf(recorded.measures.map(([t, value]) => ({ timestampUs: t * 1e6, value }))),
    );
    for (const method of methods) {
      const { timestamps, values } = store.read('m', method, recorded.granularity * 1e6);
      expect([method, Array.from(timestamps, (t, i) => [t / 1e6, values[i]])]).toEqual([
        method,
        recorded.aggregates[method],
      ]);
    }
  });
});
