import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { guestOverviewQueryOptions } from './get-guest-overview';
import { useStartLive } from './start-live';

// The page's Live mode: on from the moment the server confirms a Live request until the time it answered, or
// until the user presses Stop. A Live period the server reports for the VM (asked from another screen, or
// before this page was reloaded) is taken up too, so a wall screen shows the pace the agent really reports at;
// one the user stopped here is not taken up again. Stop only ends the fast polling here: the agent runs out
// its own live period.

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
  // Watches the overview the page polls, without fetching it a second time.
  const { data: serverLiveUntil = null } = useQuery({
    ...guestOverviewQueryOptions(dc, vmId, false),
    enabled: false,
    select: (overview) => overview.liveUntil,
  });
  const stopped = useRef<number | null>(null);
  const mutation = useStartLive(dc, vmId);

  useEffect(() => {
    if (serverLiveUntil === null || serverLiveUntil === stopped.current || serverLiveUntil <= Date.now())
      return;
    setUntil((current) => Math.max(current ?? 0, serverLiveUntil));
  }, [serverLiveUntil]);

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
    stop: () => {
      stopped.current = until;
      setUntil(null);
    },
    starting: mutation.isPending,
    error: mutation.error,
  };
}
