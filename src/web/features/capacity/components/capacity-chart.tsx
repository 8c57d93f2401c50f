import { memo, useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useChartAxes } from '@/web/components/charts/chart-axes';
import { ChartCard } from '@/web/components/charts/chart-card';
import { useTimeAxis } from '@/web/components/charts/use-time-axis';
import { useFormatter } from '@/web/lib/use-formatter';
import type { CapacityData, CapacitySeries } from '../api/get-aggregates';
import { capacityCsv, chartRows, stackedSeries, type ChartRow } from '../utils/capacity-model';

// What was provisioned, stacked by group, under a dashed line of what the hosts or filers offer: where the stack
// crosses the line the datacenter is over-committed. CSV and PNG export as on the Graphs page.

const CHART_HEIGHT = 320;
/** Okabe–Ito's colour-blind-safe set, readable on the light and the dark surface alike. Concrete colours (not
 * CSS variables): SVG attributes and the PNG export need them. */
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#b8a91a', '#8c8c8c'];

interface CapacityChartProps {
  title: string;
  data: CapacityData;
  offered: CapacityData | undefined;
  offeredLabel: string;
  seriesLabel: (key: string) => string;
  value: (v: number | null | undefined) => string;
  fileBase: string;
}

const Plot = memo(function Plot({
  rows,
  stacked,
  offeredLabel,
  seriesLabel,
  value,
  title,
}: {
  rows: ChartRow[];
  stacked: CapacitySeries[];
  offeredLabel: string;
  seriesLabel: (key: string) => string;
  value: (v: number) => string;
  title: string;
}) {
  const format = useFormatter();
  const axis = useTimeAxis(rows[0]?.t ?? 0, rows[rows.length - 1]?.t ?? 0);
  const { colors, x, y } = useChartAxes(axis);
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <ComposedChart data={rows} title={title} margin={{ top: 8, right: 20, bottom: 0, left: 8 }}>
        <CartesianGrid vertical={false} stroke={colors.grid} />
        <XAxis {...x} />
        <YAxis {...y} width={90} tickFormatter={value} />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(t) => format.dateTime(Number(t))}
          formatter={(v) => value(Number(v))}
          contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }}
        />
        {stacked.map((s, i) => (
          <Area
            key={s.key}
            dataKey={`s${i}`}
            name={seriesLabel(s.key)}
            stackId="provisioned"
            type="linear"
            stroke={PALETTE[i % PALETTE.length]}
            fill={PALETTE[i % PALETTE.length]}
            fillOpacity={0.55}
            isAnimationActive={false}
          />
        ))}
        <Line
          dataKey="offered"
          name={offeredLabel}
          type="linear"
          stroke={colors.capacity}
          strokeDasharray="6 4"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
});

export function CapacityChart({
  title,
  data,
  offered,
  offeredLabel,
  seriesLabel,
  value,
  fileBase,
}: CapacityChartProps) {
  const stacked = useMemo(() => stackedSeries(data), [data]);
  const rows = useMemo(
    () => chartRows(data.timestamps, stacked, offered),
    [data.timestamps, stacked, offered],
  );

  return (
    <ChartCard
      title={title}
      className="capacity-chart"
      fileBase={fileBase}
      csv={() => capacityCsv(data, offered, { group: seriesLabel, offered: offeredLabel })}
      legend={
        <ul className="capacity-legend">
          {stacked.map((s, i) => (
            <li key={s.key}>
              <span
                className="swatch"
                style={{ background: PALETTE[i % PALETTE.length] }}
                aria-hidden="true"
              />
              {seriesLabel(s.key)}
            </li>
          ))}
          <li>
            <span className="swatch swatch-dashed series-capacity" aria-hidden="true" />
            {offeredLabel}
          </li>
        </ul>
      }
    >
      <div className="graph-plot">
        <Plot
          rows={rows}
          stacked={stacked}
          offeredLabel={offeredLabel}
          seriesLabel={seriesLabel}
          value={value}
          title={title}
        />
      </div>
    </ChartCard>
  );
}
