import { PyObjectId, PyStr, type PyValue } from './py-value';

// Python 2.7's repr() of the values a guest-monitoring record holds. The service writes its records this way
// because the original server did (repr of a MongoDB document), and the client reads the same text back.

/** Python 2.7's repr of a float: the shortest round-trip digits, fixed notation for exponents -4…15. */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const exponentSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits[0]}${fraction}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction || '0'}`;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

const NAMED_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Python 2 quotes with ' unless the text holds ' and no ", and escapes everything outside printable ASCII. */
function quote(text: string, escapeCodePoint: (code: number) => string): string {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = q;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const named = NAMED_ESCAPES[char];
    if (named !== undefined) out += named;
    else if (char === q) out += `\\${q}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else out += escapeCodePoint(code);
  }
  return out + q;
}

/** A unicode string: \xNN below 0x100, \uNNNN in the BMP, \UNNNNNNNN above (a wide build, as on Linux). */
function unicodeRepr(text: string): string {
  return `u${quote(text, (code) => (code < 0x100 ? `\\x${hex(code, 2)}` : code < 0x10000 ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`))}`;
}

/** A byte string holds UTF-8 bytes, so a non-ASCII character prints as its bytes. */
function byteStrRepr(text: string): string {
  return quote(text, (code) =>
    [...Buffer.from(String.fromCodePoint(code), 'utf8')].map((byte) => `\\x${hex(byte, 2)}`).join(''),
  );
}

export function pyRepr(value: PyValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return pyFloatRepr(value);
  if (typeof value === 'string') return unicodeRepr(value);
  if (value instanceof PyStr) return byteStrRepr(value.value);
  if (value instanceof PyObjectId) return `ObjectId('${value.hex}')`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  const entries = Object.entries(value).map(([key, item]) => `${unicodeRepr(key)}: ${pyRepr(item)}`);
  return `{${entries.join(', ')}}`;
}
