import { act } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Fake timers for every test of the calling file. The step it returns moves them inside `act`, so what the
 * timers set off has rendered before the test looks.
 */
export function fakeTimersPerTest(): (ms: number) => void {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  return (ms) => {
    act(() => {
      vi.advanceTimersByTime(ms);
    });
  };
}
