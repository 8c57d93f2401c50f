import { describe, expect, it } from 'vitest';
import { createFormatter } from '@/web/lib/format';
import { chartSpecs } from './chart-model';
import { chartMax, valueTicks } from './value-axis';

const en = createFormatter('en', 'utc');

describe('valueTicks', () => {
  it('shows percentages on quarters of 100%', () => {
    expect(valueTicks(42, 'percent')).toEqual([0, 25, 50, 75, 100]);
  });

  it('rounds sizes and rates in the 1024-step unit they are shown in', () => {
    const tb = 1024 ** 3;
    expect(valueTicks(1.6 * tb, 'kB').map((v) => en.sizeKb(v))).toEqual([
      '0 kB',
      '512 GB',
      '1 TB',
      '1.5 TB',
      '2 TB',
    ]);
    expect(valueTicks(14_000, 'KBps').map((v) => en.rateKbps(v))).toEqual([
      '0 kB/s',
      '5 MB/s',
      '10 MB/s',
      '15 MB/s',
    ]);
  });

  it('rounds counts in decimal steps and always covers the maximum', () => {
    expect(valueTicks(18_000, 'pps')).toEqual([0, 5_000, 10_000, 15_000, 20_000]);
    expect(valueTicks(3.7, 'ms')).toEqual([0, 1, 2, 3, 4]);
  });

  it('still draws an axis for an all-zero line', () => {
    expect(valueTicks(0, 'KBps')).toEqual([0, 1]);
  });
});

describe('chartMax', () => {
  it('takes the top of the bands, the average where a maximum is missing, and the capacity', () => {
    const [chart] = chartSpecs([
      {
        metric: 'vscope.vm.net.rx',
        unit: 'KBps',
        nic: null,
        avg: [5, 9, null],
        min: [1, 8, null],
        max: [7, null, null],
      },
      { metric: 'vscope.vm.net.tx', unit: 'KBps', nic: null, avg: [3], min: [3], max: [4] },
    ]);
    expect(chartMax(chart!)).toBe(9);
    expect(chartMax(chart!, 20)).toBe(20);
  });
});
