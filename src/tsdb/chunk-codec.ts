import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DataPoint, RollupBucket } from './store';

// A sealed span of one series (its raw points, or its buckets at one rollup level) as one compressed blob,
// column by column so deflate sees runs of alike bytes: timestamps from the span's start as deltas of deltas (a
// steady poll is all zeros), numbers as integers whenever every value of the column is, or is a unit in the last
// place from, one of two forms: a decimal (most vCenter figures have 2 decimals) or a percentage of a fixed
// whole (used / max × 100, as the product computes CPU and memory usage), the integers as deltas or deltas of
// deltas (a smooth curve); else as the XOR of each double with the one before, byte plane by byte plane. A
// bucket's sum may also be its distance from count × the middle of its minimum and maximum. Each column takes
// whichever deflates smallest. Every column round-trips bit for bit: a sealed span reads back
// exactly as the rows it replaced. Format 1 (absolute timestamps, decimals as deltas) is still read.

const FORMAT_VERSION = 2;
const FORMAT_1 = 1;
/** Decimal scales tried for a number column, 10^0 … 10^4. */
const MAX_DECIMALS = 4;
/**
 * A number column's first byte: decimals (0 … 4), PERCENT, or MIDDLE plus decimals, each plus ORDER_2 for
 * deltas of deltas; or DOUBLES.
 */
const ORDER_2 = 8;
const PERCENT = 16;
/** Bucket sums as decimals less count × the middle of the bucket's minimum and maximum. */
const MIDDLE = 32;
const DOUBLES = 255;
/** The largest whole a percentage column is taken of: a vCenter's MHz or MB stays well under. */
const MAX_WHOLE = 2 ** 32;
/** Integers stay well inside 2^53 so their deltas, deltas of deltas and zigzag codes are exact too. */
const MAX_SCALED = 2 ** 50;

class ByteWriter {
  private bytes = new Uint8Array(256);
  private length = 0;

  byte(value: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = value;
  }

  /** A signed safe integer, zigzag-mapped then written 7 bits a byte (arithmetic, not 32-bit operators). */
  signed(value: number): void {
    let z = value >= 0 ? value * 2 : -value * 2 - 1;
    while (z >= 128) {
      this.byte((z % 128) + 128);
      z = Math.floor(z / 128);
    }
    this.byte(z);
  }

  append(other: ByteWriter): void {
    for (let i = 0; i < other.length; i++) this.byte(other.bytes[i]!);
  }

  /**
   * About what finish() will take: a 512-byte window and the smallest hash cost half as much to set up, and a
   * column's choice only needs to compare like with like.
   */
  deflatedSize(): number {
    return deflateRawSync(this.bytes.subarray(0, this.length), { level: 9, windowBits: 9, memLevel: 1 })
      .length;
  }

  finish(): Buffer {
    return deflateRawSync(this.bytes.subarray(0, this.length), { level: 9 });
  }
}

class ByteReader {
  private offset = 0;
  private readonly bytes: Uint8Array;

  constructor(blob: Uint8Array) {
    this.bytes = inflateRawSync(blob);
  }

  byte(): number {
    const value = this.bytes[this.offset++];
    if (value === undefined) throw new Error('chunk ends early');
    return value;
  }

  signed(): number {
    let z = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      z += (b % 128) * scale;
      if (b < 128) break;
      scale *= 128;
    }
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }
}

/** The first timestamp's distance from `base`, then each step's change from the step before it. */
function writeTimestamps(out: ByteWriter, ts: readonly number[], base: number): void {
  let previous = ts[0] ?? base;
  let step = 0;
  out.signed(previous - base);
  for (const t of ts.slice(1)) {
    out.signed(t - previous - step);
    step = t - previous;
    previous = t;
  }
}

function readTimestamps(input: ByteReader, count: number, base: number): number[] {
  if (count === 0) return [];
  let previous = base + input.signed();
  const ts = [previous];
  let step = 0;
  for (let i = 1; i < count; i++) {
    step += input.signed();
    previous += step;
    ts.push(previous);
  }
  return ts;
}

const bits = new BigInt64Array(1);
const asDouble = new Float64Array(bits.buffer);

function bitsOf(value: number): bigint {
  asDouble[0] = value;
  return bits[0]!;
}

/** A form of number column: each value is `toValue` of an integer, give or take units in the last place. */
interface IntegerForm {
  readonly mode: number;
  /** Written after the mode byte: the whole of a percentage. */
  readonly parameter?: number;
  toInteger(value: number): number;
  toValue(integer: number): number;
}

function decimalForm(decimals: number): IntegerForm {
  const scale = 10 ** decimals;
  return { mode: decimals, toInteger: (v) => Math.round(v * scale), toValue: (n) => n / scale };
}

/** The decoder repeats the producer's own operations, (used / max) * 100: n / whole is the same double for any n/whole of equal ratio. */
function percentForm(whole: number): IntegerForm {
  return {
    mode: PERCENT,
    parameter: whole,
    toInteger: (v) => Math.round((v / 100) * whole),
    toValue: (n) => (n / whole) * 100,
  };
}

/**
 * Each value's integer in `form`, as deltas (order 1) or deltas of deltas (order 2), then its distance in units
 * in the last place from that integer's value. Undefined when an integer or a distance is too large to be exact.
 */
function integerColumn(
  values: readonly number[],
  form: IntegerForm,
  order: 1 | 2,
  base?: readonly number[],
): ByteWriter | undefined {
  const out = new ByteWriter();
  out.byte(form.mode + (order === 2 ? ORDER_2 : 0));
  if (form.parameter !== undefined) out.signed(form.parameter);
  const residuals: number[] = [];
  let previous = 0;
  let step = 0;
  for (const [i, v] of values.entries()) {
    // + 0 turns -0 into the 0 the decoder's sum starts from; the residual then tells -0 (and its kin) apart.
    const n = form.toInteger(v) + 0;
    const residual = Number(bitsOf(v) - bitsOf(form.toValue(n)));
    if (!(Math.abs(n) <= MAX_SCALED) || !(Math.abs(residual) <= MAX_SCALED)) return undefined;
    const r = n - (base?.[i] ?? 0);
    if (!(Math.abs(r) <= MAX_SCALED)) return undefined;
    out.signed(order === 2 ? r - previous - step : r - previous);
    step = r - previous;
    previous = r;
    residuals.push(residual);
  }
  // Exact values leave a run of zeros; a float sum of 2-decimal values is a unit or two off its decimal.
  for (const r of residuals) out.signed(r);
  return out;
}

function readIntegerColumn(
  input: ByteReader,
  count: number,
  form: IntegerForm,
  order: 1 | 2,
  base?: readonly number[],
): number[] {
  const integers: number[] = [];
  for (let i = 0, r = 0, step = 0; i < count; i++) {
    step = order === 2 ? step + input.signed() : input.signed();
    integers.push((r += step) + (base?.[i] ?? 0));
  }
  return integers.map((n) => {
    const value = form.toValue(n);
    const residual = input.signed();
    if (residual === 0) return value;
    bits[0] = bitsOf(value) + BigInt(residual);
    return asDouble[0]!;
  });
}

/** Each double XORed with the one before, most significant byte plane first (sign and exponent repeat). */
function doublesColumn(values: readonly number[]): ByteWriter {
  const out = new ByteWriter();
  out.byte(DOUBLES);
  const words = new BigUint64Array(Float64Array.from(values).buffer);
  for (let i = words.length - 1; i > 0; i--) words[i] = words[i]! ^ words[i - 1]!;
  const bytes = new Uint8Array(words.buffer);
  for (let plane = 7; plane >= 0; plane--)
    for (let i = 0; i < values.length; i++) out.byte(bytes[i * 8 + plane]!);
  return out;
}

function readDoubles(input: ByteReader, count: number): number[] {
  const bytes = new Uint8Array(count * 8);
  for (let plane = 7; plane >= 0; plane--)
    for (let i = 0; i < count; i++) bytes[i * 8 + plane] = input.byte();
  const words = new BigUint64Array(bytes.buffer);
  for (let i = 1; i < count; i++) words[i] = words[i]! ^ words[i - 1]!;
  return Array.from(new Float64Array(words.buffer));
}

/** Within this many units in the last place of a decimal, a value counts as that decimal plus a rounding error. */
const NEAR_ULPS = 256n;

/** The smallest number of decimals (up to 4) that most values are at or near, if any. */
function usualDecimals(values: readonly number[]): { decimals: number; all: boolean } | undefined {
  for (let decimals = 0; decimals <= MAX_DECIMALS; decimals++) {
    const scale = 10 ** decimals;
    let near = 0;
    let exact = 0;
    for (const v of values) {
      const distance = bitsOf(v) - bitsOf(Math.round(v * scale) / scale);
      if (distance === 0n) exact++;
      if (distance < NEAR_ULPS && distance > -NEAR_ULPS) near++;
    }
    if (near * 2 >= values.length) return { decimals, all: exact === values.length };
  }
  return undefined;
}

/** The smallest whole w for which (n / w) * 100 is exactly `value` for some integer n, from the continued fraction of value / 100. */
function wholeOf(value: number): number | undefined {
  const target = Math.abs(value);
  if (!Number.isFinite(target)) return undefined;
  let x = target / 100;
  let [p, q, pBefore, qBefore] = [Math.floor(x), 1, 1, 0];
  for (;;) {
    if ((p / q) * 100 === target) return q;
    const fraction = x - Math.floor(x);
    if (fraction === 0) return undefined;
    x = 1 / fraction;
    const term = Math.floor(x);
    [p, q, pBefore, qBefore] = [term * p + pBefore, term * q + qBefore, p, q];
    if (q > MAX_WHOLE) return undefined;
  }
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The least common whole of every value as a percentage, if there is one within MAX_WHOLE. */
function commonWhole(values: readonly number[]): number | undefined {
  let whole = 1;
  for (const v of values) {
    const w = wholeOf(v);
    if (w === undefined) return undefined;
    whole = (whole / gcd(whole, w)) * w;
    if (whole > MAX_WHOLE) return undefined;
  }
  return whole;
}

/**
 * Decimal deltas or deltas of deltas when every value is exact at the usual decimals; else the smallest once
 * deflated of those (at the usual decimals, or at 4, where a residual costs less than a double's XOR: it holds
 * only the bits below the fourth decimal), of a percentage of the values' common whole, and of doubles.
 */
function numberColumns(values: readonly number[]): (ByteWriter | undefined)[] {
  const usual = usualDecimals(values);
  const decimal = decimalForm(usual?.decimals ?? MAX_DECIMALS);
  const candidates = [integerColumn(values, decimal, 1), integerColumn(values, decimal, 2)];
  if (!usual?.all || candidates.every((c) => c === undefined)) {
    const whole = commonWhole(values);
    if (whole !== undefined)
      candidates.push(
        integerColumn(values, percentForm(whole), 1),
        integerColumn(values, percentForm(whole), 2),
      );
    candidates.push(doublesColumn(values));
  }
  return candidates;
}

/** Whichever column deflates smallest; never none, since the doubles are one whenever no decimal is exact. */
function writeSmallest(out: ByteWriter, candidates: readonly (ByteWriter | undefined)[]): void {
  const columns = candidates.filter((c): c is ByteWriter => c !== undefined);
  const sizes = columns.map((c) => c.deflatedSize());
  out.append(columns[sizes.indexOf(Math.min(...sizes))]!);
}

/** Each bucket's count × the middle of its minimum and maximum, as decimal integers: what its sum is near. */
function middles(buckets: readonly Omit<RollupBucket, 'sum'>[], decimals: number): number[] {
  const form = decimalForm(decimals);
  return buckets.map((b) => Math.round((b.count * (form.toInteger(b.min) + form.toInteger(b.max))) / 2));
}

/** A bucket's sum lies between count × min and count × max: the offset from the middle is shorter than the sum. */
function writeSums(out: ByteWriter, buckets: readonly RollupBucket[]): void {
  const sums = buckets.map((b) => b.sum);
  const decimals = usualDecimals(sums)?.decimals ?? MAX_DECIMALS;
  const middle = { ...decimalForm(decimals), mode: MIDDLE + decimals };
  writeSmallest(out, [...numberColumns(sums), integerColumn(sums, middle, 1, middles(buckets, decimals))]);
}

function readNumbers(
  input: ByteReader,
  count: number,
  version: number,
  buckets?: readonly Omit<RollupBucket, 'sum'>[],
): number[] {
  const mode = input.byte();
  if (mode === DOUBLES) return readDoubles(input, count);
  // Format 1 had decimal deltas only.
  const order = version > FORMAT_1 && (mode & ORDER_2) !== 0 ? 2 : 1;
  const kind = version > FORMAT_1 ? mode & ~ORDER_2 : mode;
  if (kind >= MIDDLE && buckets)
    return readIntegerColumn(
      input,
      count,
      decimalForm(kind - MIDDLE),
      order,
      middles(buckets, kind - MIDDLE),
    );
  const form = kind === PERCENT ? percentForm(input.signed()) : decimalForm(kind);
  return readIntegerColumn(input, count, form, order);
}

function header(out: ByteWriter, count: number): void {
  out.byte(FORMAT_VERSION);
  out.signed(count);
}

function readHeader(input: ByteReader): {
  version: number;
  count: number;
  base: (startMs: number) => number;
} {
  const version = input.byte();
  if (version !== FORMAT_VERSION && version !== FORMAT_1)
    throw new Error(`chunk format ${version} is neither ${FORMAT_1} nor ${FORMAT_VERSION}`);
  // Format 1 wrote absolute timestamps.
  return { version, count: input.signed(), base: (startMs) => (version === FORMAT_1 ? 0 : startMs) };
}

/**
 * Raw points sorted by time, from a span starting at `startMs`: timestamps, values, and the integer flags
 * (usually all alike, one byte).
 */
export function encodePoints(points: readonly DataPoint[], startMs: number): Buffer {
  const out = new ByteWriter();
  header(out, points.length);
  writeTimestamps(
    out,
    points.map((p) => p.ts),
    startMs,
  );
  writeSmallest(out, numberColumns(points.map((p) => p.value)));
  const integers = points.filter((p) => p.isInteger).length;
  if (integers === 0 || integers === points.length) out.byte(integers === 0 ? 0 : 1);
  else {
    out.byte(2);
    for (const p of points) out.byte(p.isInteger ? 1 : 0);
  }
  return out.finish();
}

/** The points of a blob encodePoints wrote for the span starting at `startMs`. */
export function decodePoints(blob: Uint8Array, startMs: number): DataPoint[] {
  const input = new ByteReader(blob);
  const { version, count, base } = readHeader(input);
  const ts = readTimestamps(input, count, base(startMs));
  const values = readNumbers(input, count, version);
  const flags = input.byte();
  return ts.map((t, i) => ({
    ts: t,
    value: values[i]!,
    isInteger: flags === 2 ? input.byte() === 1 : flags === 1,
  }));
}

/** Rollup buckets sorted by time, of a span starting at `startMs`: timestamps, counts, minima, maxima and sums. */
export function encodeBuckets(buckets: readonly RollupBucket[], startMs: number): Buffer {
  const out = new ByteWriter();
  header(out, buckets.length);
  writeTimestamps(
    out,
    buckets.map((b) => b.ts),
    startMs,
  );
  let previous = 0;
  for (const b of buckets) {
    out.signed(b.count - previous);
    previous = b.count;
  }
  for (const column of ['min', 'max'] as const)
    writeSmallest(out, numberColumns(buckets.map((b) => b[column])));
  writeSums(out, buckets);
  return out.finish();
}

/** The buckets of a blob encodeBuckets wrote for the span starting at `startMs`. */
export function decodeBuckets(blob: Uint8Array, startMs: number): RollupBucket[] {
  const input = new ByteReader(blob);
  const { version, count, base } = readHeader(input);
  const ts = readTimestamps(input, count, base(startMs));
  const counts: number[] = [];
  for (let i = 0, c = 0; i < count; i++) counts.push((c += input.signed()));
  // Format 1 wrote the sums first; format 2 last, after the minima and maxima they are written against.
  const sumsFirst = version === FORMAT_1 ? readNumbers(input, count, version) : undefined;
  const mins = readNumbers(input, count, version);
  const maxes = readNumbers(input, count, version);
  const buckets = ts.map((t, i) => ({ ts: t, count: counts[i]!, min: mins[i]!, max: maxes[i]! }));
  const sums = sumsFirst ?? readNumbers(input, count, version, buckets);
  return buckets.map((b, i) => ({ ts: b.ts, count: b.count, sum: sums[i]!, min: b.min, max: b.max }));
}
