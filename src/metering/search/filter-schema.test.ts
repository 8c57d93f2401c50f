import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GnocchiError } from '../errors';
import { resourceUuid } from '../resource-id';
import { type Filter, parseSearchFilter, validateFilter } from './filter-schema';
import { parseSearchQueryString } from './query-string';

interface ParseVector {
  name: string;
  kind: string;
  input: { filter?: string; json_filter?: unknown };
  expected: {
    error?: { status: number; description?: { cause: string; reason_regex: string; detail: string[] } };
  };
}

const vectorFile =
  process.env.GNOCCHI_CONFORMANCE_FILE ?? new URL('../conformance/gnocchi-public.json', import.meta.url);
const vectors = (JSON.parse(readFileSync(vectorFile, 'utf8')) as ParseVector[]).filter(
  (v) => v.kind === 'search-parse' && v.input.json_filter !== undefined,
);

function invalid(json: unknown, creator: string | null = 'admin'): unknown {
  try {
    validateFilter(json, creator);
  } catch (e) {
    if (e instanceof GnocchiError && e.status === 400) return e.description;
    throw e;
  }
  throw new Error('expected a 400');
}

describe('search-parse vectors (JSON filters)', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const expected = v.expected.error?.description;
    if (!expected) {
      expect(() => validateFilter(v.input.json_filter, 'admin')).not.toThrow();
      return;
    }
    const description = invalid(v.input.json_filter) as { cause: string; reason: string; detail: string[] };
    expect(description.cause).toBe(expected.cause);
    expect(description.reason).toMatch(new RegExp(expected.reason_regex));
    expect(description.detail).toEqual(expected.detail);
  });
});

const reason = (r: string, detail: string[]) => ({ cause: 'Invalid input', reason: r, detail });

// Texts as the reference Gnocchi answers them, moved to the newest voluptuous where it differs
// ("value must not be one of ['id']", as search.yaml asserts, instead of 4.4.2's "extra keys not allowed").
describe("voluptuous's messages", () => {
  it.each<[unknown, unknown]>([
    [{ like: { id: 'fa%' } }, reason("value must not be one of ['id'] @ data['like']['id']", ['like', 'id'])],
    [
      { like: { id: ['fa%'] } },
      reason("value must not be one of ['id'] @ data['like']['id']", ['like', 'id']),
    ],
    [{ wrong: { a: 1 } }, reason("not a valid value @ data['wrong']", ['wrong'])],
    [{ '=': { a: [1] } }, reason("expected str for dictionary value @ data['=']['a']", ['=', 'a'])],
    [
      { ne: { project_id: ['foobar'] } },
      reason("expected str for dictionary value @ data['ne']['project_id']", ['ne', 'project_id']),
    ],
    [
      { in: { s: [] } },
      reason("length of value must be at least 1 for dictionary value @ data['in']['s']", ['in', 's']),
    ],
    [
      { and: [5, { not: [] }] },
      reason("expected a dictionary for dictionary value @ data['and'][1]['not']", ['and', '1', 'not']),
    ],
    [{ '=': 5 }, reason("invalid value or type for dictionary value @ data['=']", ['='])],
    [[1], reason('expected a dictionary', [])],
    ['ab', reason('length of value must be at most 1', [])],
    ['a', reason('expected a dictionary', [])],
    [5, reason('invalid value or type', [])],
    [
      { '=': { a: 1, b: 2 } },
      reason("length of value must be at most 1 for dictionary value @ data['=']", ['=']),
    ],
    [{ '=': {} }, reason("length of value must be at least 1 for dictionary value @ data['=']", ['='])],
    [
      { in: { id: ['a/b'] } },
      reason("'/' is not supported in resource id @ data['in']['id'][0]", ['in', 'id', '0']),
    ],
    [
      { '=': { id: 'a/b' } },
      reason("'/' is not supported in resource id for dictionary value @ data['=']['id']", ['=', 'id']),
    ],
    [{ in: { id: 'x' } }, reason("expected a list for dictionary value @ data['in']['id']", ['in', 'id'])],
    [{ and: {} }, reason("expected a list for dictionary value @ data['and']", ['and'])],
    [{ and: [] }, reason("length of value must be at least 1 for dictionary value @ data['and']", ['and'])],
    [{ not: 5 }, reason("invalid value or type for dictionary value @ data['not']", ['not'])],
    [{ in: { s: [[1]] } }, reason("expected str @ data['in']['s'][0]", ['in', 's', '0'])],
    [{ '=': { s: { x: 1 } } }, reason("expected str for dictionary value @ data['=']['s']", ['=', 's'])],
    [{ '=': 'ab' }, reason("length of value must be at most 1 for dictionary value @ data['=']", ['='])],
    [
      { and: [{ '=': { a: 1 } }, { '=': 5 }] },
      reason("invalid value or type for dictionary value @ data['and'][1]['=']", ['and', '1', '=']),
    ],
    [{ '=': { a: 1 }, '<': { b: 2 } }, reason('length of value must be at most 1', [])],
  ])('%j', (json, expected) => {
    expect(invalid(json)).toEqual(expected);
  });

  it('reports a non-string field from the query string as a key error', () => {
    expect(invalid(parseSearchQueryString('1=a'))).toEqual(
      reason("expected str @ data['='][1.0]", ['=', '1.0']),
    );
  });
});

describe('the validated tree', () => {
  it('maps ids through resourceUuid with the creator', () => {
    expect(
      validateFilter({ in: { id: ['cd9eef', '7EED6CC3-EDC8-48C9-8EF6-8A36B9ACC91C'] } }, 'admin'),
    ).toEqual({
      kind: 'in',
      field: 'id',
      values: [resourceUuid('cd9eef', 'admin'), '7eed6cc3-edc8-48c9-8ef6-8a36b9acc91c'],
    } satisfies Filter);
  });

  it('knows query-string numbers are floats and JSON integers are ints', () => {
    expect(parseSearchFilter('flavor_id=1', null)).toEqual({
      kind: 'compare',
      op: '=',
      field: 'flavor_id',
      value: { py: 'float', value: 1 },
    });
    expect(validateFilter({ '=': { flavor_id: 1 } }, null)).toMatchObject({ value: { py: 'int', value: 1 } });
    expect(validateFilter({ '=': { flavor_id: 1.5 } }, null)).toMatchObject({
      value: { py: 'float', value: 1.5 },
    });
  });

  it('keeps operator tokens and nesting as written', () => {
    expect(parseSearchFilter('not (a≠"x" ∨ b ≥ 2)', 'u')).toEqual({
      kind: 'not',
      operand: {
        kind: 'multiple',
        op: '∨',
        operands: [
          { kind: 'compare', op: '≥', field: 'b', value: { py: 'float', value: 2 } },
          { kind: 'compare', op: '≠', field: 'a', value: 'x' },
        ],
      },
    });
    expect(validateFilter({}, null)).toEqual({ kind: 'empty' });
  });
});
