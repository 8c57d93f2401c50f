// Python's own spellings of values. Gnocchi's messages are built with `%s` and `repr()`, and its String columns
// compare `str(value)`, so a faithful port has to print numbers, strings and lists the way CPython does.

/** A value as Gnocchi's search code holds it: JSON scalars, lists, and numbers that know whether Python saw an
 *  int or a float (`str(1)` is "1", `str(1.0)` is "1.0"). */
export type PyValue = string | boolean | null | PyNumber | readonly PyValue[];

export interface PyNumber {
  readonly py: 'int' | 'float';
  readonly value: number;
}

export function pyFloat(value: number): PyNumber {
  return { py: 'float', value };
}

export function isPyNumber(value: unknown): value is PyNumber {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'py' in value;
}

/** repr(float): the shortest round-trip digits, positional for exponents -4..15, else `1e+16` style. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '', expText = '0'] = x.toExponential().split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const exp = Number(expText);
  const sign = negative ? '-' : '';
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
  }
  const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exp < 0 ? '-' : '+';
  return `${sign}${body}e${expSign}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** repr(str) as CPython writes it, quotes chosen the same way. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xad)
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

export function pyRepr(value: PyValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return pyStrRepr(value);
  if (isPyNumber(value)) return value.py === 'int' ? pyIntStr(value.value) : pyFloatRepr(value.value);
  return `[${value.map(pyRepr).join(', ')}]`;
}

/** str(value): like repr except that a string is itself. */
export function pyStr(value: PyValue): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

function pyIntStr(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

const PY_FLOAT_TEXT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.)$/;

/** float(text) as Python reads it: surrounding whitespace, `_` between digits, inf/infinity/nan in any case.
 *  Null when Python raises ValueError. */
export function pyParseFloat(text: string): number | null {
  const t = text.trim();
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(t);
  if (special) {
    if (special[2]?.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!PY_FLOAT_TEXT.test(t)) return null;
  return Number(t.replaceAll('_', ''));
}

/** int(text) as Python reads it (no fraction, no exponent). Null when Python raises ValueError. */
export function pyParseInt(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?\d(?:_?\d)*$/.test(t)) return null;
  return Number(t.replaceAll('_', ''));
}
