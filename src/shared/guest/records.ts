import type { GuestProcess, GuestVmPoint } from '../api/guest';
import type { PyRecord } from './py-literal';
import { PyObjectId, PyStr, type PyValue } from './py-value';

// The service's records in the dashboard's terms. Figures keep the agent's units; running_time and
// shutdown_time are epoch seconds from the agent (psutil's create_time); create_date is the service's wall
// clock, so reading it needs the service's time zone, which the caller brings as `readDate`.

/** Wall-clock create_date text to an instant (epoch ms), null when it is not a date. */
export type ReadDate = (text: string) => number | null;

/** A process record with the instant it was stored, null when the record has no readable date. */
export type GuestProcessRecord = GuestProcess & { at: number | null };

function figure(value: PyValue | undefined): number | null {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function text(value: PyValue | undefined): string | null {
  if (typeof value === 'string') return value;
  return value instanceof PyStr ? value.value : null;
}

function secondsToMs(value: PyValue | undefined): number | null {
  const seconds = figure(value);
  return seconds === null ? null : Math.round(seconds * 1000);
}

/** When the record was stored: its create_date, else the seconds its ObjectId starts with (MongoDB's). */
function storedAt(record: PyRecord, readDate: ReadDate): number | null {
  const date = text(record.value.create_date);
  const fromDate = date === null ? null : readDate(date);
  if (fromDate !== null) return fromDate;
  const id = record.value._id;
  return id instanceof PyObjectId && /^[0-9a-f]{24}$/i.test(id.hex)
    ? parseInt(id.hex.slice(0, 8), 16) * 1000
    : null;
}

function usage(record: PyRecord) {
  const v = record.value;
  return {
    cpuPercent: figure(v.cpu_util),
    memoryPercent: figure(v.mem),
    diskReadBps: figure(v.disk_read),
    diskWriteBps: figure(v.disk_write),
    netInBps: figure(v.net_incoming),
    netOutBps: figure(v.net_outgoing),
  };
}

/** A 611611 record as a point of the VM's history, null when nothing says when it was stored. */
export function vmPointOf(record: PyRecord, readDate: ReadDate): GuestVmPoint | null {
  const at = storedAt(record, readDate);
  if (at === null) return null;
  return { at, ...usage(record), processCount: figure(record.value.proc) };
}

/** A 611711 or 611712 record as a process; broken fields are carried, the rest read as usual. */
export function processOf(record: PyRecord, readDate: ReadDate): GuestProcessRecord {
  return {
    at: storedAt(record, readDate),
    pid: figure(record.value.pid),
    name: text(record.value.cmd) ?? '',
    ...usage(record),
    startedAt: secondsToMs(record.value.running_time),
    endedAt: secondsToMs(record.value.shutdown_time),
    brokenFields: record.brokenFields,
  };
}
