import { useEffect, useState } from 'react';

/** The current time, re-rendering the caller every `everyMs` (a countdown needs seconds, nothing more). */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
