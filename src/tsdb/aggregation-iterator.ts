import type { Aggregator } from './aggregators';
import { LONG_MAX, LONG_MIN } from './java-long';
import type { DataPoint } from './store';

// Port of OpenTSDB's AggregationIterator: walk the union of the series' timestamps; at each one, every series
// that has started and not ended contributes its exact value or one interpolated with the aggregator's mode.
// Integer arithmetic (Java longs, truncating) is used while every current and next value is an integer.

interface Slot {
  ts: number;
  value: number;
  isInteger: boolean;
}

interface SpanState {
  readonly points: readonly DataPoint[];
  index: number;
  /** The point at or before the walk, once the series has started; null after its last point. */
  current: Slot | null;
  /** The following point, or null when the series has no more points. */
  next: Slot | null;
}

function slot(p: DataPoint): Slot {
  return { ts: p.ts, value: p.value, isInteger: p.isInteger };
}

function advance(span: SpanState): void {
  span.current = span.next;
  const p = span.points[span.index++];
  span.next = p ? slot(p) : null;
}

/**
 * Aggregates the (already downsampled / rated) points of a group. With `rate`, each series' first point is the
 * hidden rate against time zero: it is never emitted but stands for the series until its second point.
 */
export function aggregateSpans(
  spans: readonly (readonly DataPoint[])[],
  aggregator: Aggregator,
  rate: boolean,
): DataPoint[] {
  const states: SpanState[] = spans.map((points) => ({ points, index: 0, current: null, next: null }));
  for (const s of states) {
    advance(s);
    s.current = null;
    if (rate && s.next) advance(s);
  }
  const out: DataPoint[] = [];
  const values: number[] = [];
  for (;;) {
    for (const s of states) if (!s.next) s.current = null;
    let x = Infinity;
    for (const s of states) if (s.next && s.next.ts < x) x = s.next.ts;
    if (x === Infinity) return out;
    for (const s of states) if (s.next?.ts === x) advance(s);

    const integerMode =
      !rate && states.every((s) => (s.current?.isInteger ?? true) && (s.next?.isInteger ?? true));
    values.length = 0;
    for (const s of states) {
      const cur = s.current;
      if (cur) values.push(valueAt(s, cur, x, aggregator, rate, integerMode));
    }
    out.push({
      ts: x,
      value: integerMode ? aggregator.runLong(values) : aggregator.runDouble(values),
      isInteger: integerMode,
    });
  }
}

function valueAt(
  s: SpanState,
  cur: Slot,
  x: number,
  aggregator: Aggregator,
  rate: boolean,
  integerMode: boolean,
): number {
  // Rates are never interpolated: a series stands at its latest rate.
  if (rate || cur.ts === x) return cur.value;
  const next = s.next;
  if (!next) return cur.value;
  if (next.ts === x) return next.value;
  switch (aggregator.interpolation) {
    case 'lerp':
      return integerMode
        ? longLerp(cur, next, x)
        : cur.value + ((x - cur.ts) * (next.value - cur.value)) / (next.ts - cur.ts);
    case 'zim':
      return 0;
    case 'max':
      return integerMode ? LONG_MAX : Number.MAX_VALUE;
    case 'min':
      return integerMode ? LONG_MIN : -Number.MAX_VALUE;
    case 'prev':
      return cur.value;
  }
}

/** `y0 + (x - x0) * (y1 - y0) / (x1 - x0)` in Java long arithmetic (truncating division, no precision loss). */
function longLerp(cur: Slot, next: Slot, x: number): number {
  const product = (x - cur.ts) * (next.value - cur.value);
  if (Number.isSafeInteger(product)) return cur.value + Math.trunc(product / (next.ts - cur.ts));
  const big = (BigInt(x - cur.ts) * BigInt(next.value - cur.value)) / BigInt(next.ts - cur.ts);
  return cur.value + Number(big);
}
