import { describe, expect, it } from 'vitest';
import { checkTimeZone, formatCreateDate } from './create-date';

describe('formatCreateDate', () => {
  it('writes the zone wall clock with microseconds and no offset, as the document does', () => {
    const us = Date.UTC(2017, 0, 1, 13, 37, 59) * 1000 + 680873;
    expect(formatCreateDate(us, 'Asia/Shanghai')).toBe('2017-01-01T21:37:59.680873');
    expect(formatCreateDate(us, 'UTC')).toBe('2017-01-01T13:37:59.680873');
    expect(formatCreateDate(Date.UTC(2026, 6, 1, 0, 0, 0) * 1000, 'Europe/Paris')).toBe(
      '2026-07-01T02:00:00.000000',
    );
  });

  it('refuses a zone the runtime does not know', () => {
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(/unknown time zone: Mars\/Olympus/);
    expect(() => checkTimeZone('Europe/Paris')).not.toThrow();
  });
});

describe('formatCreateDate across zones and seconds', () => {
  it('does not reuse a formatted second for another zone or second', () => {
    const us = Date.UTC(2017, 0, 1, 13, 37, 59) * 1000;
    expect(formatCreateDate(us + 1, 'UTC')).toBe('2017-01-01T13:37:59.000001');
    expect(formatCreateDate(us + 2, 'Asia/Shanghai')).toBe('2017-01-01T21:37:59.000002');
    expect(formatCreateDate(us + 1_000_003, 'Asia/Shanghai')).toBe('2017-01-01T21:38:00.000003');
  });
});
