import { renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeTimersPerTest } from '@/web/testing/fake-timers';
import { useScheduledReload } from './use-scheduled-reload';

const HOUR = 3_600_000;

const advance = fakeTimersPerTest();

describe('useScheduledReload', () => {
  it('reloads once due, at the first quiet moment, and only once', () => {
    let quiet = false;
    const reload = vi.fn();
    renderHook(() => useScheduledReload(6 * HOUR, () => quiet, reload));

    advance(6 * HOUR - 1);
    expect(reload).not.toHaveBeenCalled();
    advance(30_000);
    expect(reload).not.toHaveBeenCalled();

    quiet = true;
    advance(1_000);
    expect(reload).toHaveBeenCalledTimes(1);
    advance(HOUR);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('never reloads when set to 0, and leaves no timer behind', () => {
    const reload = vi.fn();
    const { unmount } = renderHook(() => useScheduledReload(0, () => true, reload));
    advance(48 * HOUR);
    expect(reload).not.toHaveBeenCalled();
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
