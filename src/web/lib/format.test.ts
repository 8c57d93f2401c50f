import { describe, expect, it } from 'vitest';
import { convertSize, countdown, createFormatter, NO_VALUE } from './format';

describe('createFormatter', () => {
  const en = createFormatter('en', 'utc');
  const fr = createFormatter('fr', 'utc');
  const de = createFormatter('de', 'utc');

  it('formats percentages per locale', () => {
    expect(en.percent(42.25)).toBe('42.3%');
    expect(fr.percent(42.25)).toMatch(/^42,3\s?%$/);
    expect(de.percent(7)).toMatch(/^7\s?%$/);
  });

  it('scales sizes given in kB with 1024 steps', () => {
    expect(en.sizeKb(512)).toBe('512 kB');
    expect(en.sizeKb(2048)).toBe('2 MB');
    expect(en.sizeKb(5 * 1024 ** 3)).toBe('5 TB');
    expect(fr.sizeKb(1536)).toMatch(/^1,5\s?Mo$/);
  });

  it('scales sizes given in another unit, OVH’s capitals included', () => {
    expect(en.size(2048, 'MB')).toBe('2 GB');
    expect(en.size(1.5, 'GB')).toBe('1.5 GB');
    expect(en.size(256, 'GB')).toBe('256 GB');
    expect(en.size(3, 'TB')).toBe('3 TB');
    expect(en.size(null, 'GB')).toBe(NO_VALUE);
    expect(convertSize(2, 'TB', 'GB')).toBe(2048);
    expect(convertSize(1, 'GB', 'kB')).toBe(1024 ** 2);
    expect(convertSize(null, 'GB', 'kB')).toBeNull();
  });

  it('formats rates, milliseconds and clock speeds', () => {
    expect(en.rateKbps(3 * 1024)).toBe('3 MB/s');
    expect(en.ms(12.34)).toBe('12.3 ms');
    expect(en.mhz(2200)).toBe('2.2 GHz');
    expect(en.mhzOf(12_400, 20_000)).toBe('12.4 / 20 GHz');
    expect(en.mhzOf(null, 20_000)).toBe(`${NO_VALUE} / 20 GHz`);
    expect(en.metric('iops', 120.4)).toBe('120 IOPS');
    expect(en.metric('pps', 1234)).toBe('1,234 pkt/s');
  });

  it('shows missing values as a dash, never as zero', () => {
    for (const value of [null, undefined, Number.NaN]) {
      expect(en.percent(value)).toBe(NO_VALUE);
      expect(en.sizeKb(value)).toBe(NO_VALUE);
      expect(en.metric('ms', value)).toBe(NO_VALUE);
    }
  });

  it('formats durations and times in the chosen zone', () => {
    expect(en.duration(3 * 86_400 + 5 * 3_600 + 60)).toBe('3d 5h');
    expect(en.duration(2 * 3_600 + 7 * 60)).toBe('2h 7m');
    expect(en.time(Date.UTC(2026, 10, 23, 9, 5, 7))).toBe('09:05:07 UTC');
  });
});

describe('countdown', () => {
  it('shows minutes and seconds, rounded up, never negative', () => {
    expect(countdown(125_000)).toBe('2:05');
    expect(countdown(59_001)).toBe('1:00');
    expect(countdown(-5)).toBe('0:00');
  });
});
