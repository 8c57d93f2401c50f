import { describe, expect, it } from 'vitest';
import { GnocchiError } from '../errors';
import { aggregate, type SeriesSource } from './evaluate';
import { parseOperations } from './operations';
import { pythonFixed, pythonFloatRepr } from './python-text';
import type { AggregatesQuery } from './query';

const S = 1_000_000;
const T0 = 1_420_070_400 * S;

function source(
  metricId: string,
  points: [number, number][],
  overrides: Partial<SeriesSource> = {},
): SeriesSource & { reads: unknown[] } {
  const reads: unknown[] = [];
  return {
    metricId,
    ref: metricId,
    aggregation: 'mean',
    granularitiesUs: [60 * S],
    aggregationMethods: ['mean', 'max'],
    reads,
    read(granularityUs, fromUs, toUs) {
      reads.push([granularityUs, fromUs, toUs]);
      const kept = points.filter(
        ([t]) => (fromUs === undefined || t >= fromUs) && (toUs === undefined || t < toUs),
      );
      return {
        timestamps: Float64Array.from(kept.map(([t]) => t)),
        values: Float64Array.from(kept.map(([, v]) => v)),
      };
    },
    ...overrides,
  };
}

const query = (q: Partial<AggregatesQuery> = {}): AggregatesQuery => ({
  details: false,
  groupby: [],
  useHistory: false,
  fill: 'dropna',
  ...q,
});

function failure(run: () => unknown): GnocchiError {
  try {
    run();
  } catch (error) {
    if (error instanceof GnocchiError) return error;
    throw error;
  }
  throw new Error('expected a GnocchiError');
}

describe('aggregate', () => {
  const A = 'aaaaaaaa-0000-4000-8000-000000000001';
  const B = 'bbbbbbbb-0000-4000-8000-000000000002';

  it('uses every common granularity, coarsest first', () => {
    const operations = parseOperations(`(aggregate sum (metric (${A} mean) (${B} mean)))`);
    const a = source(A, [[T0, 1]], { granularitiesUs: [60 * S, 300 * S, 3600 * S] });
    const b = source(B, [[T0, 2]], { granularitiesUs: [3600 * S, 60 * S] });
    expect(aggregate({ operations, sources: [a, b], query: query(), resourceMode: false })).toEqual({
      aggregated: [
        [T0, 3600 * S, 3],
        [T0, 60 * S, 3],
      ],
    });
  });

  it('refuses metrics without a common granularity, or without the one asked for', () => {
    const operations = parseOperations(`(metric (${A} mean) (${B} mean))`);
    const a = source(A, [], { granularitiesUs: [60 * S] });
    const b = source(B, [], { granularitiesUs: [300 * S] });
    expect(
      failure(() => aggregate({ operations, sources: [a, b], query: query(), resourceMode: false }))
        .description,
    ).toEqual({
      cause: 'Metrics cannot be aggregated',
      reason: 'No granularity match',
      detail: [
        [A, 'mean'],
        [B, 'mean'],
      ],
    });
    const asked = query({ granularityUs: 300 * S });
    expect(
      failure(() => aggregate({ operations, sources: [a, b], query: asked, resourceMode: false }))
        .description,
    ).toEqual({
      cause: 'Metrics cannot be aggregated',
      reason: 'Granularities are missing',
      detail: [[A, 'mean', 300]],
    });
  });

  it('answers 404 for an aggregation the archive policy does not keep', () => {
    const operations = parseOperations(`(metric ${A} rate:mean)`);
    const a = source(A, [], { aggregation: 'rate:mean' });
    const error = failure(() => aggregate({ operations, sources: [a], query: query(), resourceMode: false }));
    expect(error.status).toBe(404);
    expect(error.description).toEqual({
      cause: 'Metrics with unknown aggregation',
      detail: [[A, 'rate:mean']],
    });
  });

  it('reads from the start floored to the granularity up to the stop excluded', () => {
    const operations = parseOperations(`(metric ${A} mean)`);
    const a = source(A, [
      [T0, 1],
      [T0 + 60 * S, 2],
      [T0 + 120 * S, 3],
    ]);
    const result = aggregate({
      operations,
      sources: [a],
      query: query({ startUs: T0 + 30 * S, stopUs: T0 + 120 * S }),
      resourceMode: false,
    });
    expect(a.reads).toEqual([[60 * S, T0, T0 + 120 * S]]);
    expect(result).toEqual({
      [A]: {
        mean: [
          [T0, 60 * S, 1],
          [T0 + 60 * S, 60 * S, 2],
        ],
      },
    });
  });

  it('keys resource mode by resource, metric name and aggregation, and keeps NaN without a dropping fill', () => {
    const operations = parseOperations('(metric cpu.* mean)');
    const r1 = source('m1', [[T0, 1]], { resourceId: 'r1', metricName: 'cpu.util', ref: 'cpu.*' });
    const r1b = source('m2', [[T0 + 60 * S, 5]], { resourceId: 'r1', metricName: 'cpu.idle', ref: 'cpu.*' });
    const result = aggregate({
      operations,
      sources: [r1, r1b],
      query: query({ fill: 'null' }),
      resourceMode: true,
    });
    expect(result).toEqual({
      r1: {
        'cpu.util': {
          mean: [
            [T0, 60 * S, 1],
            [T0 + 60 * S, 60 * S, NaN],
          ],
        },
        'cpu.idle': {
          mean: [
            [T0, 60 * S, NaN],
            [T0 + 60 * S, 60 * S, 5],
          ],
        },
      },
    });
  });

  it('drops NaN and infinities under dropna and the forward/backward fills', () => {
    const operations = parseOperations(`(/ (metric ${A} mean) 0)`);
    const a = source(A, [
      [T0, 1],
      [T0 + 60 * S, 0],
      [T0 + 120 * S, -1],
    ]);
    for (const fill of ['dropna', 'ffill', 'full_bfill'] as const) {
      expect(aggregate({ operations, sources: [a], query: query({ fill }), resourceMode: false })).toEqual({
        [A]: { mean: [] },
      });
    }
    expect(aggregate({ operations, sources: [a], query: query({ fill: 0 }), resourceMode: false })).toEqual({
      [A]: {
        mean: [
          [T0, 60 * S, Infinity],
          [T0 + 60 * S, 60 * S, NaN],
          [T0 + 120 * S, 60 * S, -Infinity],
        ],
      },
    });
  });

  it('refuses a rolling window longer than the series', () => {
    const operations = parseOperations(`(rolling mean 3 (metric ${A} mean))`);
    const a = source(A, [[T0, 1]]);
    expect(
      failure(() => aggregate({ operations, sources: [a], query: query(), resourceMode: false })).description,
    ).toEqual({
      cause: 'Metrics cannot be aggregated',
      reason: "Rolling window '3' is greater than serie length '1'",
      detail: [[A, 'mean']],
    });
  });
});

describe('Python number formatting', () => {
  it.each([
    [12.125, 2, '12.12'],
    [12.375, 2, '12.38'],
    [0.5, 0, '0'],
    [1.5, 0, '2'],
    [100, 6, '100.000000'],
    [-0.001, 2, '-0.00'],
    [1e22, 2, '10000000000000000000000.00'],
  ])('%s with %s digits is %s', (value, digits, text) => {
    expect(pythonFixed(value, digits)).toBe(text);
  });

  it.each([
    [2, '2.0'],
    [0, '0.0'],
    [1e16, '1e+16'],
    [1.5e-5, '1.5e-05'],
    [0.0001, '0.0001'],
    [NaN, 'nan'],
  ])('repr(%s) is %s', (value, text) => {
    expect(pythonFloatRepr(value)).toBe(text);
  });
});
