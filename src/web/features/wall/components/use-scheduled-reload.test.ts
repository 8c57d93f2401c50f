import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useScheduledReload } from './use-scheduled-reload';

const HOUR = 3_600_000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useScheduledReload', () => {
  it('reloads once due, at the first quiet moment, and only once', () => {
    let quiet = false;
    const reload = vi.fn();
    renderHook(() => useScheduledReload(6 * HOUR, () => quiet, reload));

    act(() => {
      vi.advanceTimersByTime(6 * HOUR - 1);
    });
    expect(reload).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(reload).not.toHaveBeenCalled();

    quiet = true;
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(reload).toHaveBeenCalledTimes(1);
    act(() => {
      vi.advanceTimersByTime(HOUR);
    });
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('never reloads when set to 0, and leaves no timer behind', () => {
    const reload = vi.fn();
    const { unmount } = renderHook(() => useScheduledReload(0, () => true, reload));
    act(() => {
      vi.advanceTimersByTime(48 * HOUR);
    });
    expect(reload).not.toHaveBeenCalled();
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
