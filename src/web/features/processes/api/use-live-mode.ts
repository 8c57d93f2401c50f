import { useEffect, useState } from 'react';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { useStartLive } from './start-live';

// The page's Live mode: on from the moment the server confirms a Live request until the time it answered, or
// until the user presses Stop. Stop only ends the fast polling here; the agent runs out its own live period.

export interface LiveMode {
  /** Until when the page polls at the live pace (epoch ms), or null when it does not. */
  until: number | null;
  start: () => void;
  stop: () => void;
  starting: boolean;
  error: Error | null;
}

export function useLiveMode(dc: DatacenterRef, vmId: number): LiveMode {
  const [until, setUntil] = useState<number | null>(null);
  const mutation = useStartLive(dc, vmId);

  useEffect(() => {
    if (until === null) return;
    const timer = setTimeout(() => setUntil(null), Math.max(0, until - Date.now()));
    return () => clearTimeout(timer);
  }, [until]);

  return {
    until,
    start: () =>
      mutation.mutate(undefined, {
        onSuccess: ({ liveUntil }) => setUntil(liveUntil > Date.now() ? liveUntil : null),
      }),
    stop: () => setUntil(null),
    starting: mutation.isPending,
    error: mutation.error,
  };
}
