import { memo, useCallback, useMemo } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  useXAxisScale,
  useYAxisScale,
  type CartesianGridProps,
  type TooltipContentProps,
} from 'recharts';
import type { Formatter } from '@/web/lib/format';
import { useFormatter } from '@/web/lib/use-formatter';
import { bandPath } from '../utils/band-path';
import { chartCsv } from '../utils/chart-csv';
import { chartRows, hasData, seriesFigures, type ChartRow, type ChartSpec } from '../utils/chart-model';
import { chartMax, valueTicks } from '../utils/value-axis';
import { axisWidth, useChartAxes } from '@/web/components/charts/chart-axes';
import { ChartCard } from '@/web/components/charts/chart-card';
import type { TimeAxis } from '@/web/components/charts/use-time-axis';

// One metric group as a chart: each line's average over its min–max band, units on the axis and in the tooltip,
// current / avg / max under the title, CSV and PNG export. Recharts is imported here and only here, inside the
// lazily loaded Graphs page.

const CHART_HEIGHT = 200;
const MARGIN = { top: 6, right: 20, bottom: 0, left: 0 };
// Grid lines only across, at the value ticks. Recharts' own grid generators measure every tick label in the DOM
// (a forced layout each) even for lines that are not drawn; these read the axis scale and measure nothing.
const NO_VERTICAL_LINES = () => [];
const linesAt =
  (values: number[]): CartesianGridProps['horizontalCoordinatesGenerator'] =>
  ({ yAxis }) =>
    values.map((v) => yAxis?.scale?.map(v)).filter((y): y is number => y !== undefined && Number.isFinite(y));

interface MetricChartProps {
  chart: ChartSpec;
  timestamps: number[];
  axis: TimeAxis;
  /** Charts with the same syncId share the crosshair, matched on time. */
  syncId: string;
  /** For the filer space chart: its capacity, drawn as a reference line. */
  capacityKb?: number | null;
  /** The exports' file name, without extension. */
  fileBase: string;
}

function ChartTooltip({
  active,
  payload,
  chart,
  format,
}: Pick<TooltipContentProps, 'active' | 'payload'> & {
  chart: ChartSpec;
  format: Formatter;
}) {
  const { t } = useTranslation('graphs');
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  const value = (v: unknown) => format.metric(chart.unit, typeof v === 'number' ? v : null);
  return (
    <div className="graph-tooltip">
      <p>{format.dateTime(row.t)}</p>
      <ul>
        {chart.lines.map(({ key, label }, i) => {
          const band = row[`${key}Band`];
          return (
            <li key={key}>
              <span className={`swatch series-${i}`} aria-hidden="true" />
              {t(`line.${label}`)} <strong>{value(row[key])}</strong>
              {Array.isArray(band) && (
                <span className="muted"> ({t('band', { min: value(band[0]), max: value(band[1]) })})</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * A line's min–max band, drawn as one path on the chart's own scales. A recharts `<Area>` of [min, max] ranges
 * draws the same shape but costs a third of a chart's render (per-point objects, label entries, store updates):
 * on a Year page that is the difference between meeting the 500 ms budget and missing it.
 */
function MinMaxBand({ rows, bandKey, fill }: { rows: ChartRow[]; bandKey: string; fill?: string }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const d = useMemo(() => (x && y ? bandPath(rows, bandKey, x, y) : ''), [rows, bandKey, x, y]);
  return <path className="graph-band" d={d} fill={fill} fillOpacity={0.18} stroke="none" />;
}

interface ChartPlotProps {
  /** Given, not read from the URL here: a period change must not redraw the charts before their data comes. */
  format: Formatter;
  chart: ChartSpec;
  rows: ChartRow[];
  axis: TimeAxis;
  syncId: string;
  title: string;
  capacityKb?: number | null;
}

/** The recharts part, memoised with stable props: polls and state changes around it do not redraw 365-point paths. */
const ChartPlot = memo(function ChartPlot({
  format,
  chart,
  rows,
  axis,
  syncId,
  title,
  capacityKb,
}: ChartPlotProps) {
  const { colors, x, y: yStyle } = useChartAxes(axis);
  const value = useCallback((v: number) => format.metric(chart.unit, v), [format, chart.unit]);
  const yTicks = useMemo(() => valueTicks(chartMax(chart, capacityKb), chart.unit), [chart, capacityKb]);
  const y = useMemo(
    () => ({
      domain: [0, yTicks[yTicks.length - 1]!],
      width: axisWidth(Math.max(...yTicks.map((v) => value(v).length))),
    }),
    [yTicks, value],
  );
  const gridLines = useMemo(() => linesAt(yTicks), [yTicks]);
  const cursor = useMemo(() => ({ stroke: colors.text }), [colors.text]);
  const activeDots = useMemo(
    () => colors.series.map((fill) => ({ r: 3, fill, stroke: 'none' })),
    [colors.series],
  );
  const tooltip = useCallback(
    ({ active, payload }: TooltipContentProps) => (
      <ChartTooltip active={active} payload={payload} chart={chart} format={format} />
    ),
    [chart, format],
  );

  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <ComposedChart data={rows} syncId={syncId} syncMethod="value" title={title} margin={MARGIN}>
        <CartesianGrid
          vertical={false}
          stroke={colors.grid}
          verticalCoordinatesGenerator={NO_VERTICAL_LINES}
          horizontalCoordinatesGenerator={gridLines}
        />
        <XAxis {...x} />
        <YAxis
          {...yStyle}
          width={y.width}
          ticks={yTicks}
          interval={0}
          domain={y.domain}
          tickFormatter={value}
        />
        <Tooltip isAnimationActive={false} cursor={cursor} content={tooltip} />
        {chart.lines.map(({ key }, i) => (
          <MinMaxBand key={`${key}Band`} rows={rows} bandKey={`${key}Band`} fill={colors.series[i]} />
        ))}
        {chart.lines.map(({ key }, i) => (
          <Line
            key={key}
            dataKey={key}
            type="linear"
            stroke={colors.series[i]}
            strokeWidth={1.5}
            dot={false}
            activeDot={activeDots[i]}
            isAnimationActive={false}
          />
        ))}
        {capacityKb != null && (
          <ReferenceLine
            y={capacityKb}
            stroke={colors.capacity}
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
          />
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
});

export const MetricChart = memo(function MetricChart({
  chart,
  timestamps,
  axis,
  syncId,
  capacityKb,
  fileBase,
}: MetricChartProps) {
  const { t } = useTranslation('graphs');
  const format = useFormatter();
  const rows = useMemo(() => chartRows(chart, timestamps), [chart, timestamps]);
  const figures = useMemo(() => chart.lines.map(({ series }) => seriesFigures(series)), [chart]);
  const withData = chart.lines.some(({ series }) => hasData(series));
  const title = chart.nic ? `${t(`chart.${chart.group}`)} · ${chart.nic}` : t(`chart.${chart.group}`);
  const value = (v: number | null | undefined) => format.metric(chart.unit, v);

  return (
    <ChartCard
      title={title}
      fileBase={fileBase}
      csv={() => chartCsv(chart, timestamps)}
      data-chart={chart.id}
      legend={
        <ul className="graph-figures">
          {chart.lines.map(({ key, label }, i) => {
            const f = figures[i];
            return (
              <li key={key}>
                <span className={`swatch series-${i}`} aria-hidden="true" />
                <span className="graph-line-label">{t(`line.${label}`)}</span>{' '}
                {f ? (
                  t('figures', { current: value(f.current), avg: value(f.avg), max: value(f.max) })
                ) : (
                  <strong className="graph-line-empty">{t('state.noData', { ns: 'common' })}</strong>
                )}
              </li>
            );
          })}
          {capacityKb != null && (
            <li>
              <span className="swatch swatch-dashed series-capacity" aria-hidden="true" />
              {t('capacity', { value: value(capacityKb) })}
            </li>
          )}
        </ul>
      }
    >
      {withData ? (
        <div className="graph-plot">
          <ChartPlot
            format={format}
            chart={chart}
            rows={rows}
            axis={axis}
            syncId={syncId}
            title={title}
            capacityKb={capacityKb}
          />
        </div>
      ) : (
        <p className="graph-nodata" role="status" style={{ height: CHART_HEIGHT }}>
          {t('state.noData', { ns: 'common' })}
        </p>
      )}
    </ChartCard>
  );
});
