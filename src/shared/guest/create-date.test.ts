import { describe, expect, it } from 'vitest';
import { checkTimeZone, formatCreateDate, localTimeToEpochMs } from './create-date';

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

describe('localTimeToEpochMs', () => {
  it('reads a wall time in UTC with its microseconds', () => {
    expect(localTimeToEpochMs('2017-01-01T21:37:59.001065', 'UTC')).toBeCloseTo(
      Date.UTC(2017, 0, 1, 21, 37, 59) + 1.065,
      6,
    );
  });

  it('reads the unpadded month of the document and a date without fraction', () => {
    expect(localTimeToEpochMs('2017-1-01T21:37:58', 'UTC')).toBe(Date.UTC(2017, 0, 1, 21, 37, 58));
  });

  it('applies the zone offset of that date, summer and winter', () => {
    expect(localTimeToEpochMs('2024-01-15T12:00:00', 'Europe/Paris')).toBe(Date.UTC(2024, 0, 15, 11));
    expect(localTimeToEpochMs('2024-07-15T12:00:00', 'Europe/Paris')).toBe(Date.UTC(2024, 6, 15, 10));
    expect(localTimeToEpochMs('2016-12-20T20:21:56', 'Asia/Shanghai')).toBe(
      Date.UTC(2016, 11, 20, 12, 21, 56),
    );
    expect(localTimeToEpochMs('2024-07-15T12:00:00', 'America/New_York')).toBe(Date.UTC(2024, 6, 15, 16));
  });

  it('reads a wall time repeated when clocks go back as its first occurrence', () => {
    // Paris went from 03:00 CEST back to 02:00 CET on 2024-10-27: 02:30 happened at 00:30 and 01:30 UTC.
    expect(localTimeToEpochMs('2024-10-27T02:30:00', 'Europe/Paris')).toBe(Date.UTC(2024, 9, 27, 0, 30));
  });

  it('reads a wall time skipped when clocks go forward with the offset before the change', () => {
    // Paris went from 02:00 CET to 03:00 CEST on 2024-03-31: 02:30 never happened.
    expect(localTimeToEpochMs('2024-03-31T02:30:00', 'Europe/Paris')).toBe(Date.UTC(2024, 2, 31, 1, 30));
    expect(localTimeToEpochMs('2024-03-31T03:30:00', 'Europe/Paris')).toBe(Date.UTC(2024, 2, 31, 1, 30));
  });

  it('refuses what is not a date', () => {
    expect(localTimeToEpochMs('yesterday', 'UTC')).toBeNull();
    expect(localTimeToEpochMs('2017-02-30T10:00:00', 'UTC')).toBeNull();
    expect(localTimeToEpochMs('2017-01-01T24:00:00', 'UTC')).toBeNull();
  });
});
