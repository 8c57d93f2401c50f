import { PyObjectId, PyStr, type PyDict, type PyValue } from './py-value';

// A tolerant reader of the protocol's records: Python 2 repr() of a MongoDB document. Even the document's own
// samples are not valid Python (an unterminated `u'6abf…cbd0e,`, `0.` floats, tabs and line breaks between
// fields), so a field whose value cannot be read is recovered as far as it goes and named in `brokenFields`,
// and the record is kept. Only a text that is not a dict at all is refused.

export class PyRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PyRecordError';
  }
}

export interface PyRecord {
  value: PyDict;
  /** Keys whose value was malformed: the value is what could be recovered (the text up to the line end or
   * the next key for a broken string, null otherwise). */
  brokenFields: string[];
}

// Where a key of a dict begins: `u'key':` or `'key':` (the keys of every record are plain names).
const NEXT_KEY = /[,{\s]\s*(u?'[A-Za-z_][A-Za-z0-9_]*'\s*:)/g;
const NUMBER = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)[lL]?/;
const SPECIAL_FLOATS: Record<string, number> = { inf: Infinity, '-inf': -Infinity, nan: NaN };
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

/** Sets a key as an own field, `__proto__` included: a record from the network must not reach prototypes. */
function setField(dict: PyDict, key: string, value: PyValue): void {
  Object.defineProperty(dict, key, { value, enumerable: true, writable: true, configurable: true });
}

const UTF8 = new TextDecoder();
const UTF8_BYTES = new TextEncoder();

class Broken extends Error {
  constructor(readonly recovered: PyValue) {
    super('broken value');
  }
}

class Reader {
  pos = 0;
  readonly brokenFields: string[] = [];
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new PyRecordError(`${what} at offset ${this.pos}`);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }

  startsWith(word: string): boolean {
    return this.text.startsWith(word, this.pos);
  }

  /** Where the next `u'key':` starts after `from`, or the text's end. */
  nextKeyAt(from: number): number {
    NEXT_KEY.lastIndex = from;
    const match = NEXT_KEY.exec(this.text);
    return match ? match.index + match[0].length - match[1]!.length : this.text.length;
  }

  dict(topLevel: boolean): PyDict {
    this.skipSpace();
    if (this.text[this.pos] !== '{') this.fail('expected a dict');
    this.pos++;
    const dict: PyDict = {};
    for (;;) {
      const next = this.peek();
      if (next === '}') {
        this.pos++;
        return dict;
      }
      if (next === '') this.fail('unterminated dict');
      const name = this.textOf(this.value(), 'a key');
      if (this.peek() !== ':') this.fail(`expected ':' after key ${name}`);
      this.pos++;
      const start = this.pos;
      try {
        setField(dict, name, this.value());
        const after = this.peek();
        if (after === ',') this.pos++;
        else if (after !== '}') throw new Broken(null);
      } catch (error) {
        if (!topLevel || !(error instanceof Broken || error instanceof PyRecordError)) throw error;
        setField(dict, name, this.recover(start, error));
        this.brokenFields.push(name);
      }
    }
  }

  /** After a malformed value: a string runs to its line end or the next key; then reading goes on there. */
  recover(start: number, error: unknown): PyValue {
    const keyAt = this.nextKeyAt(start);
    const closeAt = this.text.lastIndexOf('}');
    const end = Math.min(keyAt, closeAt < start ? this.text.length : closeAt);
    this.pos = end;
    if (error instanceof Broken && error.recovered !== null) return error.recovered;
    const raw = this.text.slice(start, end).trim();
    const lineEnd = raw.search(/[\r\n]/);
    const firstLine = (lineEnd === -1 ? raw : raw.slice(0, lineEnd)).replace(/[\s,]+$/, '');
    const quoted = /^(u?)(['"])(.*)$/s.exec(firstLine);
    if (!quoted) return null;
    const body = quoted[3]!.endsWith(quoted[2]!) ? quoted[3]!.slice(0, -1) : quoted[3]!;
    return quoted[1] === 'u' ? body : new PyStr(body);
  }

  /** The text of a unicode or byte string value, where only a string makes sense. */
  textOf(value: PyValue, what: string): string {
    if (typeof value === 'string') return value;
    if (value instanceof PyStr) return value.value;
    return this.fail(`expected a string as ${what}`);
  }

  value(): PyValue {
    const ch = this.peek();
    if (ch === '{') return this.dict(false);
    if (ch === '[' || ch === '(') return this.list(ch === '[' ? ']' : ')');
    if (ch === "'" || ch === '"') return new PyStr(this.string(true));
    if ((ch === 'u' || ch === 'U') && /['"]/.test(this.text[this.pos + 1] ?? '')) {
      this.pos++;
      return this.string(false);
    }
    for (const [word, value] of [
      ['None', null],
      ['True', true],
      ['False', false],
    ] as const) {
      if (this.startsWith(word)) {
        this.pos += word.length;
        return value;
      }
    }
    if (this.startsWith('ObjectId(')) {
      this.pos += 'ObjectId('.length;
      const hex = this.textOf(this.value(), "an ObjectId's hex");
      if (this.peek() !== ')') this.fail('unterminated ObjectId');
      this.pos++;
      return new PyObjectId(hex);
    }
    return this.number();
  }

  list(close: string): PyValue[] {
    this.pos++;
    const items: PyValue[] = [];
    for (;;) {
      if (this.peek() === close) {
        this.pos++;
        return items;
      }
      items.push(this.value());
      const after = this.peek();
      if (after === ',') this.pos++;
      else if (after !== close) this.fail('expected , in a list');
    }
  }

  number(): PyValue {
    const rest = this.text.slice(this.pos, this.pos + 40);
    const special = /^-?(inf|nan)/.exec(rest);
    if (special) {
      this.pos += special[0].length;
      return SPECIAL_FLOATS[special[0]] ?? NaN;
    }
    const match = NUMBER.exec(rest);
    if (!match) this.fail('unexpected character');
    this.pos += match[0].length;
    const digits = match[0].replace(/[lL]$/, '');
    return /[.eE]/.test(digits) ? Number(digits) : BigInt(digits);
  }

  /**
   * A quoted string at pos; a raw line break before the closing quote means it was never closed. A byte
   * string (no u prefix) holds bytes, which the service writes as the UTF-8 of its text: they are read as such.
   */
  string(bytes: boolean): string {
    const quote = this.text[this.pos]!;
    const start = ++this.pos;
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (ch === quote) {
        this.pos++;
        return bytes ? UTF8.decode(Uint8Array.from(out, (c) => c.charCodeAt(0))) : out;
      }
      if (ch === '\n' || ch === '\r') break;
      if (ch === '\\') {
        out += this.escape(bytes);
        continue;
      }
      out += bytes ? String.fromCharCode(...UTF8_BYTES.encode(ch)) : ch;
      this.pos++;
    }
    const line = this.text.slice(start, this.pos).replace(/[\s,]+$/, '');
    throw new Broken(bytes ? new PyStr(line) : line);
  }

  /** An escape at pos; in a byte string \u is no escape, as in Python 2. */
  escape(bytes: boolean): string {
    const code = this.text[this.pos + 1] ?? '';
    const hexLength = code === 'x' ? 2 : bytes ? 0 : code === 'u' ? 4 : code === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = this.text.slice(this.pos + 2, this.pos + 2 + hexLength);
      const point = parseInt(hex, 16);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength || point > 0x10ffff)
        this.fail('bad escape');
      this.pos += 2 + hexLength;
      return String.fromCodePoint(point);
    }
    this.pos += 2;
    return SIMPLE_ESCAPES[code] ?? `\\${code}`;
  }
}

/** Reads one record, keeping every field it can and naming the broken ones. */
export function parsePyRecord(text: string): PyRecord {
  const reader = new Reader(text);
  const value = reader.dict(true);
  if (reader.peek() !== '') reader.fail('unexpected text after the record');
  return { value, brokenFields: reader.brokenFields };
}
