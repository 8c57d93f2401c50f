import { describe, expect, it } from 'vitest';
import { guestPoint } from '@/web/testing/guest-answers';
import { guestChartSpecs } from './guest-charts';

describe('guestChartSpecs', () => {
  it('draws CPU, memory, disk and network, rates in kB/s, a missing figure as a gap and no band', () => {
    const charts = guestChartSpecs([
      guestPoint(1_000, { diskReadBps: 2048, netInBps: null }),
      guestPoint(2_000, { cpuPercent: 50, diskReadBps: 512 }),
    ]);
    expect(charts.map((c) => [c.group, c.unit, c.lines.map((l) => l.label)])).toEqual([
      ['cpu', 'percent', ['usage']],
      ['memory', 'percent', ['usage']],
      ['bandwidth', 'KBps', ['read', 'write']],
      ['network', 'KBps', ['rx', 'tx']],
    ]);
    expect(charts[0]!.lines[0]!.series.avg).toEqual([12.5, 50]);
    expect(charts[2]!.lines[0]!.series).toMatchObject({
      avg: [2, 0.5],
      min: [null, null],
      max: [null, null],
    });
    expect(charts[3]!.lines[0]!.series.avg).toEqual([null, 1]);
  });
});
