import type { MetricUnit } from '@/shared/metrics/catalog';
import type { Language, TimeZonePreference } from './preferences';

// Numbers, sizes, rates and dates in the reader's language, through the platform's Intl (CLDR data, every
// locale we ship): no hand-made unit strings that would read wrong in German or Chinese.

/** The Intl locale of each UI language. */
export const LOCALES: Record<Language, string> = {
  en: 'en-GB',
  fr: 'fr-FR',
  de: 'de-DE',
  es: 'es-ES',
  zh: 'zh-CN',
};

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], options);
    cache.set(key, format);
  }
  return format;
}

const DATA_UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;
/** The units sizes come in, as OVH and the summary write them (in any case: OVH writes `KB`). */
const SIZE_UNITS = ['kb', 'mb', 'gb', 'tb', 'pb'];
export type SizeUnit = 'kB' | 'MB' | 'GB' | 'TB' | 'PB';

/** A size from one unit to another, in 1024 steps; an unknown unit reads as kB, and "no value" stays so. */
export function convertSize(value: number | null | undefined, from: string, to: SizeUnit): number | null {
  if (value === null || value === undefined) return null;
  const power = (unit: string) => Math.max(0, SIZE_UNITS.indexOf(unit.toLowerCase()));
  return value * 1024 ** (power(from) - power(to));
}

export interface Formatter {
  lang: Language;
  tz: TimeZonePreference;
  number: (value: number | null | undefined, maximumFractionDigits?: number) => string;
  percent: (value: number | null | undefined) => string;
  /** A size given in kB, shown in the largest unit that keeps it ≥ 1 (1 000 kB → 1 MB… with 1024 steps). */
  sizeKb: (value: number | null | undefined) => string;
  /** A size given in `unit` (`MB`, or an OVH size's own unit), scaled as `sizeKb` does. */
  size: (value: number | null | undefined, unit: string) => string;
  rateKbps: (value: number | null | undefined) => string;
  ms: (value: number | null | undefined) => string;
  mhz: (value: number | null | undefined) => string;
  /** MHz used of a total, the total's unit serving both: "12.4 / 20 GHz". */
  mhzOf: (used: number | null | undefined, total: number | null | undefined) => string;
  /** A metric value in its catalog unit. */
  metric: (unit: MetricUnit, value: number | null | undefined) => string;
  /** Seconds as "12 d 3 h" or "5 h 2 min". */
  duration: (seconds: number | null | undefined) => string;
  time: (epochMs: number) => string;
  /** Hours and minutes only, for a moment a few minutes ahead ("until 14:05"). */
  clock: (epochMs: number) => string;
  dateTime: (epochMs: number) => string;
  date: (epochMs: number) => string;
}

export const NO_VALUE = '—';

function isNumber(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

export function createFormatter(lang: Language, tz: TimeZonePreference): Formatter {
  const timeZone = tz === 'utc' ? 'UTC' : undefined;
  const locale = LOCALES[lang];
  const timeFormat = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const clockFormat = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone,
  });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const zoneSuffix = tz === 'utc' ? ' UTC' : '';

  const number = (value: number | null | undefined, maximumFractionDigits = 1) =>
    isNumber(value) ? numberFormat(lang, { maximumFractionDigits }).format(value) : NO_VALUE;
  const ghz = (mhz: number | null | undefined) => number(isNumber(mhz) ? mhz / 1000 : null);

  const scaled = (value: number | null | undefined, perSecond: boolean) => {
    if (!isNumber(value)) return NO_VALUE;
    let unit = 0;
    let scaledValue = value;
    while (Math.abs(scaledValue) >= 1024 && unit < DATA_UNITS.length - 1) {
      scaledValue /= 1024;
      unit += 1;
    }
    return numberFormat(lang, {
      style: 'unit',
      unit: perSecond ? `${DATA_UNITS[unit]}-per-second` : DATA_UNITS[unit],
      maximumFractionDigits: Math.abs(scaledValue) < 10 ? 1 : 0,
    }).format(scaledValue);
  };

  const formatter: Formatter = {
    lang,
    tz,
    number,
    percent: (value) =>
      isNumber(value)
        ? numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100)
        : NO_VALUE,
    sizeKb: (value) => scaled(value, false),
    size: (value, unit) => scaled(convertSize(value, unit, 'kB'), false),
    rateKbps: (value) => scaled(value, true),
    ms: (value) =>
      isNumber(value)
        ? numberFormat(lang, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 1 }).format(value)
        : NO_VALUE,
    mhz: (value) => (isNumber(value) ? `${ghz(value)} GHz` : NO_VALUE),
    mhzOf: (used, total) => `${ghz(used)} / ${formatter.mhz(total)}`,
    metric: (unit, value) => {
      switch (unit) {
        case 'percent':
          return formatter.percent(value);
        case 'kB':
          return formatter.sizeKb(value);
        case 'KBps':
          return formatter.rateKbps(value);
        case 'ms':
          return formatter.ms(value);
        case 'pps':
        case 'iops':
          return isNumber(value) ? `${number(value, 0)} ${unit === 'pps' ? 'pkt/s' : 'IOPS'}` : NO_VALUE;
      }
    },
    duration: (seconds) => {
      if (!isNumber(seconds)) return NO_VALUE;
      const days = Math.floor(seconds / 86_400);
      const hours = Math.floor((seconds % 86_400) / 3_600);
      const minutes = Math.floor((seconds % 3_600) / 60);
      const unit = (value: number, name: 'day' | 'hour' | 'minute') =>
        numberFormat(lang, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);
      if (days > 0) return `${unit(days, 'day')} ${unit(hours, 'hour')}`;
      if (hours > 0) return `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`;
      return unit(minutes, 'minute');
    },
    time: (epochMs) => timeFormat.format(epochMs) + zoneSuffix,
    clock: (epochMs) => clockFormat.format(epochMs) + zoneSuffix,
    dateTime: (epochMs) => dateTimeFormat.format(epochMs) + zoneSuffix,
    date: (epochMs) => dateFormat.format(epochMs),
  };
  return formatter;
}

/** "m:ss" for a countdown, never negative. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
