import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DataPoint, RollupBucket } from './store';

// A sealed span of one series (its raw points, or its buckets at one rollup level) as one compressed blob,
// column by column so deflate sees runs of alike bytes: timestamps as deltas of deltas (a steady poll is all
// zeros), numbers as deltas of decimal integers when every value of the column is exact at some decimal scale
// (most vCenter figures have 2 decimals) or a unit in the last place from it, else as the XOR of each double
// with the one before, byte plane by byte plane; each column takes whichever deflates smallest. Every column
// round-trips bit for bit: a sealed span reads back exactly as the rows it replaced.

const FORMAT_VERSION = 1;
/** Decimal scales tried for a number column, 10^0 … 10^4; any other column is stored as doubles. */
const MAX_DECIMALS = 4;
const DOUBLES = 255;
/** Decimal integers stay well inside 2^53 so their deltas and zigzag codes are exact too. */
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

  deflatedSize(): number {
    return this.finish().length;
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

/** The first timestamp, then each step's change from the step before it. */
function writeTimestamps(out: ByteWriter, ts: readonly number[]): void {
  let previous = ts[0] ?? 0;
  let step = 0;
  out.signed(previous);
  for (const t of ts.slice(1)) {
    out.signed(t - previous - step);
    step = t - previous;
    previous = t;
  }
}

function readTimestamps(input: ByteReader, count: number): number[] {
  if (count === 0) return [];
  let previous = input.signed();
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

/** `value` as a decimal integer at `decimals` and its distance in units of the last place from that decimal. */
function scaledColumn(values: readonly number[], decimals: number): ByteWriter | undefined {
  const scale = 10 ** decimals;
  const out = new ByteWriter();
  out.byte(decimals);
  const residuals: number[] = [];
  let previous = 0;
  for (const v of values) {
    // + 0 turns -0 into the 0 the decoder's sum starts from; the residual then tells -0 (and its kin) apart.
    const n = Math.round(v * scale) + 0;
    if (!(Math.abs(n) <= MAX_SCALED)) return undefined;
    const residual = Number(bitsOf(v) - bitsOf(n / scale));
    if (!(Math.abs(residual) <= MAX_SCALED)) return undefined;
    out.signed(n - previous);
    previous = n;
    residuals.push(residual);
  }
  // Exact values leave a run of zeros; a float sum of 2-decimal values is a unit or two off its decimal.
  for (const r of residuals) out.signed(r);
  return out;
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

/**
 * Decimal when every value is exact at it, else whichever deflates smaller of doubles and decimal plus
 * residual, at the usual decimals or at 4 (where a residual costs less than a double's XOR: it holds only the
 * bits below the fourth decimal).
 */
function writeNumbers(out: ByteWriter, values: readonly number[]): void {
  const usual = usualDecimals(values);
  const decimal = scaledColumn(values, usual?.decimals ?? MAX_DECIMALS);
  if (decimal && usual?.all) return out.append(decimal);
  const doubles = doublesColumn(values);
  out.append(decimal && decimal.deflatedSize() < doubles.deflatedSize() ? decimal : doubles);
}

function readNumbers(input: ByteReader, count: number): number[] {
  const mode = input.byte();
  if (mode !== DOUBLES) {
    const scale = 10 ** mode;
    const decimals: number[] = [];
    for (let i = 0, n = 0; i < count; i++) decimals.push((n += input.signed()) / scale);
    return decimals.map((d) => {
      const residual = input.signed();
      if (residual === 0) return d;
      bits[0] = bitsOf(d) + BigInt(residual);
      return asDouble[0]!;
    });
  }
  const bytes = new Uint8Array(count * 8);
  for (let plane = 7; plane >= 0; plane--)
    for (let i = 0; i < count; i++) bytes[i * 8 + plane] = input.byte();
  const words = new BigUint64Array(bytes.buffer);
  for (let i = 1; i < count; i++) words[i] = words[i]! ^ words[i - 1]!;
  return Array.from(new Float64Array(words.buffer));
}

function header(out: ByteWriter, count: number): void {
  out.byte(FORMAT_VERSION);
  out.signed(count);
}

function readHeader(input: ByteReader): number {
  const version = input.byte();
  if (version !== FORMAT_VERSION) throw new Error(`chunk format ${version} is not ${FORMAT_VERSION}`);
  return input.signed();
}

/** Raw points sorted by time: timestamps, values, and the integer flags (usually all alike, one byte). */
export function encodePoints(points: readonly DataPoint[]): Buffer {
  const out = new ByteWriter();
  header(out, points.length);
  writeTimestamps(
    out,
    points.map((p) => p.ts),
  );
  writeNumbers(
    out,
    points.map((p) => p.value),
  );
  const integers = points.filter((p) => p.isInteger).length;
  if (integers === 0 || integers === points.length) out.byte(integers === 0 ? 0 : 1);
  else {
    out.byte(2);
    for (const p of points) out.byte(p.isInteger ? 1 : 0);
  }
  return out.finish();
}

export function decodePoints(blob: Uint8Array): DataPoint[] {
  const input = new ByteReader(blob);
  const count = readHeader(input);
  const ts = readTimestamps(input, count);
  const values = readNumbers(input, count);
  const flags = input.byte();
  return ts.map((t, i) => ({
    ts: t,
    value: values[i]!,
    isInteger: flags === 2 ? input.byte() === 1 : flags === 1,
  }));
}

/** Rollup buckets sorted by time: timestamps, counts, sums, minima and maxima, each its own column. */
export function encodeBuckets(buckets: readonly RollupBucket[]): Buffer {
  const out = new ByteWriter();
  header(out, buckets.length);
  writeTimestamps(
    out,
    buckets.map((b) => b.ts),
  );
  let previous = 0;
  for (const b of buckets) {
    out.signed(b.count - previous);
    previous = b.count;
  }
  for (const column of ['sum', 'min', 'max'] as const)
    writeNumbers(
      out,
      buckets.map((b) => b[column]),
    );
  return out.finish();
}

export function decodeBuckets(blob: Uint8Array): RollupBucket[] {
  const input = new ByteReader(blob);
  const count = readHeader(input);
  const ts = readTimestamps(input, count);
  const counts: number[] = [];
  for (let i = 0, c = 0; i < count; i++) counts.push((c += input.signed()));
  const sums = readNumbers(input, count);
  const mins = readNumbers(input, count);
  const maxes = readNumbers(input, count);
  return ts.map((t, i) => ({ ts: t, count: counts[i]!, sum: sums[i]!, min: mins[i]!, max: maxes[i]! }));
}
