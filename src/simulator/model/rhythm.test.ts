import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from '@/shared/metrics/catalog';
import { activity, drift } from './rhythm';

const bucketAt = (iso: string) => Math.floor(Date.parse(iso) / BUCKET_MS);

describe('activity', () => {
  it('peaks on weekday afternoons and stays low at night and on weekends', () => {
    const mondayAfternoon = activity(bucketAt('2026-11-23T13:30:00Z'));
    const mondayNight = activity(bucketAt('2026-11-23T02:00:00Z'));
    const saturdayAfternoon = activity(bucketAt('2026-11-28T13:30:00Z'));
    const sundayAfternoon = activity(bucketAt('2026-11-29T13:30:00Z'));
    expect(mondayAfternoon).toBeGreaterThan(0.95);
    expect(mondayNight).toBeLessThan(0.2);
    expect(saturdayAfternoon).toBeCloseTo(mondayAfternoon * 0.35, 5);
    expect(sundayAfternoon).toBeCloseTo(saturdayAfternoon, 5);
  });
});

describe('drift', () => {
  it('is continuous between lattice points and bounded', () => {
    let previous = drift(42, 0, 12);
    for (let b = 1; b < 24 * 12; b++) {
      const value = drift(42, b, 12);
      expect(Math.abs(value)).toBeLessThanOrEqual(1);
      expect(Math.abs(value - previous)).toBeLessThan(0.35);
      previous = value;
    }
  });
});
