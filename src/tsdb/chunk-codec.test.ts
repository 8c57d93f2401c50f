import { describe, expect, it } from 'vitest';
import { decodeBuckets, decodePoints, encodeBuckets, encodePoints } from './chunk-codec';
import type { DataPoint, RollupBucket } from './store';

const START = Date.UTC(2026, 5, 1);

function points(values: readonly number[], stepMs = 120_000): DataPoint[] {
  return values.map((value, i) => ({ ts: START + i * stepMs, value, isInteger: Number.isInteger(value) }));
}

function roundTrip(input: DataPoint[]): DataPoint[] {
  return decodePoints(encodePoints(input));
}

describe('chunk codec', () => {
  it('round-trips values exact at 2 decimals, integers and an empty chunk', () => {
    const cents = points([12.34, 12.35, 0.01, 99.99, 0, 1500.5, 7]);
    expect(roundTrip(cents)).toEqual(cents);
    const integers = points([1, 2, 3, 4_000_000_000_000]);
    expect(roundTrip(integers)).toEqual(integers);
    expect(roundTrip([])).toEqual([]);
  });

  it('round-trips doubles that are exact at no decimal scale, bit for bit', () => {
    const percents = points([(1234 / 5678) * 100, (1 / 3) * 100, 0.1 + 0.2, Math.PI, -Number.MIN_VALUE]);
    expect(roundTrip(percents)).toEqual(percents);
  });

  it('round-trips NaN, infinities, -0 and values past 2^53', () => {
    const odd = points([NaN, Infinity, -Infinity, -0, 2 ** 60, -(2 ** 53) - 2, Number.MAX_VALUE]);
    expect(roundTrip(odd)).toEqual(odd);
    // toEqual does not tell 0 from -0.
    expect(Object.is(roundTrip(points([1, -0]))[1]?.value, -0)).toBe(true);
  });

  it('keeps each point integer flag and irregular timestamps', () => {
    const mixed: DataPoint[] = [
      { ts: START, value: 3, isInteger: true },
      { ts: START + 1, value: 3, isInteger: false },
      { ts: START + 125_000, value: 2.5, isInteger: false },
      { ts: START + 7 * 86_400_000, value: -4, isInteger: true },
    ];
    expect(roundTrip(mixed)).toEqual(mixed);
  });

  it('round-trips rollup buckets, sums that are not exact at 2 decimals included', () => {
    let sum = 0;
    const buckets: RollupBucket[] = Array.from({ length: 48 }, (_, i) => {
      sum += 0.1 * i + 1 / 7;
      return { ts: START + i * 1_800_000, count: i === 3 ? 14 : 15, sum, min: i / 100, max: (i * 31) % 17 };
    });
    expect(decodeBuckets(encodeBuckets(buckets))).toEqual(buckets);
  });

  it('stores a steady series in a few bytes a point', () => {
    const steady = points(
      Array.from({ length: 720 }, (_, i) => Math.round(5000 + 300 * Math.sin(i / 20)) / 100),
    );
    expect(encodePoints(steady).length).toBeLessThan(720 * 2);
  });
});
