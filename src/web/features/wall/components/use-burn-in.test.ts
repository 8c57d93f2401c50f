import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BURN_IN_STEP_MS, useBurnInOffset } from './use-burn-in';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useBurnInOffset', () => {
  it('drifts a few pixels every few minutes when enabled, not at all otherwise', () => {
    const on = renderHook(() => useBurnInOffset(true));
    const off = renderHook(() => useBurnInOffset(false));
    expect(on.result.current).toEqual([0, 0]);
    act(() => {
      vi.advanceTimersByTime(BURN_IN_STEP_MS);
    });
    const [dx, dy] = on.result.current;
    expect(Math.abs(dx) + Math.abs(dy)).toBeGreaterThan(0);
    expect(Math.max(Math.abs(dx), Math.abs(dy))).toBeLessThanOrEqual(4);
    expect(off.result.current).toEqual([0, 0]);
  });
});
