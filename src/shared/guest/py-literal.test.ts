import { describe, expect, it } from 'vitest';
import { DOCUMENT_ANSWERS } from './document-examples';
import { readGuestAnswer, recordStrings } from './envelope';
import { parsePyRecord, PyRecordError } from './py-literal';
import { PyObjectId, PyStr } from './py-value';

const samples = (name: keyof typeof DOCUMENT_ANSWERS) =>
  recordStrings(readGuestAnswer(DOCUMENT_ANSWERS[name]));

describe('parsePyRecord on the document samples, verbatim', () => {
  it('reads the VM record with its types: ints as bigint, floats as number, ObjectId', () => {
    const [record] = samples('vmData');
    expect(parsePyRecord(record!)).toEqual({
      value: {
        net_incoming: 0.6,
        disk_write: 128.8,
        mem: 8.6,
        net_outgoing: 5.7,
        instance_id: '6abf5a1e-b85c-4e5f-ba02-f96e22cbd02e',
        cpu_util: 0.0,
        disk_read: 0.0,
        create_date: '2017-01-01T21:37:59.680873',
        _id: new PyObjectId('58690637594c10403e25b049'),
        proc: 95n,
      },
      brokenFields: [],
    });
  });

  it('keeps the process records whose instance_id is never closed, marking that field broken', () => {
    const records = samples('procData').map(parsePyRecord);
    expect(records.map((r) => r.brokenFields)).toEqual([
      ['instance_id'],
      ['instance_id'],
      ['instance_id'],
      [],
    ]);
    expect(records.map((r) => r.value.instance_id)).toEqual([
      '6abf5a1e-b85c-4e5f-ba02-f96e22cbd0e',
      '6abf5a1e-b85c-4e5f-ba02-f96e22cbd02e',
      '6abf5a1e-b85c-4e5f-ba02-f96e22cbd0e',
      '6abf5a1e-b85c-4e5f-ba02-f96e22cbd02e',
    ]);
    // The fields after the broken one are read as usual.
    expect(records[0]!.value).toMatchObject({
      cmd: 'systemd-udevd',
      pid: 489n,
      shutdown_time: null,
      disk_write: 0.0,
      create_date: '2017-01-01T21:37:59.001065',
      _id: new PyObjectId('58690637594c10403e25b048'),
      running_time: 1482236516.07,
    });
    expect(records[1]!.value).toMatchObject({ pid: 479n, create_date: '2017-1-01T21:37:58.999841' });
    expect(Object.keys(records[1]!.value)).toHaveLength(13);
  });

  it('reads `0.` as the float zero and the tabs between fields', () => {
    const [, , dhclient] = samples('procData').map(parsePyRecord);
    expect(dhclient!.value).toMatchObject({ cmd: 'dhclient', cpu_util: 0, running_time: 1482236528.23 });
    expect(typeof dhclient!.value.cpu_util).toBe('number');
  });

  it('reads the four by-name records, a value on the line after its key included', () => {
    const records = samples('procByName').map(parsePyRecord);
    expect(records.every((r) => r.brokenFields.length === 0)).toBe(true);
    expect(records.map((r) => r.value.create_date)).toEqual([
      '2017-01-01T21:37:58.871895',
      '2017-01-01T20:37:56.853789',
      '2017-01-01T19:37:55.258726',
      '2017-01-01T18:37:53.736660',
    ]);
    expect(records.every((r) => r.value.cmd === 'vballoon' && r.value.pid === 512n)).toBe(true);
  });
});

describe('parsePyRecord beyond the samples', () => {
  it('reads escapes, byte strings as UTF-8, booleans, lists, nested dicts and special floats', () => {
    const { value } = parsePyRecord(
      String.raw`{u'a': u'it\'s \u20ac\n', 'b': '\xc3\xa9\u', u'c': [True, False, None], u'd': {u'e': -1e-05}, u'f': inf, u'g': 12L, u'h': "x'y"}`,
    );
    expect(value).toEqual({
      a: "it's €\n",
      b: new PyStr('é\\u'),
      c: [true, false, null],
      d: { e: -0.00001 },
      f: Infinity,
      g: 12n,
      h: new PyStr("x'y"),
    });
  });

  it('recovers a string closed too early on one line up to the next key', () => {
    const { value, brokenFields } = parsePyRecord("{u'a': u'xyz, u'b': 1}");
    expect(value).toEqual({ a: 'xyz', b: 1n });
    expect(brokenFields).toEqual(['a']);
  });

  it('keeps an unreadable last value as null', () => {
    const { value, brokenFields } = parsePyRecord("{u'a': 1, u'b': @@@}");
    expect(value).toEqual({ a: 1n, b: null });
    expect(brokenFields).toEqual(['b']);
  });

  it('keeps a __proto__ key as a field, never as the prototype', () => {
    const { value } = parsePyRecord("{u'__proto__': {u'polluted': True}}");
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('refuses a text that is not a dict', () => {
    expect(() => parsePyRecord('[1, 2]')).toThrow(PyRecordError);
    expect(() => parsePyRecord("{u'a': 1")).toThrow(PyRecordError);
    expect(() => parsePyRecord("{u'a': 1} tail")).toThrow(PyRecordError);
  });
});
