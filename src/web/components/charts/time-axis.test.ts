import { describe, expect, it } from 'vitest';
import { intervalLabel, tickFormatter, timeTicks } from './time-axis';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const end = Date.UTC(2026, 10, 23, 14, 5);

describe('timeTicks', () => {
  it('puts a Day on round hours, three hours apart', () => {
    const { unit, ticks } = timeTicks(end - DAY, end, 'utc');
    expect(unit).toBe('hour');
    expect(ticks[0]).toBe(Date.UTC(2026, 10, 22, 15));
    expect(ticks.every((t, i) => i === 0 || t - ticks[i - 1]! === 3 * HOUR)).toBe(true);
    expect(ticks.length).toBe(8);
  });

  it('puts a Week on midnights and a Month on every fifth midnight', () => {
    const week = timeTicks(end - 7 * DAY, end, 'utc');
    expect(week.unit).toBe('day');
    expect(week.ticks).toHaveLength(7);
    expect(week.ticks.every((t) => t % DAY === 0)).toBe(true);
    const month = timeTicks(end - 30 * DAY, end, 'utc');
    expect(month.ticks.every((t, i) => i === 0 || t - month.ticks[i - 1]! === 5 * DAY)).toBe(true);
  });

  it('puts a Year on the first of every other month', () => {
    const { unit, ticks } = timeTicks(end - 365 * DAY, end, 'utc');
    expect(unit).toBe('month');
    expect(ticks.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2026-01-01',
      '2026-03-01',
      '2026-05-01',
      '2026-07-01',
      '2026-09-01',
      '2026-11-01',
    ]);
  });

  it('aligns on the local zone’s midnights when the page shows local time', () => {
    const { ticks } = timeTicks(end - 7 * DAY, end, 'local');
    for (const t of ticks) expect([new Date(t).getHours(), new Date(t).getMinutes()]).toEqual([0, 0]);
  });
});

describe('labels', () => {
  it('formats ticks per unit, in the chosen zone and language', () => {
    expect(tickFormatter('en', 'utc', 'hour')(Date.UTC(2026, 10, 23, 9, 0))).toBe('09:00');
    expect(tickFormatter('en', 'utc', 'day')(Date.UTC(2026, 10, 23))).toBe('23 Nov');
    expect(tickFormatter('fr', 'utc', 'month')(Date.UTC(2026, 10, 1))).toBe('nov. 2026');
  });

  it('names the sampling interval', () => {
    expect(intervalLabel('en', 5 * 60_000)).toBe('5 minutes');
    expect(intervalLabel('en', 2 * HOUR)).toBe('2 hours');
    expect(intervalLabel('en', DAY)).toBe('1 day');
  });
});
