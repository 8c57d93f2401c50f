import { describe, expect, it } from 'vitest';
import { formatTimestamp, parsePyTimespan, toTimespanUs, toTimestampUs } from './timespan';

const S = 1_000_000;

describe('toTimespanUs', () => {
  it.each([
    ['60', 60 * S],
    [60, 60 * S],
    ['0.5', S / 2],
    ['1s', S],
    ['5min', 300 * S],
    ['1 day', 86_400 * S],
    ['1d', 86_400 * S],
    ['1h', 3_600 * S],
    ['2h30m', 9_000 * S],
    ['1 w 3 d', 10 * 86_400 * S],
    ['1:30', 90 * S],
    ['1:02:03', 3_723 * S],
    ['1.5 hours', 5_400 * S],
  ])('reads %j', (text, us) => {
    expect(toTimespanUs(text)).toBe(us);
  });

  it('refuses what Gnocchi refuses, with its messages', () => {
    expect(() => toTimespanUs('foobar')).toThrow('Unable to parse timespan');
    expect(() => toTimespanUs('0')).toThrow('Timespan must be positive');
    expect(() => toTimespanUs('-1 day')).toThrow('Timespan must be positive');
    expect(toTimespanUs('-1 day', true)).toBe(-86_400 * S);
    expect(() => toTimespanUs(null)).toThrow('Invalid timespan');
  });

  it('returns null from pytimeparse for text that is no timespan', () => {
    expect(parsePyTimespan('nonsense')).toBeNull();
    expect(parsePyTimespan('')).toBeNull();
  });
});

describe('toTimestampUs', () => {
  const now = Date.UTC(2026, 11, 6) * 1000;

  it('reads epoch seconds, ISO dates with offsets, and timespans relative to now', () => {
    expect(toTimestampUs('1425652437', now)).toBe(1_425_652_437 * S);
    expect(toTimestampUs(1425652437.5, now)).toBe(1_425_652_437.5 * S);
    expect(toTimestampUs('2015-03-06T14:33:57', now)).toBe(Date.UTC(2015, 2, 6, 14, 33, 57) * 1000);
    expect(toTimestampUs('2015-03-06T14:33:57.25+01:00', now)).toBe(
      (Date.UTC(2015, 2, 6, 13, 33, 57) + 250) * 1000,
    );
    expect(toTimestampUs('2015-03-06', now)).toBe(Date.UTC(2015, 2, 6) * 1000);
    expect(toTimestampUs('-1 day', now)).toBe(now - 86_400 * S);
  });

  it('refuses other text and times before the epoch', () => {
    expect(() => toTimestampUs('2015-13-01', now)).toThrow('Unable to convert timestamps');
    expect(() => toTimestampUs('yesterday', now)).toThrow('Unable to convert timestamps');
    expect(() => toTimestampUs('-5', now)).toThrow('Timestamp must be after Epoch');
  });
});

describe('formatTimestamp', () => {
  it('prints seconds, and microseconds only when there are some', () => {
    expect(formatTimestamp(Date.UTC(2015, 2, 6, 14, 33) * 1000)).toBe('2015-03-06T14:33:00+00:00');
    expect(formatTimestamp(Date.UTC(2015, 2, 6, 14, 33) * 1000 + 120)).toBe(
      '2015-03-06T14:33:00.000120+00:00',
    );
  });
});
