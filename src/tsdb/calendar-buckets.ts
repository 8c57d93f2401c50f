import type { DurationUnit } from './time-parse';
import { unitMs } from './time-parse';
import type { LocalFields } from './zoned-time';
import { dayOfWeek, fromLocalFields, toLocalFields } from './zoned-time';

// Port of OpenTSDB's DateTime.previousInterval: snap to a base (top of the second/minute/hour, midnight,
// 1st of the month, Jan 1) chosen from the unit and whether n divides it, then step n units forward.
// Sub-day units step in absolute time, day and longer units in wall-clock time of the zone.

function baseFields(f: LocalFields, n: number, unit: DurationUnit): LocalFields {
  const topOfSecond = { ...f, ms: 0 };
  const topOfMinute = { ...topOfSecond, second: 0 };
  const topOfHour = { ...topOfMinute, minute: 0 };
  const midnight = { ...topOfHour, hour: 0 };
  const monthStart = { ...midnight, day: 1 };
  const yearStart = { ...monthStart, month: 1 };
  switch (unit) {
    case 'ms':
      return 1000 % n === 0 ? topOfSecond : topOfMinute;
    case 's':
      return 60 % n === 0 ? topOfMinute : topOfHour;
    case 'm':
      return 60 % n === 0 ? topOfHour : midnight;
    case 'h':
      return 24 % n === 0 ? midnight : monthStart;
    case 'd':
      return n === 1 ? monthStart : yearStart;
    case 'w':
      return { ...midnight, day: midnight.day - dayOfWeek(midnight) };
    case 'n':
    case 'y':
      return yearStart;
  }
}

function addUnits(
  fields: LocalFields,
  epochMs: number,
  k: number,
  unit: DurationUnit,
  timezone: string,
): number {
  switch (unit) {
    case 'd':
      return fromLocalFields({ ...fields, day: fields.day + k }, timezone);
    case 'w':
      return fromLocalFields({ ...fields, day: fields.day + 7 * k }, timezone);
    case 'n':
      return fromLocalFields({ ...fields, month: fields.month + k }, timezone);
    case 'y':
      return fromLocalFields({ ...fields, year: fields.year + k }, timezone);
    default:
      return epochMs + k * unitMs(unit);
  }
}

/** Start of the calendar bucket holding `ts`. */
export function calendarBucketStart(ts: number, n: number, unit: DurationUnit, timezone: string): number {
  const base = baseFields(toLocalFields(ts, timezone), n, unit);
  const baseMs = fromLocalFields(base, timezone);
  if (unit === 'ms' || unit === 's' || unit === 'm' || unit === 'h') {
    const step = n * unitMs(unit);
    return baseMs + Math.floor((ts - baseMs) / step) * step;
  }
  let k = 0;
  while (addUnits(base, baseMs, (k + 1) * n, unit, timezone) <= ts) k++;
  return addUnits(base, baseMs, k * n, unit, timezone);
}

/** End (exclusive) of the calendar bucket starting at `bucketStart`. */
export function calendarBucketEnd(
  bucketStart: number,
  n: number,
  unit: DurationUnit,
  timezone: string,
): number {
  return addUnits(toLocalFields(bucketStart, timezone), bucketStart, n, unit, timezone);
}
