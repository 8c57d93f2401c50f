import { describe, expect, it } from 'vitest';
import { pyFloatRepr, pyRepr } from './py-repr';
import { PyObjectId, PyStr } from './py-value';

describe('pyFloatRepr', () => {
  it.each([
    [0, '0.0'],
    [-0, '-0.0'],
    [0.6, '0.6'],
    [128.8, '128.8'],
    [1482236516.07, '1482236516.07'],
    [0.1 + 0.2, '0.30000000000000004'],
    [0.0001, '0.0001'],
    [1e-5, '1e-05'],
    [1.25e-7, '1.25e-07'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.5e300, '1.5e+300'],
    [5e-324, '5e-324'],
    [-2.5, '-2.5'],
    [95, '95.0'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
  ])('prints %s as Python 2.7 does', (value, expected) => {
    expect(pyFloatRepr(value)).toBe(expected);
  });
});

describe('pyRepr', () => {
  it('prints scalars: None, booleans, ints and floats apart', () => {
    expect(pyRepr(null)).toBe('None');
    expect(pyRepr(true)).toBe('True');
    expect(pyRepr(false)).toBe('False');
    expect(pyRepr(489n)).toBe('489');
    expect(pyRepr(-3n)).toBe('-3');
    expect(pyRepr(0)).toBe('0.0');
  });

  it('quotes unicode strings with Python 2 escapes and quote choice', () => {
    expect(pyRepr('systemd-udevd')).toBe("u'systemd-udevd'");
    expect(pyRepr("it's")).toBe('u"it\'s"');
    expect(pyRepr('say "hi" it\'s')).toBe("u'say \"hi\" it\\'s'");
    expect(pyRepr('a\\b\tc\nd\re')).toBe("u'a\\\\b\\tc\\nd\\re'");
    expect(pyRepr('\x00\x1f\x7f')).toBe("u'\\x00\\x1f\\x7f'");
    expect(pyRepr('é漢😀')).toBe("u'\\xe9\\u6f22\\U0001f600'");
  });

  it('prints byte strings without the u prefix and non-ASCII as UTF-8 bytes', () => {
    expect(pyRepr(new PyStr('success query vm information'))).toBe("'success query vm information'");
    expect(pyRepr(new PyStr(''))).toBe("''");
    expect(pyRepr(new PyStr('é'))).toBe("'\\xc3\\xa9'");
  });

  it('prints ObjectIds, lists and dicts in insertion order', () => {
    expect(pyRepr(new PyObjectId('58690637594c10403e25b049'))).toBe("ObjectId('58690637594c10403e25b049')");
    expect(pyRepr([])).toBe('[]');
    expect(pyRepr([1n, 0.5, 'x'])).toBe("[1, 0.5, u'x']");
    expect(pyRepr({})).toBe('{}');
    expect(
      pyRepr({
        net_incoming: 0.6,
        disk_write: 128.8,
        instance_id: '6abf5a1e-b85c-4e5f-ba02-f96e22cbd02e',
        _id: new PyObjectId('58690637594c10403e25b049'),
        proc: 95n,
      }),
    ).toBe(
      "{u'net_incoming': 0.6, u'disk_write': 128.8, u'instance_id': u'6abf5a1e-b85c-4e5f-ba02-f96e22cbd02e', " +
        "u'_id': ObjectId('58690637594c10403e25b049'), u'proc': 95}",
    );
  });
});
