import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GnocchiError } from '../errors';
import { parseSearchQueryString } from './query-string';

interface ParseVector {
  name: string;
  kind: string;
  input: { filter?: string; json_filter?: unknown };
  expected: { filter?: unknown; error?: { status: number; body_prefix?: string } };
}

// The search-parse vectors of ../shared/conformance/gnocchi-public.json (copied into src/metering/conformance).
const vectorFile =
  process.env.GNOCCHI_CONFORMANCE_FILE ?? new URL('../conformance/gnocchi-public.json', import.meta.url);
const vectors = (JSON.parse(readFileSync(vectorFile, 'utf8')) as ParseVector[]).filter(
  (v) => v.kind === 'search-parse' && v.input.filter !== undefined,
);

function parseOutcome(text: string): { filter: unknown } | { error: unknown } {
  try {
    return { filter: parseSearchQueryString(text) };
  } catch (e) {
    if (e instanceof GnocchiError && e.status === 400) return { error: e.description };
    throw e;
  }
}

describe('search-parse vectors (query strings)', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const outcome = parseOutcome(v.input.filter ?? '');
    if (v.expected.error) {
      expect(outcome).toHaveProperty('error');
      const description = (outcome as { error: unknown }).error;
      expect(typeof description).toBe('string');
      expect(description as string).toMatch(/^Invalid filter: Expected/);
      if (v.expected.error.body_prefix) expect(description as string).toContain(v.expected.error.body_prefix);
    } else {
      expect(outcome).toEqual({ filter: v.expected.filter });
    }
  });
});

interface DifferentialCase {
  query: string;
  filter?: unknown;
  error?: string;
}

// Inputs run through Gnocchi's own parser class (pyparsing 3.3.2): hand-picked quirks and grammar-generated
// queries, valid and not. Trees and error texts must be the same.
const differential = (
  JSON.parse(
    readFileSync(new URL('./conformance/query-string-differential.json', import.meta.url), 'utf8'),
  ) as { cases: DifferentialCase[] }
).cases;

describe("the same answers as Gnocchi's parser", () => {
  it.each(differential.map((c) => [c.query, c] as const))('%j', (query, c) => {
    expect(parseOutcome(query)).toEqual(c.error !== undefined ? { error: c.error } : { filter: c.filter });
  });
});

describe('quirks kept on purpose', () => {
  it('never parses ==', () => {
    const outcome = parseOutcome('id == foobar') as { error: string };
    expect(outcome.error).toMatch(/^Invalid filter: Expected \{Re:\('None\|none\|null'\) /);
    expect(outcome.error.endsWith(" found '='  (at char 4), (line:1, col:5)")).toBe(true);
  });

  it('reads `not` as a prefix even without a space', () => {
    expect(parseSearchQueryString('notes="x"')).toEqual({ not: { '=': { es: 'x' } } });
  });

  it('keeps operators verbatim and binds and/∧/or/∨ at distinct levels', () => {
    expect(parseSearchQueryString('a≠1 ∧ b eq 2 and c=3 ∨ d=4')).toEqual({
      '∨': [{ '=': { d: 4 } }, { '∧': [{ and: [{ '=': { c: 3 } }, { eq: { b: 2 } }] }, { '≠': { a: 1 } }] }],
    });
  });

  it('answers deep parentheses quickly (pyparsing without packrat would take hours)', () => {
    const depth = 200;
    const text = `${'('.repeat(depth)}a=1${')'.repeat(depth)}`;
    const started = performance.now();
    expect(parseSearchQueryString(text)).toEqual({ '=': { a: 1 } });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(parseOutcome(`${'('.repeat(depth)}a=1`)).toHaveProperty('error');
  });

  it('turns what crashes Gnocchi (a 500) into a 400', () => {
    expect(parseOutcome('a=1:.5')).toEqual({
      error: "Invalid filter: could not convert string to float: '1:.5'",
    });
    expect(parseOutcome('a="and"')).toEqual({ error: 'Invalid filter: Unable to parse this query' });
  });
});

// Printing a random filter tree as a query string and parsing it back gives the tree, with each n-ary chain
// read back in reverse order and parentheses where a lower-precedence operator sits under a higher one.
type Tree =
  | { kind: 'cmp'; op: string; field: string; value: string | number | null | boolean }
  | { kind: 'not'; operand: Tree }
  | { kind: 'chain'; op: 'and' | '∧' | 'or' | '∨'; operands: Tree[] };

const OPERATOR_WORDS = new Set(['and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'ge', 'le', 'in', 'like']);
const LEVEL: Record<string, number> = { not: 0, and: 1, '∧': 2, or: 3, '∨': 4 };
const field = fc
  .stringMatching(/^[b-m][a-z0-9_]{0,6}$/)
  .filter((f) => !/^(and|or|not|in|like|eq|ne|lt|gt|ge|le)/.test(f));
const value = fc.oneof(
  fc.constantFrom(null, true, false),
  fc.integer({ min: -1000, max: 1000 }),
  // A quoted operator word ("or", "ge") reaches Gnocchi's fold as that operator, which then fails (a 500 in
  // Gnocchi, a 400 here), so it cannot print and parse back.
  fc.stringMatching(/^[a-z0-9 %_.:-]{0,8}$/).filter((v) => !OPERATOR_WORDS.has(v)),
);
const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      kind: fc.constant('cmp' as const),
      op: fc.constantFrom('=', '!=', '<', '>=', 'ne', '≥', 'like'),
      field,
      value,
    }),
    fc.record({ kind: fc.constant('not' as const), operand: tie('t') }),
    fc.record({
      kind: fc.constant('chain' as const),
      op: fc.constantFrom('and' as const, '∧' as const, 'or' as const, '∨' as const),
      operands: fc.array(tie('t'), { minLength: 2, maxLength: 4 }),
    }),
  ),
})).t;

function printValue(v: string | number | null | boolean): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `"${v}"`;
  return String(v);
}

function print(t: Tree): string {
  if (t.kind === 'cmp') return `${t.field} ${t.op} ${printValue(t.value)}`;
  if (t.kind === 'not') {
    const inner = print(t.operand);
    return t.operand.kind === 'chain' ? `not (${inner})` : `not ${inner}`;
  }
  const level = LEVEL[t.op] ?? 0;
  return t.operands
    .map((o) => {
      const text = print(o);
      // Same-operator chains and anything binding at or above this level need parentheses to stay apart.
      return o.kind === 'chain' && (LEVEL[o.op] ?? 0) >= level ? `(${text})` : text;
    })
    .join(` ${t.op} `);
}

function expected(t: Tree): unknown {
  if (t.kind === 'cmp') return { [t.op]: { [t.field]: t.value } };
  if (t.kind === 'not') return { not: expected(t.operand) };
  // Gnocchi's fold merges a parenthesised chain of the same operator in last place into the outer one.
  const reversed = [...t.operands].reverse();
  const out: unknown[] = [];
  const [lastOperand, ...rest] = reversed;
  if (lastOperand?.kind === 'chain' && lastOperand.op === t.op)
    out.push(...(expected(lastOperand) as Record<string, unknown[]>)[t.op]!);
  else out.push(expected(lastOperand!));
  out.push(...rest.map(expected));
  return { [t.op]: out };
}

describe('printing and parsing back', () => {
  it('gives the tree back, chains reversed', () => {
    fc.assert(
      fc.property(tree, (t) => {
        expect(parseSearchQueryString(print(t))).toEqual(expected(t));
      }),
      { numRuns: 300 },
    );
  });
});
