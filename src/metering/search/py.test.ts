import { describe, expect, it } from 'vitest';
import { pyFloatRepr, pyParseFloat, pyRepr, pyStrRepr } from './py';

// Expected texts printed by CPython 3.11.
describe('Python spellings', () => {
  it.each([
    [1, '1.0'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [123456789.125, '123456789.125'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1.5e300, '1.5e+300'],
    [-2.5, '-2.5'],
    [0.1, '0.1'],
    [1e22, '1e+22'],
    [5e-324, '5e-324'],
    [100, '100.0'],
    [NaN, 'nan'],
    [-Infinity, '-inf'],
  ])('repr(%s) is %s', (x, text) => {
    expect(pyFloatRepr(x)).toBe(text);
  });

  it.each([
    ['x', "'x'"],
    ["it's", `"it's"`],
    ['a"b', `'a"b'`],
    [`both'"`, `'both\\'"'`],
    ['back\\slash', "'back\\\\slash'"],
    ['tab\t', "'tab\\t'"],
    ['é≠', "'é≠'"],
  ])('repr(%j) is %s', (s, text) => {
    expect(pyStrRepr(s)).toBe(text);
  });

  it('prints lists and the scalars of a filter', () => {
    expect(pyRepr(['admin', { py: 'float', value: 1 }, { py: 'int', value: 2 }, null, true])).toBe(
      "['admin', 1.0, 2, None, True]",
    );
  });

  it('reads floats as float() does', () => {
    expect(pyParseFloat(' 12 ')).toBe(12);
    expect(pyParseFloat('1_000.5')).toBe(1000.5);
    expect(pyParseFloat('1e3')).toBe(1000);
    expect(pyParseFloat('-Infinity')).toBe(-Infinity);
    expect(pyParseFloat('nan')).toBeNaN();
    expect(pyParseFloat('.5')).toBe(0.5);
    expect(pyParseFloat('5.')).toBe(5);
    expect(pyParseFloat('1__0')).toBeNull();
    expect(pyParseFloat('0x10')).toBeNull();
    expect(pyParseFloat('')).toBeNull();
  });
});
