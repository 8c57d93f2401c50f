// create_date, the guest service's one time field: the wall-clock time of the service's own zone with
// microseconds and no offset (the original stored datetime.now(); the document's ObjectId 0x58690637 is
// 13:37:59 UTC and its create_date says 21:37:59). The service writes it and the dashboard reads it back, so
// both directions live here, on the zone's rules as Intl knows them (offsets move with daylight saving).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

type WallFields = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;

function wallFields(ms: number, timeZone: string): WallFields {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) parts[part.type] = part.value;
  return parts as WallFields;
}

/** Throws a RangeError naming the zone when the runtime does not know it. */
export function checkTimeZone(timeZone: string): void {
  try {
    formatter(timeZone);
  } catch {
    throw new RangeError(`unknown time zone: ${timeZone}`);
  }
}

/** The last second formatted: the records of one report share it, and formatToParts is slow. */
let last = { timeZone: '', seconds: Number.NaN, text: '' };

function formatSecond(seconds: number, timeZone: string): string {
  if (last.seconds === seconds && last.timeZone === timeZone) return last.text;
  const f = wallFields(seconds * 1000, timeZone);
  const text = `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}:${f.second}`;
  last = { timeZone, seconds, text };
  return text;
}

/** `YYYY-MM-DDTHH:MM:SS.ffffff` in `timeZone`, from microseconds since the epoch. */
export function formatCreateDate(createdUs: number, timeZone: string): string {
  const seconds = Math.floor(createdUs / 1e6);
  return `${formatSecond(seconds, timeZone)}.${String(createdUs - seconds * 1e6).padStart(6, '0')}`;
}

/** The zone's offset from UTC at instant `ms`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const f = wallFields(ms, timeZone);
  const wall = Date.UTC(
    Number(f.year),
    Number(f.month) - 1,
    Number(f.day),
    Number(f.hour),
    Number(f.minute),
    Number(f.second),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

// The original wrote datetime.isoformat(); the document's samples also hold an unpadded month (2017-1-01).
const ZONE_SPAN_MS = 14 * 3_600_000;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/**
 * The instant (epoch ms, with the microseconds as a fraction) of a wall-clock `text` in `timeZone`, or null
 * when it is not a date. A wall time that happens twice when clocks go back reads as the first; one skipped
 * when they go forward reads as if the clocks had not moved yet.
 */
export function localTimeToEpochMs(text: string, timeZone: string): number | null {
  const match = LOCAL_DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const micros = Number((match[7] ?? '').padEnd(6, '0'));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23) return null;
  // Every zone's offset lies within ±14 h, so the offsets half a day either side of the wall time cover both
  // sides of any transition near it; the earliest instant whose offset maps back onto the wall time wins.
  const before = zoneOffsetMs(wall - ZONE_SPAN_MS, timeZone);
  const candidates = [before, zoneOffsetMs(wall, timeZone), zoneOffsetMs(wall + ZONE_SPAN_MS, timeZone)]
    .map((offset) => wall - offset)
    .filter((instant) => zoneOffsetMs(instant, timeZone) === wall - instant)
    .sort((a, b) => a - b);
  return (candidates[0] ?? wall - before) + micros / 1000;
}
