import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeTimersPerTest } from '@/web/testing/fake-timers';
import { BURN_IN_STEP_MS, useBurnInOffset } from './use-burn-in';

const advance = fakeTimersPerTest();

describe('useBurnInOffset', () => {
  it('drifts a few pixels every few minutes when enabled, not at all otherwise', () => {
    const on = renderHook(() => useBurnInOffset(true));
    const off = renderHook(() => useBurnInOffset(false));
    expect(on.result.current).toEqual([0, 0]);
    advance(BURN_IN_STEP_MS);
    const [dx, dy] = on.result.current;
    expect(Math.abs(dx) + Math.abs(dy)).toBeGreaterThan(0);
    expect(Math.max(Math.abs(dx), Math.abs(dy))).toBeLessThanOrEqual(4);
    expect(off.result.current).toEqual([0, 0]);
  });
});
