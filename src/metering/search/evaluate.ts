// QueryTransformer over resources held in memory. Gnocchi turns the filter into SQL for PostgreSQL; what a
// client sees of that is kept here: each value converted to the column's type first (a String column compares
// str(value), so an unquoted 1 is "1.0"), SQL's three-valued logic (a comparison with NULL is unknown, and
// `not` of unknown is still unknown), `!=` also matching NULL, and LIKE as PostgreSQL reads it.
// Every error is raised while compiling, in the order Gnocchi's indexer would meet it, never while matching.

import { badRequest } from '../errors.js';
import { TimespanError, toTimespanUs, toTimestampUs } from '../timespan.js';
import { parsePythonUuid } from '../resource-id.js';
import type { Filter, FilterScalar } from './filter-schema.js';
import { isPyNumber, pyParseFloat, pyParseInt, pyStr, type PyValue } from './py.js';

export type AttributeKind = 'string' | 'number' | 'bool' | 'uuid' | 'datetime';

/** A resource as search sees it: the standard fields (id, original_resource_id, type, creator,
 *  user_id, project_id, started_at, ended_at, revision_start, revision_end — times as µs numbers or null)
 *  plus the type's attributes. */
export type SearchableResource = Readonly<Record<string, string | number | boolean | null>>;

export interface CompileOptions {
  /** Searching revisions (`history=true`): `revision` and `revision_end` become columns. */
  readonly history?: boolean;
  /** "now" for relative datetimes ("-1 day"); defaults to the clock. */
  readonly nowUs?: number;
}

type ColumnKind = AttributeKind | 'integer';

const RESOURCE_COLUMNS: Readonly<Record<string, ColumnKind>> = {
  id: 'uuid',
  type: 'string',
  creator: 'string',
  started_at: 'datetime',
  revision_start: 'datetime',
  ended_at: 'datetime',
  user_id: 'string',
  project_id: 'string',
  original_resource_id: 'string',
};

const HISTORY_COLUMNS: Readonly<Record<string, ColumnKind>> = {
  revision: 'integer',
  revision_end: 'datetime',
};

/** SQL's three values: true, false, and unknown (null). */
type Tri = boolean | null;
type Predicate = (r: SearchableResource) => Tri;
/** A converted value: text, a number (floats, ints, µs, booleans as 0/1) or NULL. */
type Sql = string | number | null;

class InvalidValue extends Error {
  constructor(readonly value: PyValue) {
    super('invalid value');
  }
}

/** A value PostgreSQL or the column's bind step refuses: Gnocchi finds out only when the query runs (a 500),
 *  after every error of the compile step, so it is reported after those. */
class ExecutionInvalidValue extends InvalidValue {}

function invalidValue(value: FilterScalar | readonly FilterScalar[], field: string) {
  return badRequest(`Invalid value: \`${pyStr(value)}' for field \`${field}'`);
}

function asNumber(v: FilterScalar): number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isPyNumber(v)) return v.value;
  return null;
}

function converter(kind: ColumnKind, nowUs: number): (v: FilterScalar) => Sql {
  switch (kind) {
    case 'string':
      return (v) => pyStr(v);
    case 'number':
      return (v) => {
        const n = typeof v === 'string' ? pyParseFloat(v) : asNumber(v);
        if (n === null) throw new InvalidValue(v);
        return n;
      };
    case 'integer':
      return (v) => {
        const n = typeof v === 'string' ? pyParseInt(v) : asNumber(v);
        if (n === null || !Number.isFinite(n)) throw new InvalidValue(v);
        return Math.trunc(n);
      };
    case 'datetime':
      return (v) => {
        try {
          return toTimestampUs(typeof v === 'string' ? v : asNumber(v), nowUs);
        } catch (e) {
          if (e instanceof TimespanError) throw new InvalidValue(v);
          throw e;
        }
      };
    case 'uuid':
      // No converter in Gnocchi: the UUID column's bind step refuses what is not a UUID (a 500 there).
      return (v) => {
        const id = typeof v === 'string' ? parsePythonUuid(v) : null;
        if (id === null) throw new ExecutionInvalidValue(v);
        return id;
      };
    case 'bool':
      // No converter in Gnocchi: the Boolean column takes True, False and what equals them in Python (1, 0,
      // 1.0, 0.0; 4.4.2 answered those with a 500), and PostgreSQL reads text as a boolean ('t', 'yes', …).
      return (v) => {
        const n = typeof v === 'string' ? pgBoolean(v) : asNumber(v);
        if (n !== 0 && n !== 1) throw new ExecutionInvalidValue(v);
        return n;
      };
  }
}

/** PostgreSQL's boolin: any prefix of true/false/yes/no, on/off from two letters, 1/0; case and surrounding
 *  whitespace ignored. 1, 0, or null when PostgreSQL refuses it. */
function pgBoolean(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  const prefixOf = (word: string, min = 1) => t.length >= min && word.startsWith(t);
  if (prefixOf('true') || prefixOf('yes') || prefixOf('on', 2) || t === '1') return 1;
  if (prefixOf('false') || prefixOf('no') || prefixOf('off', 2) || t === '0') return 0;
  return null;
}

/** Column values of a resource in the same space as converted filter values. */
function columnValue(kind: ColumnKind, raw: string | number | boolean | null | undefined): Sql {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (kind === 'uuid' && typeof raw === 'string') return parsePythonUuid(raw) ?? raw;
  return raw;
}

/** PostgreSQL's order: text by code point (C collation), numbers with NaN above everything and equal to itself. */
function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const sa = String(a);
  const sb = String(b);
  if (sa === sb) return 0;
  const ca = [...sa];
  const cb = [...sb];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]?.codePointAt(0) ?? 0;
    const y = cb[i]?.codePointAt(0) ?? 0;
    if (x !== y) return x - y;
  }
  return ca.length - cb.length;
}

type Op = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge' | 'like';

const OPS: Readonly<Record<string, Op>> = {
  '=': 'eq', '==': 'eq', eq: 'eq',
  '<': 'lt', lt: 'lt',
  '>': 'gt', gt: 'gt',
  '<=': 'le', '≤': 'le', le: 'le',
  '>=': 'ge', '≥': 'ge', ge: 'ge',
  '!=': 'ne', '≠': 'ne', ne: 'ne',
  like: 'like',
}; // prettier-ignore

class LikeError extends Error {}

/** PostgreSQL LIKE: `%` any run, `_` one character, `\` escapes the next one; case-sensitive, whole string. */
export function likePattern(pattern: string): RegExp {
  let source = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (c === '\\') {
      i += 1;
      if (i >= chars.length) throw new LikeError();
      source += escapeRegex(chars[i] ?? '');
    } else if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += escapeRegex(c);
  }
  return new RegExp(`^${source}$`, 'su');
}

function escapeRegex(c: string): string {
  // Only what is special outside a character class: with the `u` flag an escaped `-` is a syntax error.
  return c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function comparePredicate(op: Op, read: (r: SearchableResource) => Sql, value: Sql): Predicate {
  if (op === 'like') {
    if (value === null) return () => null;
    const re = likePattern(String(value));
    return (r) => {
      const v = read(r);
      return v === null ? null : re.test(String(v));
    };
  }
  if (value === null) {
    // SQLAlchemy writes `= None` as IS NULL and `!= None` as IS NOT NULL; any other comparison with NULL is
    // unknown.
    if (op === 'eq') return (r) => read(r) === null;
    if (op === 'ne') return (r) => read(r) !== null;
    return () => null;
  }
  const test = (c: number): boolean =>
    op === 'eq'
      ? c === 0
      : op === 'ne'
        ? c !== 0
        : op === 'lt'
          ? c < 0
          : op === 'gt'
            ? c > 0
            : op === 'le'
              ? c <= 0
              : c >= 0;
  if (op === 'ne') {
    // Gnocchi's `(attr IS NULL) OR (attr != value)`, so a resource without the attribute differs from anything.
    return (r) => {
      const v = read(r);
      return v === null ? true : test(compare(v, value));
    };
  }
  return (r) => {
    const v = read(r);
    return v === null ? null : test(compare(v, value));
  };
}

function inPredicate(read: (r: SearchableResource) => Sql, values: readonly Sql[]): Predicate {
  const present = values.filter((v): v is string | number => v !== null);
  const hasNull = present.length < values.length;
  return (r) => {
    const v = read(r);
    if (v === null) return null;
    if (present.some((x) => compare(v, x) === 0)) return true;
    return hasNull ? null : false;
  };
}

function not(p: Predicate): Predicate {
  return (r) => {
    const v = p(r);
    return v === null ? null : !v;
  };
}

function and(ps: readonly Predicate[]): Predicate {
  return (r) => {
    let unknown = false;
    for (const p of ps) {
      const v = p(r);
      if (v === false) return false;
      if (v === null) unknown = true;
    }
    return unknown ? null : true;
  };
}

function or(ps: readonly Predicate[]): Predicate {
  return (r) => {
    let unknown = false;
    for (const p of ps) {
      const v = p(r);
      if (v === true) return true;
      if (v === null) unknown = true;
    }
    return unknown ? null : false;
  };
}

/** created_by_user_id / created_by_project_id: LIKE on the creator, "user:project"; `=`, `!=` and `like` only. */
function creatorPredicate(
  field: string,
  op: Op | 'in',
  value: FilterScalar | readonly FilterScalar[],
): Predicate {
  if (op === 'in' || !(op === 'eq' || op === 'ne' || op === 'like')) throw invalidValue(value, field);
  const text = pyStr(value);
  const pattern = field === 'created_by_user_id' ? `${text}:%` : `%:${text}`;
  const like = comparePredicate('like', (r) => columnValue('string', r.creator), pattern);
  return op === 'ne' ? not(like) : like;
}

function lifespanUs(r: SearchableResource): Sql {
  const started = r.started_at;
  const ended = r.ended_at;
  return typeof started === 'number' && typeof ended === 'number' ? ended - started : null;
}

/**
 * The filter as a predicate over resources of `resourceType`, whose own attributes are `attributes`.
 * Throws GnocchiError 400 "Resource type X has no Y attribute" or "Invalid value: `v' for field `f'" (and
 * "Unable to parse this query" for an empty node below the top) while compiling.
 */
export function compileFilter(
  filter: Filter,
  resourceType: string,
  attributes: Readonly<Record<string, AttributeKind>>,
  options: CompileOptions = {},
): (resource: SearchableResource) => boolean {
  if (filter.kind === 'empty') return () => true;
  const nowUs = options.nowUs ?? Date.now() * 1000;
  const columns: Record<string, ColumnKind> = {
    ...RESOURCE_COLUMNS,
    ...(options.history ? HISTORY_COLUMNS : {}),
  };
  for (const [name, kind] of Object.entries(attributes))
    if (!Object.hasOwn(columns, name)) columns[name] = kind;

  const deferred: Error[] = [];
  const binary = (field: string, op: Op | 'in', value: FilterScalar | readonly FilterScalar[]): Predicate => {
    if (field === 'created_by_user_id' || field === 'created_by_project_id') {
      try {
        return creatorPredicate(field, op, value);
      } catch (e) {
        if (!(e instanceof LikeError)) throw e;
        deferred.push(invalidValue(value, field));
        return () => null;
      }
    }
    let kind: ColumnKind;
    let read: (r: SearchableResource) => Sql;
    let convert: (v: FilterScalar) => Sql;
    if (field === 'lifespan') {
      // utils.to_timespan refuses None and lists (a 500 in Gnocchi, which converts outside its try).
      if (op === 'in' || value === null) throw invalidValue(value, field);
      kind = 'number';
      read = lifespanUs;
      convert = (v) => {
        try {
          return toTimespanUs(typeof v === 'string' ? v : (asNumber(v) ?? v));
        } catch (e) {
          if (e instanceof TimespanError) throw new InvalidValue(v);
          throw e;
        }
      };
    } else {
      const k = Object.hasOwn(columns, field) ? columns[field] : undefined;
      if (k === undefined) throw badRequest(`Resource type ${resourceType} has no ${field} attribute`);
      kind = k;
      read = (r) => columnValue(k, r[field]);
      convert = converter(k, nowUs);
    }
    try {
      if (op === 'in') {
        const list = value as readonly FilterScalar[];
        // Each element goes through the column's converter, None included (str(None) is "None"); the UUID and
        // Boolean columns have no converter and keep NULL.
        const keepsNull = kind === 'uuid' || kind === 'bool';
        return inPredicate(
          read,
          list.map((v) => (v === null && keepsNull ? null : convert(v))),
        );
      }
      const v = value as FilterScalar;
      // PostgreSQL has LIKE for text only; elsewhere it fails the query (a 500 in Gnocchi).
      if (op === 'like' && kind !== 'string') throw new ExecutionInvalidValue(v);
      return comparePredicate(op, read, v === null ? null : convert(v));
    } catch (e) {
      if (e instanceof ExecutionInvalidValue || e instanceof LikeError) {
        deferred.push(invalidValue(value, field));
        return () => null;
      }
      if (e instanceof InvalidValue) throw invalidValue(value, field);
      throw e;
    }
  };

  const build = (node: Filter): Predicate => {
    switch (node.kind) {
      case 'empty':
        throw badRequest('Unable to parse this query');
      case 'compare':
        return binary(node.field, OPS[node.op] ?? 'eq', node.value);
      case 'in':
        return binary(node.field, 'in', node.values);
      case 'not':
        return not(build(node.operand));
      case 'multiple': {
        const parts = node.operands.map(build);
        return node.op === 'and' || node.op === '∧' ? and(parts) : or(parts);
      }
    }
  };

  const predicate = build(filter);
  if (deferred[0]) throw deferred[0];
  return (resource) => predicate(resource) === true;
}
