// A JSON parser that keeps whether each number was written as an integer (`1`) or not (`1.0`, `1e3`).
// OpenTSDB stores `/api/put` values as longs or doubles by their text, and the difference changes query
// results (integer averages and interpolation truncate), but JSON.parse erases it.

export class JsonNumber {
  constructor(
    readonly value: number,
    readonly isInteger: boolean,
  ) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

export class JsonSyntaxError extends Error {}

export function parseJsonKeepingNumberKinds(text: string): JsonValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at position ${i}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const literal = (word: string, value: JsonValue): JsonValue => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return value;
    }
    return fail('Unexpected token');
  };
  const string = (): string => {
    const m = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i));
    if (!m) return fail('Invalid string');
    let parsed: string;
    try {
      // JSON.parse also rejects raw control characters and bad escapes.
      parsed = JSON.parse(m[0]) as string;
    } catch {
      return fail('Invalid string');
    }
    i += m[0].length;
    return parsed;
  };
  const number = (): JsonNumber => {
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('Unexpected token');
    i += m[0].length;
    return new JsonNumber(Number(m[0]), m[1] === undefined && m[2] === undefined);
  };
  const value = (): JsonValue => {
    ws();
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      // A null prototype keeps a `__proto__` field an ordinary key.
      const obj = Object.create(null) as Record<string, JsonValue>;
      ws();
      if (text.charAt(i) === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text.charAt(i) !== '"') fail('Expected a field name');
        const key = string();
        ws();
        if (text.charAt(i++) !== ':') fail("Expected ':'");
        obj[key] = value();
        ws();
        const sep = text.charAt(i++);
        if (sep === '}') return obj;
        if (sep !== ',') fail("Expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text.charAt(i) === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        const sep = text.charAt(i++);
        if (sep === ']') return arr;
        if (sep !== ',') fail("Expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    return number();
  };
  const result = value();
  ws();
  if (i < text.length) fail('Unexpected trailing content');
  return result;
}
