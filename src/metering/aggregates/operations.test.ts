import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GnocchiError } from '../errors';
import { metricIdsOf, pythonUuid } from './metric-ids';
import {
  metricReferences,
  operationsJson,
  operationsRepr,
  parseOperations,
  type OperationNode,
} from './operations';
import { parseOperationsString } from './operations-parse';

interface ErrorCase {
  operations: unknown;
  status: number;
  description: unknown;
}

const CASES = (
  JSON.parse(readFileSync(new URL('./testdata/operations-errors.json', import.meta.url), 'utf8')) as {
    cases: ErrorCase[];
  }
).cases;

function failure(run: () => unknown): GnocchiError {
  try {
    run();
  } catch (error) {
    if (error instanceof GnocchiError) return error;
    throw error;
  }
  throw new Error('expected a GnocchiError');
}

function parseDescription(message: string) {
  return failure(() => parseOperationsString(message)).description;
}

describe('the operations string (pyparsing nestedExpr)', () => {
  it.each([
    ['(metric a, mean)', ['metric', 'a,', 'mean']],
    ['(metric "cpu util" mean)', ['metric', '"cpu util"', 'mean']],
    ['(a "b c"d e)', ['a', '"b c"', 'd', 'e']],
    ['(a (b) c)) trailing', ['a', ['b'], 'c']],
    ['  (a)(b)', ['a']],
    ['(a\t\nb)', ['a', 'b']],
    ["(a 'q' b)", ['a', "'q'", 'b']],
    ['(a "unterminated)', ['a', '"unterminated']],
    ['(a "x\\"y" b)', ['a', '"x\\"y"', 'b']],
    ["(a 'it''s' b)", ['a', "'it''s'", 'b']],
    ['(a"b"c)', ['a', '"b"', 'c']],
    ['(é ≤ ×)', ['é', '≤', '×']],
    ['(a\u00a0b)', ['a\u00a0b']],
    ['(a\u000bb)', ['a\u000bb']],
    ['(a\rb)', ['a', 'b']],
  ])('%j parses as pyparsing does', (text, expected) => {
    expect(parseOperationsString(text)).toEqual(expected);
  });

  it.each([
    ['(', "Expected ')', found end of text  (at char 1), (line:1, col:2)"],
    [')', "Expected '(', found ')'  (at char 0), (line:1, col:1)"],
    ['(a b', "Expected ')', found end of text  (at char 4), (line:1, col:5)"],
    ['(a (b c)', "Expected ')', found end of text  (at char 8), (line:1, col:9)"],
    ['x', "Expected '(', found 'x'  (at char 0), (line:1, col:1)"],
    ['', "Expected '('  (at char 0), (line:1, col:1)"],
    ['  ', "Expected '(', found end of text  (at char 2), (line:1, col:3)"],
    ['((a)', "Expected ')', found end of text  (at char 4), (line:1, col:5)"],
    ['foo bar', "Expected '(', found 'foo'  (at char 0), (line:1, col:1)"],
    ['[x', "Expected '(', found '['  (at char 0), (line:1, col:1)"],
    ['abcdefghijklmnopqrstuvwxyz', "Expected '(', found 'abcdefghijklmnop'  (at char 0), (line:1, col:1)"],
    ['\n\n  x', "Expected '(', found 'x'  (at char 4), (line:3, col:3)"],
    ['a_b$c.d', "Expected '(', found 'a'  (at char 0), (line:1, col:1)"],
    ["'q'", "Expected '(', found \"'\"  (at char 0), (line:1, col:1)"],
    ['\\x', "Expected '(', found '\\'  (at char 0), (line:1, col:1)"],
    ['12.5e3', "Expected '(', found '12'  (at char 0), (line:1, col:1)"],
    ['(a\n(b', "Expected ')', found '('  (at char 3), (line:2, col:1)"],
    ['\t(', "Expected ')', found end of text  (at char 9), (line:1, col:10)"],
    ['(\n', "Expected ')', found end of text  (at char 2), (line:2, col:1)"],
  ])('%j fails with pyparsing 3.0.9/3.3.2 message', (text, detail) => {
    expect(parseDescription(text)).toEqual({
      cause: 'Invalid operations',
      reason: 'Fail to parse the operations string',
      detail,
    });
  });
});

describe('the operations schema, against a real Gnocchi', () => {
  it.each(CASES.map((c) => [JSON.stringify(c.operations), c] as const))('%s', (_name, c) => {
    const error = failure(() => {
      const node = parseOperations(c.operations);
      metricIdsOf(metricReferences(node));
    });
    expect(error.status).toBe(c.status);
    expect(error.description).toEqual(c.description);
  });

  it('keeps NaN operands as numbers', () => {
    const error = failure(() => parseOperations(['abs', 'nan']));
    expect(error.description).toEqual({
      cause: 'Operations is invalid',
      reason: "At least one 'metric' is required",
      detail: ['abs', NaN],
    });
  });
});

describe('the validated tree', () => {
  const A = '11111111-1111-4111-8111-111111111111';
  const B = '22222222-2222-4222-8222-222222222222';

  it('types every node and coerces operands', () => {
    const node = parseOperations(
      `(clip (max (rolling rate:mean 2 (metric ${A} mean)) (resample 90pct 1h (metric (${B} max) (${A} mean)))) 0 1e3)`,
    );
    const expected: OperationNode = {
      kind: 'clip',
      value: {
        kind: 'binary',
        op: 'max',
        left: {
          kind: 'rolling',
          method: 'rate:mean',
          window: 2,
          operand: { kind: 'metric', pairForm: true, refs: [{ ref: A, aggregation: 'mean' }] },
        },
        right: {
          kind: 'resample',
          method: '90pct',
          granularityUs: 3_600_000_000,
          operand: {
            kind: 'metric',
            pairForm: false,
            refs: [
              { ref: B, aggregation: 'max' },
              { ref: A, aggregation: 'mean' },
            ],
          },
        },
      },
      min: { kind: 'number', value: 0 },
      max: { kind: 'number', value: 1000 },
    };
    expect(node).toEqual(expected);
    expect(metricReferences(node)).toEqual([
      { ref: A, aggregation: 'mean' },
      { ref: B, aggregation: 'max' },
    ]);
  });

  it('prints nodes as Python would', () => {
    const node = parseOperations(
      `(- (metric ${A} mean) (resample mean 60 (rolling max 3 (metric ${A} mean))))`,
    );
    if (node.kind !== 'binary') throw new Error('binary expected');
    expect(operationsRepr(node.right)).toBe(
      `['resample', 'mean', numpy.timedelta64(60000000000,'ns'), ['rolling', 'max', 3, ['metric', '${A}', 'mean']]]`,
    );
    expect(operationsJson(node)).toEqual([
      '-',
      ['metric', A, 'mean'],
      ['resample', 'mean', 60, ['rolling', 'max', 3, ['metric', A, 'mean']]],
    ]);
  });
});

describe('metric ids', () => {
  it.each([
    ['{11111111-1111-4111-8111-111111111111}', '11111111-1111-4111-8111-111111111111'],
    ['urn:uuid:1111111111114111811111111111111A', '11111111-1111-4111-8111-11111111111a'],
    ['0x111111111111411181111111111111', '00111111-1111-1141-1181-111111111111'],
    [' 1111111111114111811111111111111', '01111111-1111-1411-1811-111111111111'],
  ])('%s is read as uuid.UUID does', (text, id) => {
    expect(pythonUuid(text)).toEqual({ id });
  });

  it.each([
    ['abc', 'badly formed hexadecimal UUID string'],
    [
      'g1111111-1111-4111-8111-111111111111',
      "invalid literal for int() with base 16: 'g1111111111141118111111111111111'",
    ],
  ])('%s is refused with Python’s words', (text, error) => {
    expect(pythonUuid(text)).toEqual({ error });
  });
});
