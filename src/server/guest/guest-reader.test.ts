import { describe, expect, it } from 'vitest';
import type { GuestProcessRecord } from '@/shared/guest/records';
import { latestReport } from './guest-reader';

const proc = (pid: number | null, at: number | null, name = `p${pid}`): GuestProcessRecord => ({
  at,
  pid,
  name,
  cpuPercent: 0,
  memoryPercent: 0,
  diskReadBps: 0,
  diskWriteBps: 0,
  netInBps: 0,
  netOutBps: 0,
  startedAt: null,
  endedAt: null,
  brokenFields: [],
});

describe('latestReport', () => {
  it('keeps the records of the newest report only, one per pid, newest first', () => {
    const t = 1_700_000_000_000;
    const records = [
      proc(3, t + 0.2),
      proc(1, t + 0.1),
      proc(2, t),
      proc(1, t - 0.5),
      proc(9, t - 60_000),
      proc(4, null),
    ];
    expect(latestReport(records).map((p) => p.pid)).toEqual([3, 1, 2]);
    expect(latestReport(records)[0]).not.toHaveProperty('at');
  });

  it('keeps every record when none has a date, and processes without pid', () => {
    expect(
      latestReport([proc(null, null, 'a'), proc(null, null, 'b'), proc(1, null)]).map((p) => p.name),
    ).toEqual(['a', 'b', 'p1']);
  });
});
