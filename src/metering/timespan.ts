// Gnocchi's time arguments: `utils.to_timespan` (seconds, or pytimeparse's forms such as `5min`, `1 day`,
// `2h30m`, `1:30`) and `utils.to_timestamp` (epoch seconds, an ISO date, or a timespan relative to now).
// Times are integer microseconds since the epoch: exact in a double until the year 2255, and finer than the
// second-precision timestamps Gnocchi prints.

import { pythonFloat } from './python-float';

export const US_PER_SECOND = 1_000_000;

const OPTSEP = (field: string) => `(?:${field}\\s*(?:[,/]\\s*)?)?`;
const WEEKS = '(?<weeks>[\\d.]+)\\s*(?:w|wks?|weeks?)';
const DAYS = '(?<days>[\\d.]+)\\s*(?:d|dys?|days?)';
const HOURS = '(?<hours>[\\d.]+)\\s*(?:h|hrs?|hours?)';
const MINS = '(?<mins>[\\d.]+)\\s*(?:m|(?:mins?)|(?:minutes?))';
const SECS = '(?<secs>[\\d.]+)\\s*(?:s|secs?|seconds?)';
const SECCLOCK = ':(?<secs>\\d{2}(?:\\.\\d+)?)';
const MINCLOCK = '(?<mins>\\d{1,2}):(?<secs>\\d{2}(?:\\.\\d+)?)';
const HOURCLOCK = '(?<hours>\\d+):(?<mins>\\d{2}):(?<secs>\\d{2}(?:\\.\\d+)?)';
const DAYCLOCK = '(?<days>\\d+):(?<hours>\\d{2}):(?<mins>\\d{2}):(?<secs>\\d{2}(?:\\.\\d+)?)';

/** pytimeparse 1.1's formats, in its order; the first whose match is not blank wins. */
const TIME_FORMATS = [
  `${OPTSEP(WEEKS)}\\s*${OPTSEP(DAYS)}\\s*${OPTSEP(HOURS)}\\s*${OPTSEP(MINS)}\\s*(?:${SECS})?`,
  MINCLOCK,
  `${OPTSEP(WEEKS)}\\s*${OPTSEP(DAYS)}\\s*${HOURCLOCK}`,
  DAYCLOCK,
  SECCLOCK,
].map((format) => new RegExp(`^\\s*${format}\\s*$`, 'i'));

const MULTIPLIERS: Readonly<Record<string, number>> = {
  weeks: 7 * 86_400,
  days: 86_400,
  hours: 3_600,
  mins: 60,
  secs: 1,
};

/** pytimeparse.parse: seconds, or null when the text is no timespan. */
export function parsePyTimespan(text: string): number | null {
  const signed = /^\s*(?<sign>[+|-])?\s*(?<unsigned>.*)$/s.exec(text);
  const sign = signed?.groups?.sign === '-' ? -1 : 1;
  const unsigned = signed?.groups?.unsigned ?? '';
  for (const format of TIME_FORMATS) {
    const match = format.exec(unsigned);
    if (!match || match[0].trim() === '') continue;
    let seconds = 0;
    for (const [unit, value] of Object.entries(match.groups ?? {})) {
      if (value === undefined) continue;
      const amount = Number(value);
      if (Number.isNaN(amount)) return null;
      seconds += (MULTIPLIERS[unit] ?? 0) * amount;
    }
    return sign * seconds;
  }
  return null;
}

export class TimespanError extends Error {}

/**
 * utils.to_timespan in microseconds: a number of seconds (as a number or its text) or a pytimeparse form.
 * Throws "Unable to parse timespan" or, unless allowed, "Timespan must be positive".
 */
export function toTimespanUs(value: unknown, allowLeZero = false): number {
  if (value === null || value === undefined) throw new TimespanError('Invalid timespan');
  let seconds: number | null =
    typeof value === 'number' ? value : typeof value === 'string' ? pythonFloat(value) : null;
  if (seconds === null && typeof value === 'string') seconds = parsePyTimespan(value);
  if (seconds === null || !Number.isFinite(seconds)) throw new TimespanError('Unable to parse timespan');
  const us = Math.trunc(seconds * US_PER_SECOND);
  if (!allowLeZero && us <= 0) throw new TimespanError('Timespan must be positive');
  return us;
}

/** The ISO forms numpy.datetime64 reads: a date, then optionally a time with fraction, then optionally an offset. */
const ISO =
  /^(?<y>\d{4})(?:-(?<mo>\d{2})(?:-(?<d>\d{2})(?:[T ](?<h>\d{2})(?::(?<mi>\d{2})(?::(?<s>\d{2})(?:\.(?<f>\d{1,9}))?)?)?(?<z>Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

function isoToUs(text: string): number | null {
  const m = ISO.exec(text.trim());
  const g = m?.groups;
  if (!g) return null;
  const field = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
  const month = field(g.mo, 1);
  const day = field(g.d, 1);
  const hour = field(g.h, 0);
  const minute = field(g.mi, 0);
  const second = field(g.s, 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(Number(g.y), month - 1, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day) return null;
  let us = ms * 1000 + Math.trunc(Number(`0.${g.f ?? '0'}`) * US_PER_SECOND + 1e-6);
  if (g.z !== undefined && g.z !== 'Z') {
    const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(g.z);
    if (!offset) return null;
    const minutes = Number(offset[2]) * 60 + Number(offset[3]);
    us -= (offset[1] === '-' ? -1 : 1) * minutes * 60 * US_PER_SECOND;
  }
  return us;
}

/**
 * utils.to_timestamp in microseconds: epoch seconds, an ISO date (an offset is converted to UTC), or a
 * timespan relative to `nowUs` ("-1 day"). Throws "Unable to convert timestamps" or
 * "Timestamp must be after Epoch".
 */
export function toTimestampUs(value: unknown, nowUs: number): number {
  let us: number | null = null;
  if (typeof value === 'number') us = Number.isFinite(value) ? Math.round(value * US_PER_SECOND) : null;
  else if (typeof value === 'string') {
    const seconds = pythonFloat(value);
    if (seconds !== null) us = Number.isFinite(seconds) ? Math.round(seconds * US_PER_SECOND) : null;
    else {
      us = isoToUs(value);
      if (us === null) {
        try {
          us = nowUs + toTimespanUs(value, true);
        } catch {
          us = null;
        }
      }
    }
  }
  if (us === null) throw new TimespanError('Unable to convert timestamps');
  if (us < 0) throw new TimespanError('Timestamp must be after Epoch');
  return us;
}

/** Answers repeat the same instants (each group of an aggregate has the same buckets): the latest are kept. */
const FORMATTED_KEPT = 4096;
const formatted = new Map<number, string>();

/** Gnocchi's JSON timestamp: ISO 8601 in UTC with `+00:00`, microseconds only when there are some. */
export function formatTimestamp(us: number): string {
  let text = formatted.get(us);
  if (text === undefined) {
    const seconds = Math.floor(us / US_PER_SECOND);
    const micros = us - seconds * US_PER_SECOND;
    const base = new Date(seconds * 1000).toISOString().slice(0, 19);
    text = `${base}${micros === 0 ? '' : `.${String(micros).padStart(6, '0')}`}+00:00`;
    if (formatted.size >= FORMATTED_KEPT) formatted.clear();
    formatted.set(us, text);
  }
  return text;
}
