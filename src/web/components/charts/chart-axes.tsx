import { useMemo } from 'react';
import type { BaseTickContentProps } from 'recharts';
import { useChartColors } from './use-chart-colors';
import type { TimeAxis } from './use-time-axis';

// The axes every chart draws alike: time across on the ticks of a TimeAxis, values up, both in the theme's
// grid and text colours. Only types come from recharts here, so a page without charts does not load it.

const TICK_FONT_SIZE = 12;

/** Where recharts' own tick text puts its baseline for each vertical anchor (its cap-height convention). */
const TICK_DY = { start: '0.71em', middle: '0.355em', end: 0 } as const;

/** An axis label as plain SVG text. Recharts' default `<Text>` measures each label in the DOM to wrap it (a
 * forced layout per tick, some 20 ms on a Year page of eight charts); these labels are one short line. */
const plainTick =
  (fill: string) =>
  ({ x, y, textAnchor, verticalAnchor, payload, tickFormatter, index }: BaseTickContentProps) => (
    <text
      className="recharts-cartesian-axis-tick-value"
      x={x}
      y={y}
      dy={TICK_DY[verticalAnchor]}
      textAnchor={textAnchor}
      fill={fill}
      fontSize={TICK_FONT_SIZE}
    >
      {tickFormatter ? tickFormatter(payload.value, index) : String(payload.value)}
    </text>
  );

/** Room for a value axis label of `chars` characters at the ticks' font size. */
export const axisWidth = (chars: number) => Math.ceil(chars * 7.5) + 24;

/**
 * Props for `<XAxis>` (time, every tick of `axis` shown) and for `<YAxis>` (the style; the chart gives the
 * values), and the colours they were drawn from. Stable while the axis and the theme are, so a memoised plot
 * keeps them.
 */
export function useChartAxes(axis: TimeAxis) {
  const colors = useChartColors();
  const tick = useMemo(() => plainTick(colors.text), [colors.text]);
  const y = useMemo(() => ({ stroke: colors.grid, tick }), [colors.grid, tick]);
  const x = useMemo(
    () => ({
      ...y,
      dataKey: 't',
      type: 'number' as const,
      domain: [axis.first, axis.last],
      ticks: axis.ticks,
      tickFormatter: axis.format,
      interval: 0,
    }),
    [axis, y],
  );
  return { colors, x, y };
}
