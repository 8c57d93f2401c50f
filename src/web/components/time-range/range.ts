import { MAX_CUSTOM_RANGE_MS, MAX_HISTORY_MS, PeriodSchema, type PeriodName } from '@/shared/api/series';
import { PERIODS } from '@/shared/metrics/catalog';
import { minuteStamp } from '@/web/lib/date-stamp';
import type { TimeZonePreference } from '@/web/lib/preferences';

// What the Graphs page shows, from its URL: `?period=week`, or `?from=…&to=…` (ISO 8601 or epoch ms) for a custom
// range. The custom range is checked here against the server's own caps so a mistake is explained beside the
// inputs instead of coming back as a 400.

export type GraphRange = { period: PeriodName } | { from: number; to: number };

export const DEFAULT_RANGE: GraphRange = { period: 'day' };

export type RangeProblem = 'missing' | 'order' | 'future' | 'tooLong' | 'tooOld';

function parseInstant(value: string | null): number {
  if (value === null || value.trim() === '') return Number.NaN;
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

/** Problems a custom range has without knowing the time: the URL's range is read with this. */
function shapeProblem(from: number, to: number): RangeProblem | undefined {
  if (!Number.isFinite(from) || !Number.isFinite(to)) return 'missing';
  if (from >= to) return 'order';
  if (to - from > MAX_CUSTOM_RANGE_MS) return 'tooLong';
  return undefined;
}

/** Every problem of a custom range at `now`; the form checks this before it writes the URL. */
export function rangeProblem(from: number, to: number, now: number): RangeProblem | undefined {
  const shape = shapeProblem(from, to);
  if (shape) return shape;
  // The inputs have minute precision: "now" typed in the current minute is not the future.
  if (to > Math.ceil(now / 60_000) * 60_000) return 'future';
  if (from < now - MAX_HISTORY_MS) return 'tooOld';
  return undefined;
}

export interface UrlRange {
  range: GraphRange;
  /** A custom range in the URL that cannot be shown: the page falls back to Day and says why. */
  problem?: RangeProblem;
}

export function readRange(params: URLSearchParams): UrlRange {
  if (params.has('from') || params.has('to')) {
    const from = parseInstant(params.get('from'));
    const to = parseInstant(params.get('to'));
    const problem = shapeProblem(from, to);
    return problem ? { range: DEFAULT_RANGE, problem } : { range: { from, to } };
  }
  const period = PeriodSchema.safeParse(params.get('period'));
  return { range: period.success ? { period: period.data } : DEFAULT_RANGE };
}

/** `params` showing `range`, every other parameter (theme, lang, tz, kiosk…) kept. */
export function withRange(params: URLSearchParams, range: GraphRange): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of ['period', 'from', 'to']) next.delete(key);
  if ('period' in range) next.set('period', range.period);
  else {
    next.set('from', new Date(range.from).toISOString());
    next.set('to', new Date(range.to).toISOString());
  }
  return next;
}

/** The series endpoint's query string for `range`. */
export function rangeSearch(range: GraphRange): string {
  return 'period' in range ? `period=${range.period}` : `from=${range.from}&to=${range.to}`;
}

/** The span a range covers, ending at `now` for the fixed periods. */
export function rangeBounds(range: GraphRange, now: number): { from: number; to: number } {
  return 'period' in range ? { from: now - PERIODS[range.period].rangeMs, to: now } : range;
}

/** The instant a `datetime-local` value (see `minuteStamp`) means in UTC or the browser's zone; NaN when empty or
 * malformed. */
export function fromInputValue(value: string, tz: TimeZonePreference): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return Number.NaN;
  return tz === 'utc' ? Date.parse(`${value}Z`) : new Date(value).getTime();
}

/** A range in an export's file name: `week`, or `2026-12-01T00:00_2026-12-04T00:00` in UTC. */
export function rangeFileLabel(range: GraphRange): string {
  return 'period' in range
    ? range.period
    : `${minuteStamp(range.from, 'utc')}_${minuteStamp(range.to, 'utc')}`;
}
