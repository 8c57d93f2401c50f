import { useEffect, useEffectEvent } from 'react';

const QUIET_CHECK_MS = 1_000;

/**
 * A full page load every `everyMs` (0: never), which keeps a tab that runs for weeks as healthy as a new
 * one. Once due, it waits for a quiet moment (`isQuiet`: no poll running or about to start), so a reload
 * never cuts a poll short or lands as one is due.
 */
export function useScheduledReload(everyMs: number, isQuiet: () => boolean, reload: () => void): void {
  const quiet = useEffectEvent(isQuiet);
  const run = useEffectEvent(reload);
  useEffect(() => {
    if (everyMs <= 0) return;
    let check: ReturnType<typeof setInterval> | undefined;
    const due = setTimeout(() => {
      check = setInterval(() => {
        if (!quiet()) return;
        clearInterval(check);
        run();
      }, QUIET_CHECK_MS);
    }, everyMs);
    return () => {
      clearTimeout(due);
      clearInterval(check);
    };
  }, [everyMs]);
}
