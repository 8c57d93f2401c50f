// create_date as the original server wrote it: the wall-clock time of its own zone with microseconds and no
// offset (the document's ObjectId 0x58690637 is 13:37:59 UTC and its create_date says 21:37:59).

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
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(seconds * 1000)) parts[part.type] = part.value;
  const text = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  last = { timeZone, seconds, text };
  return text;
}

/** `YYYY-MM-DDTHH:MM:SS.ffffff` in `timeZone`, from microseconds since the epoch. */
export function formatCreateDate(createdUs: number, timeZone: string): string {
  const seconds = Math.floor(createdUs / 1e6);
  return `${formatSecond(seconds, timeZone)}.${String(createdUs - seconds * 1e6).padStart(6, '0')}`;
}
