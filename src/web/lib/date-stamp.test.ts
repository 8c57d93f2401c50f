import { describe, expect, it } from 'vitest';
import { dateStamp, minuteStamp } from './date-stamp';

describe('date stamps', () => {
  const lateEvening = Date.UTC(2026, 10, 23, 23, 30);

  it('writes an instant to the minute, in UTC or the browser’s zone', () => {
    expect(minuteStamp(lateEvening, 'utc')).toBe('2026-11-23T23:30');
    expect(minuteStamp(new Date(2026, 0, 2, 9, 5).getTime(), 'local')).toBe('2026-01-02T09:05');
  });

  it('writes the day of an instant', () => {
    expect(dateStamp(lateEvening, 'utc')).toBe('2026-11-23');
    expect(dateStamp(new Date(2026, 10, 24, 0, 30).getTime(), 'local')).toBe('2026-11-24');
  });
});
