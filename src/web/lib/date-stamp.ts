import type { TimeZonePreference } from './preferences';

// Instants written the way machines read them (`2026-11-23T14:07`), in the zone the user reads times in: for
// file names and `datetime-local` inputs, where Intl's formats would change with the language.

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:MM` of `epochMs`, in UTC or the browser's zone. */
export function minuteStamp(epochMs: number, tz: TimeZonePreference): string {
  const d = new Date(epochMs);
  const [year, month, day, hours, minutes] =
    tz === 'utc'
      ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()]
      : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()];
  return `${year}-${pad(month)}-${pad(day)}T${pad(hours)}:${pad(minutes)}`;
}

/** `YYYY-MM-DD` of `epochMs`, in UTC or the browser's zone. */
export function dateStamp(epochMs: number, tz: TimeZonePreference): string {
  return minuteStamp(epochMs, tz).slice(0, 10);
}
