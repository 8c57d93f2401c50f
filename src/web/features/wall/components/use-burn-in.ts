import { useEffect, useState } from 'react';

// A small loop around the origin, a few pixels each way: enough to spread a static image's wear on a panel
// that burns in, too little for anyone to notice the layout moving.
const OFFSETS: readonly (readonly [number, number])[] = [
  [0, 0],
  [2, 1],
  [3, -1],
  [1, -3],
  [-2, -2],
  [-3, 1],
  [-1, 3],
];

export const BURN_IN_STEP_MS = 3 * 60_000;

/** The wall's offset in pixels, moving one step every few minutes when enabled. */
export function useBurnInOffset(enabled: boolean): readonly [number, number] {
  const [step, setStep] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => setStep((s) => (s + 1) % OFFSETS.length), BURN_IN_STEP_MS);
    return () => clearInterval(timer);
  }, [enabled]);
  return enabled ? OFFSETS[step]! : OFFSETS[0]!;
}
