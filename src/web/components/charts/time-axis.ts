import { LOCALES } from '@/web/lib/format';
import type { Language, TimeZonePreference } from '@/web/lib/preferences';

// Time axis ticks on round hours, midnights or first days of the month in the zone the reader chose (UTC or
// local), so "00:00" on a Day graph is midnight where the reader says it is, not where the browser happens to be.

export type TickUnit = 'hour' | 'day' | 'month';

const STEPS: Record<TickUnit, { steps: number[]; most: number }> = {
  hour: { steps: [1, 2, 3, 6, 12], most: 8 },
  day: { steps: [1, 2, 3, 5, 7, 14], most: 8 },
  month: { steps: [1, 2, 3, 6, 12], most: 7 },
};
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Calendar {
  parts: (ms: number) => { y: number; mo: number; d: number; h: number };
  make: (y: number, mo: number, d: number, h: number) => number;
}

const CALENDARS: Record<TimeZonePreference, Calendar> = {
  utc: {
    parts: (ms) => {
      const t = new Date(ms);
      return { y: t.getUTCFullYear(), mo: t.getUTCMonth(), d: t.getUTCDate(), h: t.getUTCHours() };
    },
    make: (y, mo, d, h) => Date.UTC(y, mo, d, h),
  },
  local: {
    parts: (ms) => {
      const t = new Date(ms);
      return { y: t.getFullYear(), mo: t.getMonth(), d: t.getDate(), h: t.getHours() };
    },
    make: (y, mo, d, h) => new Date(y, mo, d, h).getTime(),
  },
};

function unitFor(spanMs: number): TickUnit {
  if (spanMs <= 2 * DAY) return 'hour';
  if (spanMs <= 112 * DAY) return 'day';
  return 'month';
}

const UNIT_MS: Record<TickUnit, number> = { hour: HOUR, day: DAY, month: 30 * DAY };

export interface TimeTicks {
  unit: TickUnit;
  ticks: number[];
}

export function timeTicks(from: number, to: number, tz: TimeZonePreference): TimeTicks {
  const unit = unitFor(to - from);
  const { steps, most } = STEPS[unit];
  const step = steps.find((s) => (to - from) / (s * UNIT_MS[unit]) <= most) ?? steps[steps.length - 1]!;
  const { parts, make } = CALENDARS[tz];
  const start = parts(from);
  // Calendar arithmetic (not fixed milliseconds), so months of 28–31 days and DST days stay aligned.
  const at = (i: number) => {
    if (unit === 'hour')
      return make(start.y, start.mo, start.d, Math.floor(start.h / step) * step + i * step);
    if (unit === 'day') return make(start.y, start.mo, start.d + i * step, 0);
    return make(start.y, start.mo - (start.mo % step) + i * step, 1, 0);
  };
  const ticks: number[] = [];
  for (let i = 0; at(i) <= to; i += 1) if (at(i) >= from) ticks.push(at(i));
  return { unit, ticks };
}

const TICK_FORMATS: Record<TickUnit, Intl.DateTimeFormatOptions> = {
  hour: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  day: { day: 'numeric', month: 'short' },
  month: { month: 'short', year: 'numeric' },
};

export function tickFormatter(
  lang: Language,
  tz: TimeZonePreference,
  unit: TickUnit,
): (ms: number) => string {
  const format = new Intl.DateTimeFormat(LOCALES[lang], {
    ...TICK_FORMATS[unit],
    timeZone: tz === 'utc' ? 'UTC' : undefined,
  });
  return (ms) => format.format(ms);
}

const INTERVAL_UNITS = [
  ['day', DAY],
  ['hour', HOUR],
  ['minute', 60_000],
] as const;

/** A sampling interval in words: "5 minutes", "2 hours", "1 day". */
export function intervalLabel(lang: Language, intervalMs: number): string {
  const [unit, size] = INTERVAL_UNITS.find(([, ms]) => intervalMs % ms === 0) ?? INTERVAL_UNITS[2];
  return new Intl.NumberFormat(LOCALES[lang], { style: 'unit', unit, unitDisplay: 'long' }).format(
    intervalMs / size,
  );
}
