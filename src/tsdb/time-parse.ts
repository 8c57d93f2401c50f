import { badRequest } from './errors';
import { fromLocalFields } from './zoned-time';

// OpenTSDB's DateTime.parseDuration / parseDateTimeString, quirks included (the unit is the last character
// lower-cased, so `5M-ago` is five minutes; ten digits or fewer are seconds), because clients such as Grafana
// send exactly these forms and expect exactly these answers.

export type DurationUnit = 'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'n' | 'y';

export interface Duration {
  readonly count: number;
  readonly unit: DurationUnit;
  readonly ms: number;
}

const UNIT_MS: Record<DurationUnit, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  n: 30 * 86_400_000,
  y: 365 * 86_400_000,
};

export function unitMs(unit: DurationUnit): number {
  return UNIT_MS[unit];
}

export function parseDuration(text: string): Duration {
  let digits = 0;
  while (digits < text.length && text.charCodeAt(digits) >= 48 && text.charCodeAt(digits) <= 57) {
    digits++;
    if (digits >= text.length) throw badRequest(`Invalid duration, must have an integer and unit: ${text}`);
  }
  if (digits === 0) throw badRequest(`Invalid duration (number): ${text}`);
  const count = Number(text.slice(0, digits));
  if (!Number.isSafeInteger(count)) throw badRequest(`Invalid duration (number): ${text}`);
  if (count <= 0) throw badRequest(`Zero or negative duration: ${text}`);
  const last = text.toLowerCase().charAt(text.length - 1);
  let unit: DurationUnit;
  if (last === 's' && text.toLowerCase().charAt(text.length - 2) === 'm') unit = 'ms';
  else if (
    last === 's' ||
    last === 'm' ||
    last === 'h' ||
    last === 'd' ||
    last === 'w' ||
    last === 'n' ||
    last === 'y'
  )
    unit = last;
  else throw badRequest(`Invalid duration (suffix): ${text}`);
  const ms = count * UNIT_MS[unit];
  if (!Number.isSafeInteger(ms)) throw badRequest(`Duration must be < Long.MAX_VALUE ms: ${text}`);
  return { count, unit, ms };
}

const HUMAN_DATE = /^(\d{4})\/(\d{2})\/(\d{2})(?:[- ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses a query time (absolute, relative or human) into epoch milliseconds. */
export function parseTime(input: string | number, nowMs: number, timezone: string): number {
  const text = String(input).trim();
  if (text === '') throw badRequest(`Invalid time: ${text}`);
  if (/^\d+ms$/.test(text)) return Number(text.slice(0, -2));
  const lower = text.toLowerCase();
  if (lower === 'now') return nowMs;
  if (lower.endsWith('-ago')) return nowMs - parseDuration(text.slice(0, -4)).ms;
  if (text.includes('/') || text.includes(':')) return parseHumanDate(text, timezone);
  if (text.includes('.')) {
    if (!/^\d{10}\.\d{1,3}$/.test(text)) {
      throw badRequest(
        `Invalid time: ${text}. Millisecond timestamps must be in the format <seconds>.<ms> where the milliseconds are limited to 3 digits`,
      );
    }
    return Number(text.replace('.', ''));
  }
  if (!/^-?\d+$/.test(text)) throw badRequest(`Invalid time: ${text}. For input string: "${text}"`);
  const value = Number(text);
  if (value < 0) throw badRequest(`Invalid time: ${text}. Negative timestamps are not supported.`);
  if (!Number.isSafeInteger(value)) throw badRequest(`Invalid time: ${text}. For input string: "${text}"`);
  return text.length <= 10 ? value * 1000 : value;
}

function parseHumanDate(text: string, timezone: string): number {
  if (text.length !== 10 && text.length !== 16 && text.length !== 19) {
    throw badRequest(`Invalid absolute date: ${text}`);
  }
  const m = HUMAN_DATE.exec(text);
  if (!m) throw badRequest(`Invalid date: ${text}. Unparseable date: "${text}"`);
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  return fromLocalFields(
    {
      year: year ?? 0,
      month: month ?? 1,
      day: day ?? 1,
      hour: hour ?? 0,
      minute: minute ?? 0,
      second: second ?? 0,
      ms: 0,
    },
    timezone,
  );
}
