import { LONG_MAX } from './java-long';
import type { DataPoint } from './store';

// OpenTSDB's RateSpan: per-second rate between consecutive points, counter wrap handling, and the first rate
// taken against (t=0, v=0). That first rate is kept here because cross-series aggregation uses it as the
// series' value until its second point; the aggregation step decides what is emitted.

export interface RateOptions {
  readonly counter: boolean;
  readonly counterMax: number;
  readonly resetValue: number;
  readonly dropResets: boolean;
}

export const DEFAULT_RATE_OPTIONS: RateOptions = {
  counter: false,
  counterMax: LONG_MAX,
  resetValue: 0,
  dropResets: false,
};

export function rate(points: readonly DataPoint[], options: RateOptions): DataPoint[] {
  const out: DataPoint[] = [];
  let prev: DataPoint = { ts: 0, value: 0, isInteger: true };
  for (const next of points) {
    const seconds = (next.ts - prev.ts) / 1000;
    const difference = next.value - prev.value;
    if (options.counter && difference < 0) {
      if (options.dropResets) {
        // The next rate is measured from the reset point.
        prev = next;
        continue;
      }
      const wrapped = (options.counterMax - prev.value + next.value) / seconds;
      const value = options.resetValue > 0 && wrapped > options.resetValue ? 0 : wrapped;
      out.push({ ts: next.ts, value, isInteger: false });
    } else {
      out.push({ ts: next.ts, value: difference / seconds, isInteger: false });
    }
    prev = next;
  }
  return out;
}
