import { useMemo } from 'react';
import { useFormatter } from '@/web/lib/use-formatter';
import { tickFormatter, timeTicks } from './time-axis';

/** A chart's time axis: its ends, its ticks, and the label of a tick. */
export interface TimeAxis {
  first: number;
  last: number;
  ticks: number[];
  format: (ms: number) => string;
}

/** The time axis from `first` to `last`, ticked and labelled in the language and zone the reader chose. The
 * same object while they stay the same, so the memoised charts given it do not redraw. */
export function useTimeAxis(first: number, last: number): TimeAxis {
  const format = useFormatter();
  return useMemo(() => {
    const { unit, ticks } = timeTicks(first, last, format.tz);
    return { first, last, ticks, format: tickFormatter(format.lang, format.tz, unit) };
  }, [first, last, format.lang, format.tz]);
}
