import { describe, expect, it } from 'vitest';
import { getAggregator } from './aggregators';
import { javaDouble } from './json-output';
import { rate, DEFAULT_RATE_OPTIONS } from './rate';
import type { DataPoint } from './store';
import { parseDuration, parseTime } from './time-parse';

const NOW = 1_700_000_000_000;

describe('time parsing (DateTime.parseDateTimeString)', () => {
  it('reads ten digits or fewer as seconds and longer as milliseconds', () => {
    expect(parseTime(1356998400, NOW, 'UTC')).toBe(1356998400000);
    expect(parseTime('1356998400000', NOW, 'UTC')).toBe(1356998400000);
    expect(parseTime('1356998400.123', NOW, 'UTC')).toBe(1356998400123);
    expect(parseTime('1356998400500ms', NOW, 'UTC')).toBe(1356998400500);
  });

  it('takes the last character of a relative unit, lower-cased (5M-ago is five minutes)', () => {
    expect(parseTime('5M-ago', NOW, 'UTC')).toBe(NOW - 300_000);
    expect(parseTime('1n-ago', NOW, 'UTC')).toBe(NOW - 30 * 86_400_000);
    expect(parseTime('now', NOW, 'UTC')).toBe(NOW);
  });

  it('reads human dates in the query zone', () => {
    expect(parseTime('2013/01/01', NOW, 'UTC')).toBe(Date.UTC(2013, 0, 1));
    expect(parseTime('2013/01/01-12:30', NOW, 'America/Denver')).toBe(Date.UTC(2013, 0, 1, 19, 30));
    expect(() => parseTime('2013/1/1', NOW, 'UTC')).toThrow('Invalid absolute date: 2013/1/1');
  });

  it('rejects bad durations with OpenTSDB messages', () => {
    expect(() => parseDuration('0m')).toThrow('Zero or negative duration: 0m');
    expect(() => parseDuration('1')).toThrow('Invalid duration, must have an integer and unit: 1');
    expect(() => parseDuration('blah')).toThrow('Invalid duration (number): blah');
    expect(parseDuration('1000ms').ms).toBe(1000);
  });
});

describe('aggregators', () => {
  it('computes a population standard deviation', () => {
    expect(getAggregator('dev').runDouble([1, 2])).toBe(0.5);
  });

  it('truncates integer averages like Java longs', () => {
    expect(getAggregator('avg').runLong([150, 151])).toBe(150);
    expect(getAggregator('avg').runLong([-3, -4])).toBe(-3);
  });

  it('skips NaN in double mode and yields NaN when nothing is left', () => {
    expect(getAggregator('sum').runDouble([NaN, 2])).toBe(2);
    expect(getAggregator('min').runDouble([NaN, NaN])).toBeNaN();
  });

  it('uses the legacy Commons Math percentile and the upper median', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(getAggregator('p50').runDouble(values)).toBe(5.5);
    expect(getAggregator('p90').runDouble(values)).toBeCloseTo(9.9);
    expect(getAggregator('ep90r3').runDouble(values)).toBeCloseTo(9.9);
    expect(getAggregator('ep90r7').runLong(values)).toBe(9);
    expect(getAggregator('median').runDouble([4, 1, 3, 2])).toBe(3);
  });
});

describe('rate', () => {
  const pts = (values: number[]): DataPoint[] =>
    values.map((v, i) => ({ ts: (i + 1) * 10_000, value: v, isInteger: true }));

  it('starts with the hidden rate against time zero and goes negative on a decrease', () => {
    expect(rate(pts([10, 30, 20]), DEFAULT_RATE_OPTIONS).map((p) => p.value)).toEqual([1, 2, -1]);
  });

  it('drops resets, or zeroes rates above resetValue, for counters', () => {
    const counter = { ...DEFAULT_RATE_OPTIONS, counter: true, counterMax: 100 };
    expect(rate(pts([10, 30, 20, 40]), { ...counter, dropResets: true }).map((p) => p.ts)).toEqual([
      10_000, 20_000, 40_000,
    ]);
    expect(rate(pts([10, 30, 20]), counter).map((p) => p.value)).toEqual([1, 2, 9]);
    expect(rate(pts([10, 30, 20]), { ...counter, resetValue: 5 }).map((p) => p.value)).toEqual([1, 2, 0]);
  });
});

describe('Java double formatting', () => {
  it('writes doubles as Double.toString does', () => {
    expect(javaDouble(2)).toBe('2.0');
    expect(javaDouble(0.5)).toBe('0.5');
    expect(javaDouble(934998690641.5408)).toBe('9.349986906415408E11');
    expect(javaDouble(1e7)).toBe('1.0E7');
    expect(javaDouble(0.0001)).toBe('1.0E-4');
  });
});
