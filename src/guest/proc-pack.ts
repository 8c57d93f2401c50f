import type { ProcReport } from './reports';

// One process report packed into one blob, column by column, so a week of 150-process reports from 1 000 VMs
// stays a few GB: each column is a run of varints of the delta to the previous value, and a figure is stored
// as the integer the agent rounded it to (×10 or ×100) when that gives back the very same double, otherwise
// as its 8 raw bytes. Nothing is lost: unpacking returns the numbers the agent sent.

const FIGURE_COLUMNS = [
  'cpu_util',
  'mem',
  'disk_read',
  'disk_write',
  'running_time',
  'shutdown_time',
  'net_incoming',
  'net_outgoing',
] as const;
type FigureColumn = (typeof FIGURE_COLUMNS)[number];

/** A figure's tag, in the low two bits of its first varint. */
const TAG = { tenths: 0, hundredths: 1, raw: 2, none: 3 } as const;
const SCALES = [10, 100] as const;
/** Scaled integers stay below this so a zigzagged, tagged delta is still an exact double. */
const MAX_SCALED = 2 ** 47;

export interface UnpackedProc extends Omit<ProcReport, 'cmd'> {
  nameId: number;
}

class Writer {
  private buf = Buffer.allocUnsafe(256);
  private at = 0;

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  varint(value: number): void {
    this.room(8);
    let v = value;
    // Bit operations while the value fits 31 bits; arithmetic above, up to 2^53.
    while (v >= 0x80 && v < 0x80000000) {
      this.buf[this.at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    while (v >= 0x80) {
      this.buf[this.at++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.at++] = v;
  }

  float64(value: number): void {
    this.room(8);
    this.buf.writeDoubleLE(value, this.at);
    this.at += 8;
  }

  done(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.at));
  }
}

class Reader {
  private at = 0;
  private readonly buf: Buffer;
  constructor(blob: Uint8Array) {
    this.buf = Buffer.isBuffer(blob) ? blob : Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  }

  varint(): number {
    let value = 0;
    let factor = 1;
    for (;;) {
      const byte = this.buf[this.at++];
      if (byte === undefined) throw new Error('A packed process report ends early');
      value += (byte & 0x7f) * factor;
      if (byte < 0x80) return value;
      factor *= 0x80;
    }
  }

  float64(): number {
    const value = this.buf.readDoubleLE(this.at);
    this.at += 8;
    return value;
  }
}

const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

function writeInts(w: Writer, values: readonly number[]): void {
  let previous = 0;
  for (const value of values) {
    w.varint(zigzag(value - previous));
    previous = value;
  }
}

function readInts(r: Reader, count: number): number[] {
  const values = new Array<number>(count);
  let previous = 0;
  for (let i = 0; i < count; i++) {
    previous += unzigzag(r.varint());
    values[i] = previous;
  }
  return values;
}

/** The tag a figure packs best with: an exact ×10 or ×100 integer within range, else raw. */
function figureTag(value: number): number {
  for (let tag = 0; tag < SCALES.length; tag++) {
    const scale = SCALES[tag] ?? 1;
    const scaled = Math.round(value * scale);
    if (scaled / scale === value && Math.abs(scaled) < MAX_SCALED && !Object.is(value, -0)) return tag;
  }
  return TAG.raw;
}

function writeFigures(w: Writer, procs: readonly ProcReport[], column: FigureColumn): void {
  const previous = [0, 0];
  for (const proc of procs) {
    const value = proc[column];
    if (value === null) {
      w.varint(TAG.none);
      continue;
    }
    const tag = figureTag(value);
    if (tag === TAG.raw) {
      w.varint(TAG.raw);
      w.float64(value);
      continue;
    }
    const scaled = Math.round(value * (SCALES[tag] ?? 1));
    w.varint(zigzag(scaled - (previous[tag] ?? 0)) * 4 + tag);
    previous[tag] = scaled;
  }
}

function readFigures(r: Reader, count: number): (number | null)[] {
  const values = new Array<number | null>(count);
  const previous = [0, 0];
  for (let i = 0; i < count; i++) {
    const head = r.varint();
    const tag = head % 4;
    if (tag === TAG.none) values[i] = null;
    else if (tag === TAG.raw) values[i] = r.float64();
    else {
      previous[tag] = previous[tag]! + unzigzag((head - tag) / 4);
      values[i] = previous[tag] / SCALES[tag]!;
    }
  }
  return values;
}

/** `nameIds[i]` is the interned name of `procs[i].cmd`. */
export function packProcs(procs: readonly ProcReport[], nameIds: readonly number[]): Buffer {
  const w = new Writer();
  w.varint(procs.length);
  writeInts(
    w,
    procs.map((p) => p.pid),
  );
  writeInts(w, nameIds);
  for (const column of FIGURE_COLUMNS) writeFigures(w, procs, column);
  return w.done();
}

/** The pids and names only, which is all a search by name needs to skip a report. */
export function unpackNameIds(blob: Uint8Array): number[] {
  const r = new Reader(blob);
  const count = r.varint();
  readInts(r, count);
  return readInts(r, count);
}

export function unpackProcs(blob: Uint8Array): UnpackedProc[] {
  const r = new Reader(blob);
  const count = r.varint();
  const pids = readInts(r, count);
  const nameIds = readInts(r, count);
  const figures = {} as Record<FigureColumn, (number | null)[]>;
  for (const column of FIGURE_COLUMNS) figures[column] = readFigures(r, count);
  const at = (column: Exclude<FigureColumn, 'shutdown_time'>, i: number): number => {
    const value = figures[column][i];
    if (typeof value !== 'number') throw new Error(`A packed process report has no ${column}`);
    return value;
  };
  return pids.map((pid, i) => ({
    pid,
    nameId: nameIds[i] ?? 0,
    cpu_util: at('cpu_util', i),
    mem: at('mem', i),
    disk_read: at('disk_read', i),
    disk_write: at('disk_write', i),
    running_time: at('running_time', i),
    shutdown_time: figures.shutdown_time[i] ?? null,
    net_incoming: at('net_incoming', i),
    net_outgoing: at('net_outgoing', i),
  }));
}
