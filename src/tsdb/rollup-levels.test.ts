import { describe, expect, it } from 'vitest';
import type { ReadSource } from './rollup-levels';
import { chooseReadSource, DEFAULT_RAW_RETENTION_MS, DEFAULT_ROLLUP_LEVELS } from './rollup-levels';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 5, 1, 12, 17);

function pick(startMs: number, resolutionMs?: number): string {
  const source: ReadSource = chooseReadSource(
    { startMs, endMs: NOW, resolutionMs },
    NOW,
    DEFAULT_RAW_RETENTION_MS,
    DEFAULT_ROLLUP_LEVELS,
  );
  return source.kind === 'raw' ? 'raw' : `${source.level.intervalMs / MIN}m`;
}

/** Scan windows start aligned down to the interval, then to the hour. */
const aligned = (ms: number, interval: number) =>
  Math.floor((Math.floor(ms / interval) * interval) / HOUR) * HOUR;

describe('chooseReadSource', () => {
  it('reads each graph period from its own vCenter level', () => {
    expect(pick(aligned(NOW - DAY, 5 * MIN), 5 * MIN)).toBe('5m');
    expect(pick(aligned(NOW - 7 * DAY, 30 * MIN), 30 * MIN)).toBe('30m');
    expect(pick(aligned(NOW - 30 * DAY, 2 * HOUR), 2 * HOUR)).toBe('120m');
    expect(pick(aligned(NOW - 365 * DAY, DAY), DAY)).toBe('1440m');
  });

  it('prefers the coarsest exact level, and raw points when no rollup divides the resolution', () => {
    expect(pick(NOW - HOUR, 4 * HOUR)).toBe('120m');
    expect(pick(NOW - HOUR, 7 * MIN)).toBe('raw');
    expect(pick(NOW - HOUR)).toBe('raw');
  });

  it('falls back to the finest covering rollup once raw points have aged out', () => {
    expect(pick(NOW - 10 * DAY)).toBe('120m');
    expect(pick(NOW - 10 * DAY, HOUR)).toBe('120m');
    expect(pick(NOW - 3 * 365 * DAY)).toBe('1440m');
  });
});
