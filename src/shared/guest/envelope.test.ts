import { describe, expect, it } from 'vitest';
import { DOCUMENT_ANSWERS } from './document-examples';
import { GuestAnswerError, readGuestAnswer, recordStrings } from './envelope';
import { GUEST_METHODS } from './protocol';

describe('readGuestAnswer', () => {
  it('reads every answer of the document verbatim, raw tabs and line breaks in its strings included', () => {
    for (const [name, text] of Object.entries(DOCUMENT_ANSWERS)) {
      const answer = readGuestAnswer(text);
      expect(answer.status_code, name).toBe(1);
      expect(answer.method, name).toBe(GUEST_METHODS[name as keyof typeof GUEST_METHODS]);
    }
  });

  it('reads the answers whose records span lines, which JSON.parse refuses', () => {
    for (const text of [DOCUMENT_ANSWERS.vmData, DOCUMENT_ANSWERS.procData, DOCUMENT_ANSWERS.procByName]) {
      expect(() => JSON.parse(text) as unknown).toThrow();
      expect(recordStrings(readGuestAnswer(text)).length).toBeGreaterThan(0);
    }
  });

  it('keeps the record strings with their line breaks', () => {
    const records = recordStrings(readGuestAnswer(DOCUMENT_ANSWERS.procData));
    expect(records).toHaveLength(4);
    expect(records[0]).toMatch(/^\{u'net_incoming':0\.6,\n {8}u'shutdown_time':None,/);
    expect(records[1]).toContain("u'pid':479,\t\n\t\tu'instance_id'");
  });

  it('reads the login answer session and the null data of startmonitor', () => {
    expect(readGuestAnswer(DOCUMENT_ANSWERS.login).session_id).toBe('9afdb1ec-d396-4ba3-af7a-1e38fd8751ca');
    expect(recordStrings(readGuestAnswer(DOCUMENT_ANSWERS.startMonitor))).toEqual([]);
  });

  it('leaves escaped quotes and backslashes alone', () => {
    const answer = readGuestAnswer('{"status_code":3,"message":"a \\"b\\"\\\\\tc","method":"611611"}');
    expect(answer).toMatchObject({ status_code: 3, message: 'a "b"\\\tc', method: 611611 });
  });

  it('refuses what is not an envelope', () => {
    expect(() => readGuestAnswer('<html>')).toThrow(GuestAnswerError);
    expect(() => readGuestAnswer('{"data": []}')).toThrow(GuestAnswerError);
    expect(() => recordStrings(readGuestAnswer('{"status_code":1,"method":1,"data":[1]}'))).toThrow(
      GuestAnswerError,
    );
  });
});
