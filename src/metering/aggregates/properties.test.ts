// Properties of the building blocks: resample's buckets, the overlap rule's trimming and the fill policies.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GnocchiError } from '../errors';
import { applyOverlap, buildGrid, type Fill } from './grid';
import { resampleColumn, type Column } from './resample';

const MINUTE = 60_000_000;

/** Ascending, distinct, minute-aligned timestamps with values (NaN allowed). */
const column = (maxLength = 30): fc.Arbitrary<Column> =>
  fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength }).chain((minutes) =>
    fc
      .array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN)), {
        minLength: minutes.length,
        maxLength: minutes.length,
      })
      .map((values) => {
        const sorted = [...minutes].sort((a, b) => a - b);
        return {
          timestamps: Float64Array.from(sorted.map((m) => 1_420_070_400_000_000 + m * MINUTE)),
          values: Float64Array.from(values),
        };
      }),
  );

const sampling = fc.integer({ min: 1, max: 240 }).map((m) => m * MINUTE);

describe('resample buckets', () => {
  it('puts every point in the bucket that floors its timestamp, once, in order', () => {
    fc.assert(
      fc.property(column(), sampling, (input, g) => {
        const out = resampleColumn(input, g, 'count');
        let total = 0;
        out.timestamps.forEach((t, i) => {
          expect(t % g).toBe(0);
          if (i > 0) expect(t).toBeGreaterThan(out.timestamps[i - 1]!);
          const inBucket = input.timestamps.filter((x) => x >= t && x < t + g).length;
          expect(out.values[i]).toBe(inBucket);
          total += inBucket;
        });
        expect(total).toBe(input.timestamps.length);
      }),
    );
  });

  it('keeps the first and last value of each bucket and the same buckets for every method', () => {
    fc.assert(
      fc.property(column(), sampling, (input, g) => {
        const first = resampleColumn(input, g, 'first');
        const last = resampleColumn(input, g, 'last');
        const mean = resampleColumn(input, g, 'mean');
        expect(Array.from(first.timestamps)).toEqual(Array.from(mean.timestamps));
        expect(Array.from(last.timestamps)).toEqual(Array.from(mean.timestamps));
        first.timestamps.forEach((t, i) => {
          const inside = input.timestamps.reduce<number[]>(
            (acc, x, j) => (x >= t && x < t + g ? [...acc, j] : acc),
            [],
          );
          expect(Object.is(first.values[i], input.values[inside[0]!])).toBe(true);
          expect(Object.is(last.values[i], input.values[inside[inside.length - 1]!])).toBe(true);
        });
      }),
    );
  });

  it('drops single-point buckets from std, as carbonara does', () => {
    fc.assert(
      fc.property(column(), sampling, (input, g) => {
        const count = resampleColumn(input, g, 'count');
        const std = resampleColumn(input, g, 'std');
        const kept = Array.from(count.timestamps).filter((_, i) => count.values[i]! > 1);
        expect(Array.from(std.timestamps)).toEqual(kept);
      }),
    );
  });

  it('bounds every percentile by the bucket’s min and max when the bucket has no NaN', () => {
    fc.assert(
      fc.property(column(), sampling, fc.integer({ min: 1, max: 99 }), (input, g, q) => {
        const finite = { ...input, values: input.values.map((v) => (Number.isNaN(v) ? 0 : v)) };
        const pct = resampleColumn(finite, g, `${q}pct`);
        const min = resampleColumn(finite, g, 'min');
        const max = resampleColumn(finite, g, 'max');
        pct.values.forEach((v, i) => {
          expect(v).toBeGreaterThanOrEqual(min.values[i]! - 1e-9 * Math.abs(min.values[i]!));
          expect(v).toBeLessThanOrEqual(max.values[i]! + 1e-9 * Math.abs(max.values[i]!));
        });
      }),
    );
  });
});

describe('the grid and its fills', () => {
  const columns = fc.array(column(12), { minLength: 1, maxLength: 4 });
  // Stored series have no NaN; the fills are about the grid's holes.
  const stored = columns.map((cs) =>
    cs.map((c) => ({ ...c, values: c.values.map((v) => (Number.isNaN(v) ? 1 : v)) })),
  );

  it('is the sorted union of the timestamps, with each stored value in its cell', () => {
    fc.assert(
      fc.property(stored, (series) => {
        const grid = buildGrid(series, undefined);
        const union = [...new Set(series.flatMap((s) => Array.from(s.timestamps)))].sort((a, b) => a - b);
        expect(Array.from(grid.times)).toEqual(union);
        series.forEach((s, c) =>
          s.timestamps.forEach((t, i) => expect(grid.columns[c]![union.indexOf(t)]).toBe(s.values[i])),
        );
      }),
    );
  });

  it('fills holes as each policy says', () => {
    const fills: Fill[] = ['null', 'dropna', 'ffill', 'bfill', 'full_ffill', 'full_bfill', 0, -2.5];
    fc.assert(
      fc.property(stored, fc.constantFrom(...fills), (series, fill) => {
        const bare = buildGrid(series, undefined);
        const grid = buildGrid(series, fill);
        grid.columns.forEach((column, c) => {
          const original = Array.from(bare.columns[c]!);
          const known = original.map((v, i) => (Number.isNaN(v) ? -1 : i));
          column.forEach((v, i) => {
            if (!Number.isNaN(original[i]!)) return expect(v).toBe(original[i]);
            const before = known
              .slice(0, i)
              .filter((k) => k >= 0)
              .pop();
            const after = known.slice(i + 1).find((k) => k >= 0);
            const at = (k: number | undefined) => (k === undefined ? NaN : original[k]!);
            const expected =
              typeof fill === 'number'
                ? fill
                : fill === 'ffill'
                  ? at(before)
                  : fill === 'bfill'
                    ? at(after)
                    : fill === 'full_ffill'
                      ? before !== undefined
                        ? at(before)
                        : at(after)
                      : fill === 'full_bfill'
                        ? after !== undefined
                          ? at(after)
                          : at(before)
                        : NaN;
            expect(Object.is(v, expected)).toBe(true);
          });
        });
      }),
    );
  });
});

describe('the overlap rule (no fill)', () => {
  const grids = fc.array(column(12), { minLength: 1, maxLength: 3 }).map((cs) =>
    buildGrid(
      cs.map((c) => ({ ...c, values: c.values.map((v) => (Number.isNaN(v) ? 1 : v)) })),
      undefined,
    ),
  );
  const full = (columns: readonly Float64Array[], r: number) => columns.every((c) => !Number.isNaN(c[r]!));

  it('cuts each unbounded side to the first or last common timestamp and keeps the bounded ones', () => {
    fc.assert(
      fc.property(grids, fc.boolean(), fc.boolean(), (grid, startGiven, stopGiven) => {
        const overlapRows = Array.from(grid.times.keys()).filter((r) => full(grid.columns, r));
        if (overlapRows.length === 0) return;
        const out = applyOverlap(grid, { startGiven, stopGiven, needed: 0, detail: [] });
        const n = out.times.length;
        if (!startGiven) expect(full(out.columns, 0)).toBe(true);
        else expect(out.times[0]).toBe(grid.times[0]);
        if (!stopGiven) expect(full(out.columns, n - 1)).toBe(true);
        else expect(out.times[n - 1]).toBe(grid.times[grid.times.length - 1]);
        const kept = Array.from(out.times.keys()).filter((r) => full(out.columns, r));
        expect(kept.length).toBe(overlapRows.length);
      }),
    );
  });

  it('refuses below the needed percentage, with Gnocchi’s message, and never above it', () => {
    fc.assert(
      fc.property(grids, fc.double({ min: 0.01, max: 100, noNaN: true }), (grid, needed) => {
        const overlap = Array.from(grid.times.keys()).filter((r) => full(grid.columns, r)).length;
        let error: unknown = null;
        try {
          applyOverlap(grid, { startGiven: true, stopGiven: true, needed, detail: [] });
        } catch (e) {
          error = e;
        }
        if (overlap === 0) {
          expect((error as GnocchiError).description).toMatchObject({ reason: 'No overlap' });
          return;
        }
        const percent = (overlap * 100) / grid.times.length;
        if (percent < needed) {
          const { cause, reason } = (error as GnocchiError).description as { cause: string; reason: string };
          expect(cause).toBe('Metrics cannot be aggregated');
          expect(reason).toMatch(
            /^Less than \d+\.\d{6}% of datapoints overlap in this timespan \(\d+\.\d{2}%\)$/,
          );
        } else expect(error).toBeNull();
      }),
    );
  });
});
