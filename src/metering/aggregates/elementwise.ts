import { COMPARISON_OPERATORS } from './operators';

// The element-wise operators of Gnocchi's operations, with numpy's float semantics where JavaScript differs:
// comparisons give 1.0/0.0 (numpy booleans, which Gnocchi's JSON writes as floats), `%` takes the divisor's
// sign, `max` is fmax (NaN-ignoring), clip propagates NaN, and pow follows C's pow for 1 and -1.

type Binary = (a: number, b: number) => number;

const bool = (value: boolean) => (value ? 1 : 0);

/** numpy.remainder for doubles (npy_divmod). */
function remainder(a: number, b: number): number {
  const mod = a % b;
  if (b === 0) return mod;
  if (mod !== 0) return b < 0 !== mod < 0 ? mod + b : mod;
  return b < 0 ? -0 : 0;
}

/** C99 pow, where it differs from Math.pow: pow(1, y) = 1 and pow(-1, ±inf) = 1. */
function power(a: number, b: number): number {
  if (a === 1) return 1;
  if (a === -1 && !Number.isFinite(b) && !Number.isNaN(b)) return 1;
  return Math.pow(a, b);
}

/** numpy.maximum / numpy.minimum: NaN wins. */
function maximum(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  return a >= b ? a : b;
}

function minimum(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  return a <= b ? a : b;
}

/** numpy.fmax: NaN loses. */
function fmax(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return a >= b ? a : b;
}

const equal: Binary = (a, b) => bool(a === b);
const less: Binary = (a, b) => bool(a < b);
const greater: Binary = (a, b) => bool(a > b);
const lessEqual: Binary = (a, b) => bool(a <= b);
const greaterEqual: Binary = (a, b) => bool(a >= b);
const notEqual: Binary = (a, b) => bool(a !== b);
const add: Binary = (a, b) => a + b;
const subtract: Binary = (a, b) => a - b;
const multiply: Binary = (a, b) => a * b;
const divide: Binary = (a, b) => a / b;

export const BINARY: Readonly<Record<string, Binary>> = {
  '=': equal,
  '==': equal,
  eq: equal,
  '<': less,
  lt: less,
  '>': greater,
  gt: greater,
  '<=': lessEqual,
  '≤': lessEqual,
  le: lessEqual,
  '>=': greaterEqual,
  '≥': greaterEqual,
  ge: greaterEqual,
  '!=': notEqual,
  '≠': notEqual,
  ne: notEqual,
  '%': remainder,
  mod: remainder,
  '+': add,
  add,
  '-': subtract,
  sub: subtract,
  '*': multiply,
  '×': multiply,
  mul: multiply,
  '/': divide,
  '÷': divide,
  div: divide,
  '**': power,
  '^': power,
  pow: power,
  clip_min: maximum,
  clip_max: minimum,
  max: fmax,
};

/** numpy.clip(x, lo, hi) = minimum(maximum(x, lo), hi); without hi, maximum(x, lo). */
export function clip(x: number, lo: number, hi: number | null): number {
  const raised = maximum(x, lo);
  return hi === null ? raised : minimum(raised, hi);
}

export const UNARY: Readonly<Record<string, (x: number) => number>> = {
  abs: Math.abs,
  absolute: Math.abs,
  neg: (x) => -x,
  negative: (x) => -x,
  cos: Math.cos,
  sin: Math.sin,
  tan: Math.tan,
  floor: Math.floor,
  ceil: Math.ceil,
};

// A comparison's result is a numpy bool array, and numpy keeps the dtype through later operators: between two
// bool arrays `+` is OR, `*` is AND, `-` fails (a 500 in Gnocchi), `%` and `**` are integer operations; the
// trigonometric and rounding functions of a bool array compute in float16; `neg` fails; diff is XOR.

export const COMPARISONS: ReadonlySet<string> = new Set(COMPARISON_OPERATORS);

/** How two bool arrays combine: a function and whether the result is still bool; null when numpy refuses. */
export function booleanBinary(op: string): { apply: Binary; bool: boolean } | null {
  if (COMPARISONS.has(op)) return { apply: BINARY[op]!, bool: true };
  switch (op) {
    case '+':
    case 'add':
      return { apply: (a, b) => bool(a !== 0 || b !== 0), bool: true };
    case '*':
    case '×':
    case 'mul':
      return { apply: (a, b) => bool(a !== 0 && b !== 0), bool: true };
    case '-':
    case 'sub':
      return null;
    case '%':
    case 'mod':
      // Integer remainder: numpy gives 0 for a zero divisor.
      return { apply: (a, b) => (b === 0 ? 0 : a % b), bool: false };
    case 'max':
    case 'clip_min':
    case 'clip_max':
      return { apply: BINARY[op]!, bool: true };
    default:
      return { apply: BINARY[op]!, bool: false };
  }
}

/** Round to the nearest IEEE half-precision value, ties to even. */
export function toFloat16(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const exponent = Math.max(-14, Math.floor(Math.log2(Math.abs(x))));
  const ulp = 2 ** (exponent - 10);
  const scaled = x / ulp;
  let rounded = Math.round(scaled);
  if (Math.abs(scaled % 1) === 0.5 && rounded % 2 !== 0) rounded -= 1;
  const out = rounded * ulp;
  return Math.abs(out) > 65504 ? Math.sign(out) * Infinity : out;
}

/** A unary function over a bool array: its function and whether the result stays bool; null when refused. */
export function booleanUnary(op: string): { apply: (x: number) => number; bool: boolean } | null {
  if (op === 'abs' || op === 'absolute') return { apply: (x) => x, bool: true };
  if (op === 'neg' || op === 'negative') return null;
  const fn = UNARY[op]!;
  return { apply: (x) => toFloat16(Math.fround(fn(x))), bool: false };
}
