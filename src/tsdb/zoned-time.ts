import { badRequest } from './errors';

// Wall-clock arithmetic in an IANA zone with nothing but Intl: calendar downsampling and human dates need
// local fields (midnight, the 1st of the month) and their instant, across DST changes.

export interface LocalFields {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** Throws OpenTSDB's error for a zone id the runtime does not know. */
export function checkTimezone(timezone: string): void {
  try {
    formatter(timezone);
  } catch {
    throw badRequest('The timezone specification could not be found');
  }
}

export function toLocalFields(epochMs: number, timezone: string): LocalFields {
  if (timezone === 'UTC') {
    const d = new Date(epochMs);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      ms: d.getUTCMilliseconds(),
    };
  }
  const fields: LocalFields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 };
  for (const part of formatter(timezone).formatToParts(epochMs)) {
    if (
      part.type === 'year' ||
      part.type === 'month' ||
      part.type === 'day' ||
      part.type === 'hour' ||
      part.type === 'minute' ||
      part.type === 'second'
    ) {
      fields[part.type] = Number(part.value);
    }
  }
  fields.ms = ((epochMs % 1000) + 1000) % 1000;
  return fields;
}

function asUtc(f: LocalFields): number {
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms);
}

function offsetAt(epochMs: number, timezone: string): number {
  return asUtc(toLocalFields(epochMs, timezone)) - epochMs;
}

/** The instant of a local wall-clock time; fields may overflow (day 32 is next month) like a lenient Calendar. */
export function fromLocalFields(fields: LocalFields, timezone: string): number {
  const wall = asUtc(fields);
  if (timezone === 'UTC') return wall;
  const first = wall - offsetAt(wall, timezone);
  return wall - offsetAt(first, timezone);
}

/** Day of week of a local date, 0 = Sunday (Java's en_US first day of week). */
export function dayOfWeek(fields: LocalFields): number {
  return new Date(Date.UTC(fields.year, fields.month - 1, fields.day)).getUTCDay();
}
