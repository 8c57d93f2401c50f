import fc from 'fast-check';
import { FOLDERS, HOSTS, IMAGES, LAUNCHED, STARTED, USERS, VCPUS, originalId } from './workload';

// Resource-search filters generated from the grammar (rest/api.py's ResourceSearchSchema and the ?filter=
// grammar), as one tree rendered both ways: the JSON filter and the query string.

export type Scalar = string | number | boolean | null;
/** A value as the query string writes it: `quoted` strings keep their quotes, `bare` ones are identifiers. */
export interface Value {
  readonly json: Scalar | Scalar[];
  readonly text: string;
}
export type FilterNode =
  | { readonly kind: 'cmp'; readonly op: string; readonly field: string; readonly value: Value }
  | {
      readonly kind: 'bool';
      readonly op: 'and' | 'or';
      readonly text: 'and' | 'or' | '∧' | '∨';
      readonly args: FilterNode[];
    }
  | { readonly kind: 'not'; readonly arg: FilterNode };

/** Operators by how the query string spells them; `==` is JSON-only because the query string never parses it. */
const EQUALITY = ['=', 'eq', '!=', 'ne', '≠'];
const ORDER = ['<', '>', '<=', '>=', 'lt', 'gt', 'le', 'ge', '≤', '≥'];

const str = (s: string): Value => ({ json: s, text: `"${s}"` });
const num = (n: number): Value => ({ json: n, text: String(n) });
const NULL: Value = { json: null, text: 'null' };
const list = (values: Value[]): Value => ({
  json: values.map((v) => v.json as Scalar),
  text: `[${values.map((v) => v.text).join(', ')}]`,
});

/** An identifier-shaped string may go unquoted in the query string (it is read as a string either way). */
const bareOrQuoted = (s: string) =>
  fc
    .boolean()
    .map((bare): Value => (bare && /^[A-Za-z][A-Za-z0-9_]*$/.test(s) ? { json: s, text: s } : str(s)));

function comparison(prefix: string): fc.Arbitrary<FilterNode> {
  const cmp = (
    field: string,
    ops: readonly string[],
    value: fc.Arbitrary<Value>,
    jsonOnly: readonly string[] = [],
  ) =>
    fc
      .record({ op: fc.constantFrom(...ops, ...jsonOnly), value })
      .map(({ op, value: v }): FilterNode => ({ kind: 'cmp', op, field, value: v }));
  const stringValue = (pool: readonly string[]) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...pool, 'zz').chain(bareOrQuoted) },
      // typed comparison: a number against a string column is compared as Python's str(float)
      { weight: 1, arbitrary: fc.constantFrom(1, 2.5).map(num) },
    );
  const stringOrNull = (pool: readonly string[]) =>
    fc.oneof({ weight: 5, arbitrary: stringValue(pool) }, { weight: 1, arbitrary: fc.constant(NULL) });
  const likeValue = (pool: readonly string[]) =>
    fc.constantFrom(...pool.map((s) => `${s.slice(0, 1)}%`), '%x%', 'f_', '%').map(str);
  const inValue = (one: fc.Arbitrary<Value>) => fc.array(one, { minLength: 1, maxLength: 3 }).map(list);
  const vcpusValue = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...VCPUS, 0, 3).map(num) },
    // not a number: both answer 400 "Invalid value"
    { weight: 1, arbitrary: fc.constant(str('abc')) },
  );
  const dateValue = fc.constantFrom(...LAUNCHED, ...STARTED, '2026-01-03').map(str);
  const dateOrNull = fc.oneof(dateValue, fc.constant(NULL));
  const idValue = fc.integer({ min: 0, max: 9 }).map((i) => str(originalId(prefix, i)));
  return fc.oneof(
    cmp('host', EQUALITY, stringOrNull(HOSTS), ['==']),
    cmp('host', ORDER, stringValue(HOSTS)),
    cmp('host', ['like'], likeValue(HOSTS)),
    cmp('host', ['in'], inValue(fc.constantFrom(...HOSTS).map(str))),
    cmp('folder', EQUALITY, stringOrNull(FOLDERS), ['==']),
    cmp('folder', ORDER, stringValue(FOLDERS)),
    cmp('folder', ['like'], likeValue(FOLDERS)),
    cmp(
      'vcpus',
      EQUALITY,
      fc.oneof({ weight: 5, arbitrary: vcpusValue }, { weight: 1, arbitrary: fc.constant(NULL) }),
      ['=='],
    ),
    cmp('vcpus', ORDER, vcpusValue),
    cmp('vcpus', ['in'], inValue(fc.constantFrom(...VCPUS).map(num))),
    // Only equality with booleans or null: 4.4.2 answers 500 to an order or to a number against a bool
    // (see differences.ts, "bool-attribute-500").
    cmp(
      'active',
      EQUALITY,
      fc.constantFrom<Value>({ json: true, text: 'true' }, { json: false, text: 'False' }, NULL),
    ),
    // Only well-formed UUIDs: 4.4.2 answers 500 to anything else against a uuid column.
    cmp('image', EQUALITY, fc.oneof(fc.constantFrom(...IMAGES).map(str), fc.constant(NULL))),
    // null only with equality: 4.4.2 answers 500 to `lt null` (see differences.ts, "null-order-500")
    cmp('launched', EQUALITY, dateOrNull),
    cmp('launched', ORDER, dateValue),
    cmp('started_at', ORDER, dateValue),
    // `like` on id is left out: 4.4.2's message differs (see differences.ts, "like-on-id").
    cmp('id', EQUALITY, idValue, ['==']),
    cmp('id', ['in'], inValue(idValue)),
    cmp('original_resource_id', ['like'], fc.constant(str(`${prefix}-r%`))),
    cmp(
      'original_resource_id',
      EQUALITY,
      idValue.map((v) => v),
    ),
    cmp('user_id', EQUALITY, fc.oneof(fc.constantFrom(...USERS).chain(bareOrQuoted), fc.constant(NULL))),
    // an unknown attribute: 400 "Resource type X has no nosuch attribute" from both
    cmp('nosuch', ['='], fc.constant(str('x'))),
  );
}

export function filterArb(prefix: string, depth = 2): fc.Arbitrary<FilterNode> {
  const leaf = comparison(prefix);
  if (depth === 0) return leaf;
  const sub = filterArb(prefix, depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    {
      weight: 2,
      arbitrary: fc
        .record({
          text: fc.constantFrom('and', 'or', '∧', '∨'),
          args: fc.array(sub, { minLength: 1, maxLength: 3 }),
        })
        .map(({ text, args }): FilterNode => ({
          kind: 'bool',
          op: text === 'and' || text === '∧' ? 'and' : 'or',
          text,
          args,
        })),
    },
    { weight: 1, arbitrary: sub.map((arg): FilterNode => ({ kind: 'not', arg })) },
  );
}

/** The JSON filter. `∧`/`∨` are query-string spellings; the JSON schema names them too, so they are kept. */
export function filterJson(node: FilterNode): unknown {
  switch (node.kind) {
    case 'cmp':
      return { [node.op]: { [node.field]: node.value.json } };
    case 'bool':
      return { [node.text]: node.args.map(filterJson) };
    case 'not':
      return { not: filterJson(node.arg) };
  }
}

/** The query string; `==` has no spelling there (it never parses), so it is written `=`. A one-operand
 *  and/or is just its operand. Compound operands are parenthesised, so the text means the JSON tree. */
export function filterText(node: FilterNode): string {
  const inner = (n: FilterNode) => (n.kind === 'cmp' ? filterText(n) : `(${filterText(n)})`);
  switch (node.kind) {
    case 'cmp':
      return `${node.field} ${node.op === '==' ? '=' : node.op} ${node.value.text}`;
    case 'bool':
      return node.args.map(inner).join(` ${node.text} `);
    case 'not':
      return `not ${inner(node.arg)}`;
  }
}
