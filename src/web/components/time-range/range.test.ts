import { describe, expect, it } from 'vitest';
import { MAX_CUSTOM_RANGE_MS, MAX_HISTORY_MS } from '@/shared/api/series';
import { minuteStamp } from '@/web/lib/date-stamp';
import { fromInputValue, rangeProblem, rangeSearch, readRange, withRange } from './range';

const now = Date.UTC(2026, 10, 23, 14, 7, 30);
const HOUR = 3_600_000;

describe('readRange', () => {
  it('reads a period, and falls back to Day on none or an unknown one', () => {
    expect(readRange(new URLSearchParams('period=week')).range).toEqual({ period: 'week' });
    expect(readRange(new URLSearchParams('')).range).toEqual({ period: 'day' });
    expect(readRange(new URLSearchParams('period=decade')).range).toEqual({ period: 'day' });
  });

  it('reads a custom range in ISO 8601 or epoch ms', () => {
    const from = now - 6 * HOUR;
    expect(readRange(new URLSearchParams(`from=${new Date(from).toISOString()}&to=${now}`))).toEqual({
      range: { from, to: now },
    });
  });

  it('says why a custom range in the URL cannot be shown, and shows Day instead', () => {
    expect(readRange(new URLSearchParams(`from=${now}&to=${now - HOUR}`))).toEqual({
      range: { period: 'day' },
      problem: 'order',
    });
    expect(readRange(new URLSearchParams('from=yesterday&to=today')).problem).toBe('missing');
    expect(readRange(new URLSearchParams(`to=${now}`)).problem).toBe('missing');
  });
});

describe('rangeProblem', () => {
  it('accepts a range in the past within the server caps', () => {
    expect(rangeProblem(now - 7 * 24 * HOUR, now, now)).toBeUndefined();
    expect(rangeProblem(now - MAX_CUSTOM_RANGE_MS, now, now)).toBeUndefined();
  });

  it('rejects missing, reversed, future, too long and too old ranges', () => {
    expect(rangeProblem(Number.NaN, now, now)).toBe('missing');
    expect(rangeProblem(now, now, now)).toBe('order');
    expect(rangeProblem(now - HOUR, now + 2 * 60_000, now)).toBe('future');
    expect(rangeProblem(now - MAX_CUSTOM_RANGE_MS - 1, now, now)).toBe('tooLong');
    expect(rangeProblem(now - MAX_HISTORY_MS - HOUR, now - MAX_HISTORY_MS + HOUR, now)).toBe('tooOld');
  });

  it('takes an end typed in the current minute as now, not the future', () => {
    expect(rangeProblem(now - HOUR, Date.UTC(2026, 10, 23, 14, 8), now)).toBeUndefined();
  });
});

describe('URL and request', () => {
  it('writes the range into the URL, keeping the other parameters', () => {
    const params = new URLSearchParams('theme=dark&tz=utc&from=1&to=2');
    expect(withRange(params, { period: 'month' }).toString()).toBe('theme=dark&tz=utc&period=month');
    expect(withRange(params, { from: now - HOUR, to: now }).toString()).toBe(
      'theme=dark&tz=utc&from=2026-11-23T13%3A07%3A30.000Z&to=2026-11-23T14%3A07%3A30.000Z',
    );
  });

  it('asks the server for a period or for epoch-ms bounds', () => {
    expect(rangeSearch({ period: 'year' })).toBe('period=year');
    expect(rangeSearch({ from: 1000, to: 2000 })).toBe('from=1000&to=2000');
  });
});

describe('datetime-local values', () => {
  it('round-trips in UTC', () => {
    expect(minuteStamp(now, 'utc')).toBe('2026-11-23T14:07');
    expect(fromInputValue('2026-11-23T14:07', 'utc')).toBe(Date.UTC(2026, 10, 23, 14, 7));
  });

  it('reads local time in the browser’s zone', () => {
    const local = new Date(2026, 10, 23, 9, 30).getTime();
    expect(minuteStamp(local, 'local')).toBe('2026-11-23T09:30');
    expect(fromInputValue('2026-11-23T09:30', 'local')).toBe(local);
  });

  it('reads an empty or malformed value as no instant', () => {
    expect(fromInputValue('', 'utc')).toBeNaN();
    expect(fromInputValue('23/11/2026 09:30', 'local')).toBeNaN();
  });
});
