// Gnocchi's voluptuous schema for `operations` (rest/aggregates/api.py, OperationsSchemaBase), as voluptuous
// 0.12 runs it: `Any` keeps the first error among those with the longest path; `ExactSequence` validates each
// element with a schema of its own, so an element's error keeps the path it had inside that element; only the
// metric node's list of pairs adds an index to the path. Hence "'x' operation invalid" for most mistakes, and
// "None @ data['operations'][0]" for a malformed metric node anywhere in the tree.

import { badRequest, type GnocchiError } from '../errors';
import { toTimespanUs } from '../timespan';
import {
  AGGREGATE_METHODS,
  BINARY_OPERATORS,
  RESAMPLE_METHODS,
  TERNARY_OPERATORS,
  UNARY_OPERATORS,
  UNARY_OPERATORS_WITH_TIMESTAMPS,
} from './operators';
import { coerceFloat, pythonFloatRepr, pythonStrRepr, pythonTypeName } from './python-text';

/** The tree as the schema returns it: strings kept, operands coerced to float, the rolling window to int and
 *  the resample granularity to a timespan. */
export type ValidatedTree =
  string | { float: number } | { int: number } | { timespanUs: number } | ValidatedTree[];

class Invalid extends Error {
  constructor(
    readonly reason: string | null,
    readonly path: readonly number[] = [],
  ) {
    super(reason ?? 'None');
  }

  prepend(index: number): Invalid {
    return new Invalid(this.reason, [index, ...this.path]);
  }
}

type Validator = (value: unknown) => ValidatedTree;

function anyOf(validators: readonly Validator[], value: unknown): ValidatedTree {
  let error: Invalid | null = null;
  for (const validate of validators) {
    try {
      return validate(value);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      if (error === null || e.path.length > error.path.length) error = e;
    }
  }
  throw error ?? new Invalid('no valid value found');
}

function exactSequence(elements: readonly Validator[]): Validator {
  return (value) => {
    if (!Array.isArray(value) || value.length !== elements.length) throw new Invalid(null);
    return elements.map((validate, i) => validate(value[i]));
  };
}

function literal(names: readonly string[]): Validator {
  const allowed = new Set(names);
  return (value) => {
    if (typeof value === 'string' && allowed.has(value)) return value;
    throw new Invalid('not a valid value');
  };
}

const string: Validator = (value) => {
  if (typeof value === 'string') return value;
  throw new Invalid('expected str');
};

/** str() of a JSON value, as Python would print the first token of an invalid operation. */
function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pythonFloatRepr(value);
  if (typeof value === 'string') return pythonStrRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${pythonStrRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
}

const pair = exactSequence([string, string]);

const metricNode: Validator = (value) => {
  if (!Array.isArray(value)) throw new Invalid(`Expected a tuple/list, got a ${pythonTypeName(value)}`);
  if (value.length === 0) throw new Invalid('Operation must not be empty');
  if (value.length < 2) throw new Invalid('Operation need at least one argument');
  if (value[0] !== 'metric') throw new Invalid(`'${pythonStr(value[0])}' operation invalid`);
  const listOfPairs: Validator = (refs) =>
    (refs as unknown[]).map((ref, i) => {
      try {
        return pair(ref);
      } catch (e) {
        throw e instanceof Invalid ? e.prepend(i) : e;
      }
    });
  const refs = anyOf([pair, listOfPairs], value.slice(1));
  return ['metric', ...(refs as ValidatedTree[])];
};

const toFloat: Validator = (value) => {
  const number = coerceFloat(value);
  if (number === null) throw new Invalid('expected float');
  return { float: number };
};

const timespan: Validator = (value) => {
  try {
    return { timespanUs: toTimespanUs(typeof value === 'boolean' ? Number(value) : value) };
  } catch {
    throw new Invalid('not a valid value');
  }
};

/** All(Coerce(int), Range(min=1)): int() truncates a number and parses a string of digits only. */
const rollingWindow: Validator = (value) => {
  let window: number | null = null;
  if (typeof value === 'boolean') window = Number(value);
  else if (typeof value === 'number' && Number.isFinite(value)) window = Math.trunc(value);
  else if (typeof value === 'string' && /^\s*[+-]?\d(_?\d)*\s*$/.test(value)) {
    window = Number(value.trim().replaceAll('_', ''));
  }
  if (window === null) throw new Invalid('expected int');
  if (window < 1) throw new Invalid('value must be at least 1');
  return { int: window };
};

const subNode: Validator = (value) => anyOf([...BASE, toFloat], value);

const BASE: readonly Validator[] = [
  metricNode,
  exactSequence([literal(TERNARY_OPERATORS), subNode, subNode, subNode]),
  exactSequence([literal(BINARY_OPERATORS), subNode, subNode]),
  exactSequence([literal(TERNARY_OPERATORS), subNode, subNode]),
  exactSequence([literal(UNARY_OPERATORS), subNode]),
  exactSequence([literal(UNARY_OPERATORS_WITH_TIMESTAMPS), subNode]),
  exactSequence([literal(['aggregate']), literal(AGGREGATE_METHODS), subNode]),
  exactSequence([literal(['resample']), literal(RESAMPLE_METHODS), timespan, subNode]),
  exactSequence([literal(['rolling']), literal(AGGREGATE_METHODS), rollingWindow, subNode]),
];

function invalidInput(error: Invalid): GnocchiError {
  // The body schema adds the 'operations' key to the path; an error no deeper than that key is reported
  // "for dictionary value", a deeper one with its index.
  const path = ['operations', ...error.path];
  const where = `data[${path.map((p) => (typeof p === 'string' ? pythonStrRepr(p) : String(p))).join('][')}]`;
  const message = error.reason ?? 'None';
  const reason =
    error.path.length === 0 ? `${message} for dictionary value @ ${where}` : `${message} @ ${where}`;
  return badRequest({ cause: 'Invalid input', reason, detail: path.map(String) });
}

/** The parsed operations (a list) validated as Gnocchi's OperationsSchema does. */
export function validateOperationsTree(value: unknown): ValidatedTree {
  try {
    return anyOf(BASE, value);
  } catch (e) {
    if (e instanceof Invalid) throw invalidInput(e);
    throw e;
  }
}
