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
