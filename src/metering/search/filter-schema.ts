// ResourceSearchSchema: the shape check every search filter passes, the JSON body as well as the parsed
// `?filter=`. Gnocchi writes it as a voluptuous schema, and clients see voluptuous's sentences ("expected a
// list for dictionary value @ data['and']") and paths, so the walk below follows voluptuous's order of checks
// and its rule for when " for dictionary value" is appended (errors found at the key's own depth).

import { badRequest } from '../errors.js';
import { ResourceIdError, resourceUuid } from '../resource-id.js';
import { type PyNumber, pyStrRepr } from './py.js';
import { parsedOrigin, parseSearchQueryString } from './query-string.js';

export const COMPARISON_OPERATORS = [
  '=', '==', 'eq', '<', 'lt', '>', 'gt', '<=', '≤', 'le', '>=', '≥', 'ge', '!=', '≠', 'ne',
] as const; // prettier-ignore
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number] | 'like';
export const MULTIPLE_OPERATORS = ['and', 'or', '∧', '∨'] as const;
export type MultipleOperator = (typeof MULTIPLE_OPERATORS)[number];

/** A filter value as Gnocchi holds it: numbers remember whether Python saw an int or a float. */
export type FilterScalar = string | boolean | null | PyNumber;

/** The validated filter. Operator tokens are kept as written (`≠`, `eq`, `∧`); `id` values are already
 *  canonical UUIDs. `empty` is a `{}` node: matching everything at the top, "Unable to parse this query"
 *  anywhere below (Gnocchi's indexer cannot take an empty node). */
export type Filter =
  | { readonly kind: 'empty' }
  | {
      readonly kind: 'compare';
      readonly op: ComparisonOperator;
      readonly field: string;
      readonly value: FilterScalar;
    }
  | { readonly kind: 'in'; readonly field: string; readonly values: readonly FilterScalar[] }
  | { readonly kind: 'multiple'; readonly op: MultipleOperator; readonly operands: readonly Filter[] }
  | { readonly kind: 'not'; readonly operand: Filter };

type PathPart = { readonly repr: string; readonly str: string };

/** voluptuous.Invalid: message, path, and the "for dictionary value" suffix when set. */
class Invalid extends Error {
  errorType: string | undefined;
  constructor(
    readonly msg: string,
    readonly path: readonly PathPart[],
  ) {
    super(msg);
  }
  override toString(): string {
    const suffix = this.errorType ? ` for ${this.errorType}` : '';
    const at = this.path.length > 0 ? ` @ data[${this.path.map((p) => p.repr).join('][')}]` : '';
    return `${this.msg}${suffix}${at}`;
  }
}

const DICTIONARY_VALUE = 'dictionary value';

function keyPart(key: string): PathPart {
  return { repr: pyStrRepr(key), str: key };
}

function indexPart(i: number): PathPart {
  return { repr: String(i), str: String(i) };
}

function isDict(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Python's len(), or null when the value has none (numbers, booleans, None). */
function pyLen(v: unknown): number | null {
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (isDict(v)) return Object.keys(v).length;
  return null;
}

function checkLength(v: unknown, path: readonly PathPart[], min: number, max: number | undefined): void {
  const n = pyLen(v);
  if (n === null) throw new Invalid('invalid value or type', path);
  if (n < min) throw new Invalid(`length of value must be at least ${min}`, path);
  if (max !== undefined && n > max) throw new Invalid(`length of value must be at most ${max}`, path);
}

/** Runs a mapping's value validator: errors at the key's own depth get the dictionary-value suffix. */
function mappingValue<T>(keyPath: readonly PathPart[], run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof Invalid && e.path.length <= keyPath.length) e.errorType = DICTIONARY_VALUE;
    throw e;
  }
}

interface Context {
  readonly creator: string | null;
}

function scalar(value: unknown, floats: boolean, path: readonly PathPart[]): FilterScalar {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'number') return { py: floats || !Number.isInteger(value) ? 'float' : 'int', value };
  // Any(str, float, int, bool, None) reports its first alternative's complaint.
  throw new Invalid('expected str', path);
}

function mappedId(value: unknown, ctx: Context, path: readonly PathPart[]): string {
  // Gnocchi raises TypeError (a 500) for a non-string id; a 400 with voluptuous's words is kinder.
  if (typeof value !== 'string') throw new Invalid('not a valid value', path);
  try {
    return resourceUuid(value, ctx.creator);
  } catch (e) {
    // rest/api.py's ResourceUUID re-raises the ValueError as voluptuous.Invalid(e): its text is the reason.
    if (e instanceof ResourceIdError) throw new Invalid(e.message, path);
    throw e;
  }
}

/** The single {field: value} of a comparison, with its key checked the way the schema's key validators do. */
function fieldEntry(
  node: unknown,
  path: readonly PathPart[],
): { field: string; fieldPath: PathPart[]; value: unknown; floats: boolean } {
  checkLength(node, path, 1, 1);
  if (!isDict(node)) throw new Invalid('expected a dictionary', path);
  const [field, value] = Object.entries(node)[0] as [string, unknown];
  const origin = parsedOrigin(node);
  if (origin?.nonStringKey) {
    throw new Invalid('expected str', [
      ...path,
      { repr: origin.nonStringKey.repr, str: origin.nonStringKey.repr },
    ]);
  }
  return { field, fieldPath: [...path, keyPart(field)], value, floats: origin !== undefined };
}

function comparison(op: ComparisonOperator, node: unknown, path: readonly PathPart[], ctx: Context): Filter {
  const { field, fieldPath, value, floats } = fieldEntry(node, path);
  if (field === 'id') {
    if (op === 'like') throw new Invalid("value must not be one of ['id']", fieldPath);
    return {
      kind: 'compare',
      op,
      field,
      value: mappingValue(fieldPath, () => mappedId(value, ctx, fieldPath)),
    };
  }
  return {
    kind: 'compare',
    op,
    field,
    value: mappingValue(fieldPath, () => scalar(value, floats, fieldPath)),
  };
}

function inList(node: unknown, path: readonly PathPart[], ctx: Context): Filter {
  const { field, fieldPath, value, floats } = fieldEntry(node, path);
  const values = mappingValue(fieldPath, () => {
    if (!Array.isArray(value)) throw new Invalid('expected a list', fieldPath);
    const out = value.map((item: unknown, i) => {
      const itemPath = [...fieldPath, indexPart(i)];
      return field === 'id' ? mappedId(item, ctx, itemPath) : scalar(item, floats, itemPath);
    });
    checkLength(value, fieldPath, 1, undefined);
    return out;
  });
  return { kind: 'in', field, values };
}

/** [ResourceSearchSchema] then Length(min=1): voluptuous keeps going past an item's own error but gives up at
 *  once on an error found deeper inside an item. */
function operands(value: unknown, path: readonly PathPart[], ctx: Context): Filter[] {
  if (!Array.isArray(value)) throw new Invalid('expected a list', path);
  const out: Filter[] = [];
  let firstShallow: Invalid | undefined;
  value.forEach((item: unknown, i) => {
    const itemPath = [...path, indexPart(i)];
    try {
      out.push(node(item, itemPath, ctx));
    } catch (e) {
      if (!(e instanceof Invalid) || e.path.length > itemPath.length) throw e;
      firstShallow ??= e;
    }
  });
  if (firstShallow) throw firstShallow;
  checkLength(value, path, 1, undefined);
  return out;
}

function node(value: unknown, path: readonly PathPart[], ctx: Context): Filter {
  checkLength(value, path, 0, 1);
  if (!isDict(value)) throw new Invalid('expected a dictionary', path);
  const entries = Object.entries(value);
  if (entries.length === 0) return { kind: 'empty' };
  const [key, inner] = entries[0] as [string, unknown];
  const keyPath = [...path, keyPart(key)];
  if ((COMPARISON_OPERATORS as readonly string[]).includes(key))
    return mappingValue(keyPath, () => comparison(key as ComparisonOperator, inner, keyPath, ctx));
  if (key === 'like') return mappingValue(keyPath, () => comparison('like', inner, keyPath, ctx));
  if (key === 'in') return mappingValue(keyPath, () => inList(inner, keyPath, ctx));
  if ((MULTIPLE_OPERATORS as readonly string[]).includes(key)) {
    const list = mappingValue(keyPath, () => operands(inner, keyPath, ctx));
    return { kind: 'multiple', op: key as MultipleOperator, operands: list };
  }
  if (key === 'not') return { kind: 'not', operand: mappingValue(keyPath, () => node(inner, keyPath, ctx)) };
  // No key validator accepted the operator; the Any() of comparison operators reports first.
  throw new Invalid('not a valid value', keyPath);
}

/**
 * ResourceSearchSchema over a JSON filter (a request body, or parseSearchQueryString's output). Ids are mapped
 * through resourceUuid with `creator`. Throws GnocchiError 400 {cause: "Invalid input", reason, detail}.
 */
export function validateFilter(json: unknown, creator: string | null): Filter {
  try {
    return node(json, [], { creator });
  } catch (e) {
    if (e instanceof Invalid)
      throw badRequest({ cause: 'Invalid input', reason: e.toString(), detail: e.path.map((p) => p.str) });
    throw e;
  }
}

/** QueryStringSearchAttrFilter.parse: the `?filter=` text, parsed and validated. */
export function parseSearchFilter(text: string, creator: string | null): Filter {
  return validateFilter(parseSearchQueryString(text), creator);
}
