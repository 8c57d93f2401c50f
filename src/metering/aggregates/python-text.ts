// Python's own text forms, which Gnocchi's messages are made of: repr() of a str or of a validated
// operations tree, and "%.Nf" formatting (round-half-even on the exact binary value, where JS rounds half up).

import { pythonFloat } from '../python-float';

/** float(x) for a JSON value, as voluptuous' Coerce(float) sees it (bools are numbers in Python). */
export function coerceFloat(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return pythonFloat(value);
  return null;
}

function escapeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (char === '\\') return '\\\\';
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0))
    return `\\x${code.toString(16).padStart(2, '0')}`;
  if (char !== ' ' && /^[\p{C}\p{Z}]$/u.test(char)) {
    if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
    if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
    return `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return char;
}

/** repr() of a Python str. */
export function pythonStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const char of text) out += char === quote ? `\\${quote}` : escapeChar(char);
  return quote + out + quote;
}

/** repr() of a Python float. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(value);
  if (abs >= 1e16 || abs < 1e-4) {
    // Python writes the shortest digits with a two-digit exponent at least: 1e+16, 1.5e-05.
    const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  const text = String(value);
  return text.includes('.') ? text : `${text}.0`;
}

/** Python's "%.{digits}f": the exact decimal expansion of the double, rounded half to even. */
export function pythonFixed(value: number, digits: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  // toFixed switches to exponent form from 1e21, where every double is an integer anyway.
  const exact = Math.abs(value) >= 1e21 ? `${BigInt(Math.abs(value))}.` : Math.abs(value).toFixed(100);
  const [whole = '0', fraction = ''] = exact.split('.');
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  const rest = fraction.slice(digits);
  let digitsText = whole + kept;
  const half = rest.length > 0 && rest[0] === '5' && /^50*$/.test(rest);
  const above = rest.length > 0 && (rest[0]! > '5' || (rest[0] === '5' && !half));
  const lastDigit = Number(digitsText[digitsText.length - 1] ?? '0');
  if (above || (half && lastDigit % 2 === 1)) {
    digitsText = (BigInt(digitsText) + 1n).toString().padStart(digitsText.length, '0');
  }
  const intPart = digitsText.slice(0, digitsText.length - digits) || '0';
  const fracPart = digits > 0 ? `.${digitsText.slice(digitsText.length - digits)}` : '';
  const negative = value < 0 || Object.is(value, -0);
  return `${negative ? '-' : ''}${intPart}${fracPart}`;
}

/** The `<class 'x'>` Python would name for a JSON value. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return "<class 'NoneType'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  if (typeof value === 'number') return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
  if (typeof value === 'string') return "<class 'str'>";
  if (Array.isArray(value)) return "<class 'list'>";
  return "<class 'dict'>";
}
