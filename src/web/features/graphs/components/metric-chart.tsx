import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import type { Formatter } from '../../../lib/format';
import { useFormatter } from '../../../lib/use-formatter';
import { chartCsv } from '../utils/chart-csv';
import { chartRows, hasData, seriesFigures, type ChartRow, type ChartSpec } from '../utils/chart-model';
import { downloadText, downloadUrl } from '../utils/download';
import { chartMax, valueTicks } from '../utils/value-axis';
import { useChartColors } from './use-chart-colors';

// One metric group as a chart: each line's average over its min–max band, units on the axis and in the tooltip,
// current / avg / max under the title, CSV and PNG export. Recharts is imported here and only here, inside the
// lazily loaded Graphs page.

const CHART_HEIGHT = 200;
const TICK_FONT_SIZE = 12;
/** Room for a value axis label of `chars` characters at TICK_FONT_SIZE. */
const axisWidth = (chars: number) => chars * 7 + 12;

export interface TimeAxis {
  first: number;
  last: number;
  ticks: number[];
  format: (ms: number) => string;
}

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
}: Pick<TooltipContentProps<number, string>, 'active' | 'payload'> & {
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

export function MetricChart({ chart, timestamps, axis, syncId, capacityKb, fileBase }: MetricChartProps) {
  const { t } = useTranslation('graphs');
  const format = useFormatter();
  const colors = useChartColors();
  const titleId = useId();
  const figureRef = useRef<HTMLElement>(null);
  const [exportError, setExportError] = useState<string>();
  const rows = useMemo(() => chartRows(chart, timestamps), [chart, timestamps]);
  const figures = useMemo(() => chart.lines.map(({ line }) => seriesFigures(line)), [chart]);
  const withData = chart.lines.some(({ line }) => hasData(line));
  const title = chart.nic ? `${t(`chart.${chart.group}`)} · ${chart.nic}` : t(`chart.${chart.group}`);
  const value = (v: number | null | undefined) => format.metric(chart.unit, v);
  const yTicks = useMemo(() => valueTicks(chartMax(chart, capacityKb), chart.unit), [chart, capacityKb]);
  const yWidth = axisWidth(Math.max(...yTicks.map((v) => value(v).length)));

  const exportCsv = () =>
    downloadText(`${fileBase}.csv`, chartCsv(chart, timestamps), 'text/csv;charset=utf-8');

  const exportPng = async () => {
    const node = figureRef.current;
    if (!node) return;
    setExportError(undefined);
    try {
      const { toPng } = await import('html-to-image');
      const url = await toPng(node, {
        pixelRatio: 2,
        backgroundColor: getComputedStyle(node).getPropertyValue('--surface').trim() || undefined,
        filter: (child) => !(child instanceof HTMLElement && child.dataset.exportSkip !== undefined),
      });
      downloadUrl(`${fileBase}.png`, url);
    } catch (error) {
      setExportError(t('export.failed', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <figure className="graph" aria-labelledby={titleId} ref={figureRef} data-chart={chart.id}>
      <div className="graph-head">
        <h2 id={titleId}>{title}</h2>
        <div className="graph-actions" data-export-skip="">
          <button type="button" aria-label={t('export.csvLabel', { chart: title })} onClick={exportCsv}>
            {t('export.csv')}
          </button>
          <button
            type="button"
            aria-label={t('export.pngLabel', { chart: title })}
            onClick={() => void exportPng()}
          >
            {t('export.png')}
          </button>
        </div>
      </div>
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
      {exportError && (
        <p className="form-error" role="alert" data-export-skip="">
          {exportError}
        </p>
      )}
      {withData ? (
        <div className="graph-plot">
          <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
            <ComposedChart
              data={rows}
              syncId={syncId}
              syncMethod="value"
              title={title}
              margin={{ top: 6, right: 8, bottom: 0, left: 0 }}
            >
              <CartesianGrid vertical={false} stroke={colors.grid} />
              <XAxis
                dataKey="t"
                type="number"
                domain={[axis.first, axis.last]}
                ticks={axis.ticks}
                tickFormatter={axis.format}
                minTickGap={8}
                stroke={colors.grid}
                tick={{ fill: colors.text, fontSize: TICK_FONT_SIZE }}
              />
              <YAxis
                width={yWidth}
                ticks={yTicks}
                interval={0}
                domain={[0, yTicks[yTicks.length - 1]!]}
                tickFormatter={(v: number) => value(v)}
                stroke={colors.grid}
                tick={{ fill: colors.text, fontSize: TICK_FONT_SIZE }}
              />
              <Tooltip
                isAnimationActive={false}
                cursor={{ stroke: colors.text }}
                content={({ active, payload }) => (
                  <ChartTooltip active={active} payload={payload} chart={chart} format={format} />
                )}
              />
              {chart.lines.map(({ key }, i) => (
                <Area
                  key={`${key}Band`}
                  dataKey={`${key}Band`}
                  type="linear"
                  stroke="none"
                  fill={colors.series[i]}
                  fillOpacity={0.18}
                  activeDot={false}
                  isAnimationActive={false}
                />
              ))}
              {chart.lines.map(({ key }, i) => (
                <Line
                  key={key}
                  dataKey={key}
                  type="linear"
                  stroke={colors.series[i]}
                  strokeWidth={1.5}
                  dot={false}
                  activeDot={{ r: 3, fill: colors.series[i], stroke: 'none' }}
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
        </div>
      ) : (
        <p className="graph-nodata" role="status" style={{ height: CHART_HEIGHT }}>
          {t('state.noData', { ns: 'common' })}
        </p>
      )}
    </figure>
  );
}
