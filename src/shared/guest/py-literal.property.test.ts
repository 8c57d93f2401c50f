import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePyRecord } from './py-literal';
import { pyRepr } from './py-repr';
import { PyObjectId, PyStr, type PyDict, type PyValue } from './py-value';

// What the service writes with pyRepr, the client reads back whole and unbroken: any record of Python values,
// with any characters in its strings (quotes, backslashes, line breaks, non-Latin text, astral planes).

const latin1 = fc
  .array(fc.integer({ min: 0, max: 0xff }), { maxLength: 12 })
  .map((codes) => String.fromCharCode(...codes));

const { value: pyValue } = fc.letrec<{ value: PyValue; dict: PyDict }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
    fc.double(),
    fc.string({ unit: 'binary', maxLength: 16 }),
    fc.string({ unit: fc.constantFrom("'", '"', '\\', '\n', '\t', 'u', ':', ',', '{', '}'), maxLength: 8 }),
    latin1.map((text) => new PyStr(text)),
    fc.stringMatching(/^[0-9a-f]{24}$/).map((hex) => new PyObjectId(hex)),
    fc.array(tie('value'), { maxLength: 4 }),
    tie('dict'),
  ),
  dict: fc.dictionary(fc.string({ maxLength: 12 }), tie('value'), { maxKeys: 6, noNullPrototype: true }),
}));

const record = fc.dictionary(fc.stringMatching(/^[a-z_][a-z0-9_]{0,11}$/), pyValue, {
  maxKeys: 12,
  noNullPrototype: true,
});

describe('parsePyRecord ∘ pyRepr', () => {
  it('reads back every record the service writes, with no broken field', () => {
    fc.assert(
      fc.property(record, (dict) => {
        expect(parsePyRecord(pyRepr(dict))).toEqual({ value: dict, brokenFields: [] });
      }),
      { numRuns: 500, seed: 12 },
    );
  });

  it('keeps the key order of the record', () => {
    fc.assert(
      fc.property(record, (dict) => {
        expect(Object.keys(parsePyRecord(pyRepr(dict)).value)).toEqual(Object.keys(dict));
      }),
      { numRuns: 200, seed: 12 },
    );
  });
});
