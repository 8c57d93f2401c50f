import { describe, expect, it } from 'vitest';
import { DOCUMENT_ANSWERS } from './document-examples';
import { readGuestAnswer, recordStrings } from './envelope';
import { parsePyRecord } from './py-literal';
import { processOf, vmPointOf, type ReadDate } from './records';

const records = (name: keyof typeof DOCUMENT_ANSWERS) =>
  recordStrings(readGuestAnswer(DOCUMENT_ANSWERS[name])).map(parsePyRecord);

// A stand-in for the server's zone-aware reader: the text as UTC, whole seconds.
const asUtc: ReadDate = (text) => {
  const ms = Date.parse(`${text.slice(0, 19)}Z`);
  return Number.isNaN(ms) ? null : ms;
};

describe('vmPointOf', () => {
  it("maps the document's VM record", () => {
    expect(vmPointOf(records('vmData')[0]!, asUtc)).toEqual({
      at: Date.UTC(2017, 0, 1, 21, 37, 59),
      cpuPercent: 0,
      memoryPercent: 8.6,
      diskReadBps: 0,
      diskWriteBps: 128.8,
      netInBps: 0.6,
      netOutBps: 5.7,
      processCount: 95,
    });
  });

  it('falls back on the ObjectId time when create_date is unreadable, and drops a record with neither', () => {
    const withId = parsePyRecord("{u'create_date': u'soon', u'_id': ObjectId('58690637594c10403e25b049')}");
    expect(vmPointOf(withId, asUtc)?.at).toBe(0x58690637 * 1000);
    expect(vmPointOf(parsePyRecord("{u'mem': 1.0}"), asUtc)).toBeNull();
  });
});

describe('processOf', () => {
  it('maps process records, epoch seconds to ms, and carries the broken fields', () => {
    const [udevd, , , journald] = records('procData').map((r) => processOf(r, asUtc));
    expect(udevd).toEqual({
      at: Date.UTC(2017, 0, 1, 21, 37, 59),
      pid: 489,
      name: 'systemd-udevd',
      cpuPercent: 0,
      memoryPercent: 0.1,
      diskReadBps: 0,
      diskWriteBps: 0,
      netInBps: 0.6,
      netOutBps: 5.7,
      startedAt: 1482236516070,
      endedAt: null,
      brokenFields: ['instance_id'],
    });
    expect(journald).toMatchObject({
      name: 'systemd-journald',
      pid: 461,
      diskReadBps: 2.2,
      brokenFields: [],
    });
  });

  it('reads the unpadded month of the second sample through the date reader', () => {
    const second = processOf(records('procData')[1]!, (text) =>
      text === '2017-1-01T21:37:58.999841' ? 7 : null,
    );
    expect(second.at).toBe(7);
  });

  it('reads an ended process', () => {
    const ended = processOf(
      parsePyRecord("{u'cmd': u'cron', u'pid': 7, u'shutdown_time': 1482236600.5}"),
      asUtc,
    );
    expect(ended).toMatchObject({ name: 'cron', pid: 7, endedAt: 1482236600500, at: null });
  });
});
