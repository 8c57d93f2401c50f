import type { Measures } from '../carbonara/ingest';
import type { NamedMetricMeasures, ResourceMeasures } from './batch-body';
import { DecodedBatch, NO_SPEC } from './batch-body';

// A batch body holds millions of measures. JSON.parse makes an object for each, and reading them makes a
// second pass; at two million measures that is most of an ingest. This reader fills the measure columns
// straight from the bytes, for the shape clients send: {"id": [{"timestamp": N, "value": N}, …]} or
// {"id": {"name": [ … ]}}, with numeric timestamps. Anything else (string timestamps or values, escapes,
// other keys, duplicate keys, the newer {measures: …} form, invalid JSON) returns null, and the route reads
// the body the general way: what this reader accepts, it reads exactly as JSON.parse + parseMeasures would,
// and everything else keeps their answers and errors.

export type BatchShape = 'metrics' | 'resources';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const TIMESTAMP = new TextEncoder().encode('timestamp');
const VALUE = new TextEncoder().encode('value');
/** The fewest bytes a measure takes, `{"timestamp":0,"value":0}`, which bounds the columns' size. */
const MIN_MEASURE_BYTES = 25;
/** Integers of up to 15 digits are exact in a double when accumulated digit by digit. */
const EXACT_DIGITS = 15;

/** The key as an array index (a canonical integer below 2³² − 1), or -1. */
function arrayIndex(key: string): number {
  if (!/^(?:0|[1-9]\d{0,9})$/.test(key)) return -1;
  const n = Number(key);
  return n < 4_294_967_295 ? n : -1;
}

class NotCanonical extends Error {}
const notCanonical = new NotCanonical();

class Reader {
  private pos = 0;
  private count = 0;
  private readonly timestamps: Float64Array;
  private readonly values: Float64Array;

  constructor(private readonly bytes: Buffer) {
    // Every list's measures are views of one pair of columns sized for the most measures the body can hold;
    // the store copies what it keeps.
    const capacity = Math.floor(bytes.length / MIN_MEASURE_BYTES) + 1;
    this.timestamps = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  read(shape: BatchShape): DecodedBatch {
    const batch =
      shape === 'metrics'
        ? new DecodedBatch(
            this.object((id) => ({ id, measures: this.measures() })),
            null,
          )
        : new DecodedBatch(
            null,
            this.object((original): ResourceMeasures => ({
              original,
              metrics: this.object((name): NamedMetricMeasures => ({
                name,
                spec: NO_SPEC,
                measures: this.measures(),
              })),
            })),
          );
    this.whitespace();
    if (this.pos !== this.bytes.length) throw notCanonical;
    return batch;
  }

  private whitespace(): void {
    const { bytes } = this;
    for (;;) {
      const c = bytes[this.pos];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos++;
    }
  }

  private expect(byte: number): void {
    this.whitespace();
    if (this.bytes[this.pos] !== byte) throw notCanonical;
    this.pos++;
  }

  /** Whether the next byte (after whitespace) is `byte`, consuming it if so. */
  private accept(byte: number): boolean {
    this.whitespace();
    if (this.bytes[this.pos] !== byte) return false;
    this.pos++;
    return true;
  }

  /** A key without escapes or control characters: its [start, end) bytes. */
  private keyBytes(): [number, number] {
    this.expect(QUOTE);
    const start = this.pos;
    const { bytes } = this;
    for (;;) {
      const c = bytes[this.pos];
      if (c === undefined || c === BACKSLASH || c < 0x20) throw notCanonical;
      if (c === QUOTE) break;
      this.pos++;
    }
    const end = this.pos++;
    this.expect(COLON);
    return [start, end];
  }

  /**
   * An object whose keys are distinct (JSON.parse would keep the last of a repeated one), its members in the
   * order Object.entries gives them: array-index keys first, ascending, then the others as written.
   */
  private object<T>(member: (key: string) => T): T[] {
    this.expect(OPEN_BRACE);
    const members: { key: string; index: number; value: T }[] = [];
    if (this.accept(CLOSE_BRACE)) return [];
    const keys = new Set<string>();
    let indexed = false;
    do {
      const [start, end] = this.keyBytes();
      const key = this.bytes.toString('utf8', start, end);
      if (keys.has(key)) throw notCanonical;
      keys.add(key);
      const index = arrayIndex(key);
      indexed ||= index >= 0;
      members.push({ key, index, value: member(key) });
    } while (this.accept(COMMA));
    this.expect(CLOSE_BRACE);
    // Array.prototype.sort is stable: the other keys keep their order.
    if (indexed)
      members.sort((a, b) => (a.index < 0 ? 2 ** 32 : a.index) - (b.index < 0 ? 2 ** 32 : b.index));
    return members.map((m) => m.value);
  }

  private measures(): Measures {
    this.expect(OPEN_BRACKET);
    const first = this.count;
    if (!this.accept(CLOSE_BRACKET)) {
      do this.measure();
      while (this.accept(COMMA));
      this.expect(CLOSE_BRACKET);
    }
    return {
      timestampsUs: this.timestamps.subarray(first, this.count),
      values: this.values.subarray(first, this.count),
    };
  }

  private measure(): void {
    this.expect(OPEN_BRACE);
    let timestamp: number | undefined;
    let value: number | undefined;
    do {
      const [start, end] = this.keyBytes();
      this.whitespace();
      if (this.is(start, end, TIMESTAMP) && timestamp === undefined) timestamp = this.number();
      else if (this.is(start, end, VALUE) && value === undefined) value = this.number();
      else throw notCanonical;
    } while (this.accept(COMMA));
    this.expect(CLOSE_BRACE);
    if (timestamp === undefined || value === undefined) throw notCanonical;
    // toTimestampUs for a number; what it refuses, the general path refuses with Gnocchi's message.
    const timestampUs = Math.round(timestamp * 1_000_000);
    if (!Number.isFinite(timestampUs) || timestampUs < 0) throw notCanonical;
    this.timestamps[this.count] = timestampUs;
    this.values[this.count++] = value;
  }

  /** Byte by byte: Buffer.compare's native call costs more than these few bytes. */
  private is(start: number, end: number, word: Uint8Array): boolean {
    if (end - start !== word.length) return false;
    for (let i = 0; i < word.length; i++) if (this.bytes[start + i] !== word[i]) return false;
    return true;
  }

  /** A JSON number, as JSON.parse reads it. */
  private number(): number {
    const { bytes } = this;
    const start = this.pos;
    let p = start;
    if (bytes[p] === MINUS) p++;
    const firstDigit = p;
    let integer = 0;
    let c = bytes[p];
    if (c === ZERO) c = bytes[++p];
    else {
      while (c !== undefined && c >= ZERO && c <= NINE) {
        integer = integer * 10 + (c - ZERO);
        c = bytes[++p];
      }
    }
    const digits = p - firstDigit;
    if (digits === 0) throw notCanonical;
    let plain = true;
    if (c === DOT) {
      plain = false;
      const fraction = ++p;
      while ((c = bytes[p]) !== undefined && c >= ZERO && c <= NINE) p++;
      if (p === fraction) throw notCanonical;
    }
    if (c === LOWER_E || c === UPPER_E) {
      plain = false;
      c = bytes[++p];
      if (c === PLUS || c === MINUS) c = bytes[++p];
      const exponent = p;
      while (c !== undefined && c >= ZERO && c <= NINE) c = bytes[++p];
      if (p === exponent) throw notCanonical;
    }
    this.pos = p;
    if (plain && digits <= EXACT_DIGITS) return bytes[start] === MINUS ? -integer : integer;
    return Number(bytes.toString('latin1', start, p));
  }
}

/** The batch, or null when the body is not in the shape this reader takes (see above). */
export function readBatchBody(bytes: Buffer, shape: BatchShape): DecodedBatch | null {
  try {
    return new Reader(bytes).read(shape);
  } catch (error) {
    if (error === notCanonical) return null;
    throw error;
  }
}
