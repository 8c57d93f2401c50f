import { describe, expect, it } from 'vitest';
import { decodeBuckets, decodePoints, encodeBuckets, encodePoints } from './chunk-codec';
import type { DataPoint, RollupBucket } from './store';

const START = Date.UTC(2026, 5, 1);

function points(values: readonly number[], stepMs = 120_000): DataPoint[] {
  return values.map((value, i) => ({ ts: START + i * stepMs, value, isInteger: Number.isInteger(value) }));
}

function roundTrip(input: DataPoint[], startMs = START): DataPoint[] {
  return decodePoints(encodePoints(input, startMs), startMs);
}

function bucketsRoundTrip(input: RollupBucket[], startMs = START): RollupBucket[] {
  return decodeBuckets(encodeBuckets(input, startMs), startMs);
}

/** Object.is on every field: toEqual does not tell 0 from -0. */
function expectSameBits<T extends object>(actual: readonly T[], expected: readonly T[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    for (const [field, value] of Object.entries(expected[i]!))
      expect(Object.is(a[field as keyof T], value)).toBe(true);
  });
}

/** Percentages as the product computes them, of a fixed whole (a VM's MHz or MB) and an integer part. */
const percentOf = (whole: number, used: readonly number[]) => used.map((u) => (u / whole) * 100);

describe('chunk codec', () => {
  it('round-trips values exact at 2 decimals, integers and an empty chunk', () => {
    const cents = points([12.34, 12.35, 0.01, 99.99, 0, 1500.5, 7]);
    expect(roundTrip(cents)).toEqual(cents);
    const integers = points([1, 2, 3, 4_000_000_000_000]);
    expect(roundTrip(integers)).toEqual(integers);
    expect(roundTrip([])).toEqual([]);
    expect(bucketsRoundTrip([])).toEqual([]);
  });

  it('round-trips doubles that are exact at no decimal scale, bit for bit', () => {
    const percents = points([(1234 / 5678) * 100, (1 / 3) * 100, 0.1 + 0.2, Math.PI, -Number.MIN_VALUE]);
    expect(roundTrip(percents)).toEqual(percents);
  });

  it('round-trips NaN, infinities, -0 and values past 2^53', () => {
    const odd = points([NaN, Infinity, -Infinity, -0, 2 ** 60, -(2 ** 53) - 2, Number.MAX_VALUE]);
    expect(roundTrip(odd)).toEqual(odd);
    expectSameBits(roundTrip(points([1, -0])), points([1, -0]));
    expectSameBits(roundTrip(points([-0, -0, -0])), points([-0, -0, -0]));
    // Huge values exact at 0 decimals but past what a decimal integer holds exactly.
    const huge = points([2 ** 60, 2 ** 61, 2 ** 62]);
    expect(roundTrip(huge)).toEqual(huge);
  });

  it('keeps each point integer flag and irregular timestamps, before the span start too', () => {
    const mixed: DataPoint[] = [
      { ts: START - 5, value: 3, isInteger: true },
      { ts: START + 1, value: 3, isInteger: false },
      { ts: START + 125_000, value: 2.5, isInteger: false },
      { ts: START + 7 * 86_400_000, value: -4, isInteger: true },
    ];
    expect(roundTrip(mixed)).toEqual(mixed);
    expect(roundTrip(mixed, 0)).toEqual(mixed);
  });

  it('round-trips a single point and a single bucket', () => {
    for (const value of [42.5, NaN, -0, (7 / 2100) * 100]) {
      expectSameBits(roundTrip(points([value])), points([value]));
      const bucket = { ts: START, count: 1, sum: value, min: value, max: value };
      expectSameBits(bucketsRoundTrip([bucket]), [bucket]);
    }
  });

  it('round-trips rollup buckets, sums that are not exact at 2 decimals included', () => {
    let sum = 0;
    const buckets: RollupBucket[] = Array.from({ length: 48 }, (_, i) => {
      sum += 0.1 * i + 1 / 7;
      return { ts: START + i * 1_800_000, count: i === 3 ? 14 : 15, sum, min: i / 100, max: (i * 31) % 17 };
    });
    expect(bucketsRoundTrip(buckets)).toEqual(buckets);
  });

  it('round-trips buckets holding NaN, -0 and huge values, bit for bit', () => {
    const odd = [NaN, -0, 2 ** 60, -Number.MAX_VALUE, Infinity, 0.1 + 0.2];
    const buckets: RollupBucket[] = odd.map((v, i) => ({
      ts: START + i * 300_000,
      count: i + 1,
      sum: v,
      min: odd[(i + 1) % odd.length]!,
      max: odd[(i + 2) % odd.length]!,
    }));
    expectSameBits(bucketsRoundTrip(buckets), buckets);
  });

  it('stores a steady series in a few bytes a point', () => {
    const steady = points(
      Array.from({ length: 720 }, (_, i) => Math.round(5000 + 300 * Math.sin(i / 20)) / 100),
    );
    expect(roundTrip(steady)).toEqual(steady);
    expect(encodePoints(steady, START).length).toBeLessThan(720 * 2);
  });

  it('stores percentages of a fixed whole as integers, exactly and in under 2 bytes a point', () => {
    const used = Array.from({ length: 60 }, (_, i) => 1500 + Math.round(400 * Math.sin(i / 9)) + (i % 7));
    const cpu = points(percentOf(2100 * 4, used));
    expect(roundTrip(cpu)).toEqual(cpu);
    // The same values, one of them not of that whole: it costs its distance, the rest stay integers.
    const withStranger = points([...percentOf(8400, used.slice(1)), Math.E]);
    expect(roundTrip(withStranger)).toEqual(withStranger);
    // As doubles (or 4 decimals and a residual) such values took 5 to 6 bytes a point.
    expect(encodePoints(cpu, START).length).toBeLessThan(60 * 2);
  });

  it('stores a smooth curve in fewer bytes than its deltas would take', () => {
    const smooth = points(Array.from({ length: 60 }, (_, i) => Math.round(50_000 + 40 * i * i) / 100));
    expect(roundTrip(smooth)).toEqual(smooth);
    // Deltas grow by 0.8 a step, so they are all different; their own deltas are all alike.
    expect(encodePoints(smooth, START).length).toBeLessThan(40);
  });

  it('stores a bucket sum as its distance from count × the middle of its minimum and maximum', () => {
    // Days whose level jumps from one to the next, each of 720 points a cent or two apart.
    let seed = 7;
    const buckets: RollupBucket[] = Array.from({ length: 16 }, (_, i) => {
      seed = (seed * 48_271) % 2_147_483_647;
      const low = seed % 1_000_000;
      let sum = 0;
      for (let j = 0; j < 720; j++) sum += (low + (j % 3)) / 100;
      return { ts: START + i * 86_400_000, count: 720, sum, min: low / 100, max: (low + 2) / 100 };
    });
    expectSameBits(bucketsRoundTrip(buckets), buckets);
    // As deltas, the sums took 166 bytes here: each is some 720 × the day's jump away from the one before.
    expect(encodeBuckets(buckets, START).length).toBeLessThan(145);
  });

  it('still reads chunks written in format 1', () => {
    // encodePoints and encodeBuckets at format 1, which wrote absolute timestamps and decimal deltas.
    const v1Points = Buffer.from(
      'AT0Awv8BCoCw14fQZ4DTDgAAAP9AAADAwCgAaEAcrh0ZqgAUJ5mqAHpJmaoA4dKZqgBHdJmqAK6dmaoAAgAAAAAB',
      'base64',
    );
    expect(decodePoints(v1Points, START)).toEqual([
      { ts: START, value: 12.34, isInteger: false },
      { ts: START + 120_000, value: 12.35, isInteger: false },
      { ts: START + 240_000, value: 33.33333333333333, isInteger: false },
      { ts: START + 360_000, value: -0, isInteger: false },
      { ts: START + 480_000, value: 7, isInteger: true },
    ]);
    const v1Buckets = Buffer.from('Y2Rr2HC9/UJ6w93bjAxyDAyMP2SYmBgYGZmWCJ9gPMHIwMDAtEoEygIA', 'base64');
    expect(decodeBuckets(v1Buckets, START)).toEqual([
      { ts: START, count: 15, sum: 185.2, min: 12.34, max: 13.01 },
      { ts: START + 1_800_000, count: 15, sum: 185.29999999999998, min: 13.34, max: 14.01 },
      { ts: START + 3_600_000, count: 15, sum: 185.39999999999998, min: 14.34, max: 15.01 },
    ]);
  });
});
