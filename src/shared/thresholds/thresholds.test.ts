import { describe, expect, it } from 'vitest';
import { alertLevel, compareLevels, worstLevel } from './thresholds';

describe('alertLevel', () => {
  it.each([
    ['cpuPercent', 79.9, 'ok'],
    ['cpuPercent', 80, 'warning'],
    ['cpuPercent', 90, 'critical'],
    ['memoryPercent', 89.99, 'warning'],
    ['cpuReadyPercent', 2.99, 'ok'],
    ['cpuReadyPercent', 3, 'warning'],
    ['cpuReadyPercent', 5, 'critical'],
    ['filerUsedPercent', 84.9, 'ok'],
    ['filerUsedPercent', 85, 'warning'],
    ['filerUsedPercent', 95, 'critical'],
    ['latencyMs', 19, 'ok'],
    ['latencyMs', 20, 'warning'],
    ['latencyMs', 50, 'critical'],
  ] as const)('%s at %d is %s', (metric, value, level) => {
    expect(alertLevel(metric, value)).toBe(level);
  });

  it('does not judge missing values as a breach', () => {
    expect(alertLevel('cpuPercent', null)).toBe('ok');
    expect(alertLevel('cpuPercent', Number.NaN)).toBe('ok');
  });

  it('orders levels and finds the worst', () => {
    expect(worstLevel(['ok', 'critical', 'warning'])).toBe('critical');
    expect(worstLevel([])).toBe('ok');
    expect(compareLevels('warning', 'ok')).toBeGreaterThan(0);
  });
});
