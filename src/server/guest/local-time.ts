// The guest service writes create_date as wall-clock time in its own time zone, with no offset (the original
// stored datetime.now()). Turning it into an instant needs that zone's offset at that wall time, which moves
// with daylight saving: Intl knows the zone's rules, so the offset is read from it, not assumed.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at instant `ms`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(ms))
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
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
