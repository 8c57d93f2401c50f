// A JSON parser that keeps whether each number was written as an integer (`1`) or not (`1.0`, `1e3`).
// OpenTSDB stores `/api/put` values as longs or doubles by their text, and the difference changes query
// results (integer averages and interpolation truncate), but JSON.parse erases it.
// It hands a top-level array over one item at a time, so a put of a million points can be validated in
// slices, with the event loop let through between them, and no tree of the whole body is ever built.

export class JsonNumber {
  constructor(
    readonly value: number,
    readonly isInteger: boolean,
  ) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

export class JsonSyntaxError extends Error {}

/**
 * The items of a top-level array, or the one top-level value when it is not an array. The whole text is
 * checked: a syntax error anywhere, trailing content included, throws before the iteration ends.
 */
export function* jsonItems(text: string): Generator<JsonValue, void, undefined> {
  const reader = new JsonReader(text);
  reader.ws();
  if (reader.peek() !== '[') {
    const value = reader.value();
    reader.end();
    yield value;
    return;
  }
  reader.skip();
  reader.ws();
  if (reader.peek() === ']') reader.skip();
  else {
    for (;;) {
      yield reader.value();
      reader.ws();
      const sep = reader.next();
      if (sep === ']') break;
      if (sep !== ',') reader.fail("Expected ',' or ']'");
    }
  }
  reader.end();
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

class JsonReader {
  private i = 0;

  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new JsonSyntaxError(`${what} at position ${this.i}`);
  }

  peek(): string {
    return this.text.charAt(this.i);
  }

  next(): string {
    return this.text.charAt(this.i++);
  }

  skip(): void {
    this.i++;
  }

  ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.i))) this.i++;
  }

  end(): void {
    this.ws();
    if (this.i < this.text.length) this.fail('Unexpected trailing content');
  }

  value(): JsonValue {
    this.ws();
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    return this.number();
  }

  private object(): JsonValue {
    this.skip();
    // A null prototype keeps a `__proto__` field an ordinary key.
    const obj = Object.create(null) as Record<string, JsonValue>;
    this.ws();
    if (this.peek() === '}') {
      this.skip();
      return obj;
    }
    for (;;) {
      this.ws();
      if (this.peek() !== '"') this.fail('Expected a field name');
      const key = this.string();
      this.ws();
      if (this.next() !== ':') this.fail("Expected ':'");
      obj[key] = this.value();
      this.ws();
      const sep = this.next();
      if (sep === '}') return obj;
      if (sep !== ',') this.fail("Expected ',' or '}'");
    }
  }

  private array(): JsonValue {
    this.skip();
    const arr: JsonValue[] = [];
    this.ws();
    if (this.peek() === ']') {
      this.skip();
      return arr;
    }
    for (;;) {
      arr.push(this.value());
      this.ws();
      const sep = this.next();
      if (sep === ']') return arr;
      if (sep !== ',') this.fail("Expected ',' or ']'");
    }
  }

  private literal(word: string, value: JsonValue): JsonValue {
    if (!this.text.startsWith(word, this.i)) this.fail('Unexpected token');
    this.i += word.length;
    return value;
  }

  private string(): string {
    const plainEnd = this.plainStringEnd();
    if (plainEnd > 0) {
      const s = this.text.slice(this.i + 1, plainEnd);
      this.i = plainEnd + 1;
      return s;
    }
    const m = /^"(?:[^"\\]|\\.)*"/.exec(this.text.slice(this.i));
    if (!m) this.fail('Invalid string');
    let parsed: string;
    try {
      // JSON.parse also rejects raw control characters and bad escapes.
      parsed = JSON.parse(m[0]) as string;
    } catch {
      this.fail('Invalid string');
    }
    this.i += m[0].length;
    return parsed;
  }

  /** Where a string without escapes or control characters ends (the common case, sliced as is), else -1. */
  private plainStringEnd(): number {
    for (let j = this.i + 1; j < this.text.length; j++) {
      const c = this.text.charCodeAt(j);
      if (c === QUOTE) return j;
      if (c === BACKSLASH || c < 0x20) return -1;
    }
    return -1;
  }

  private number(): JsonNumber {
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (!m) this.fail('Unexpected token');
    this.i += m[0].length;
    return new JsonNumber(Number(m[0]), m[1] === undefined && m[2] === undefined);
  }
}
