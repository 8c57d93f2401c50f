import type { SeriesLine } from '@/shared/api/series';
import {
  CATALOG,
  CHART_GROUPS,
  LINE_LABELS,
  type Catalog,
  type ChartGroup,
  type LineLabel,
  type MetricUnit,
} from '@/shared/metrics/catalog';

// How a series response becomes charts: one chart per metric group (CPU, memory, network rx/tx…), host network
// once per physical NIC, each line with its min–max band. Pure, so the grouping, the rows recharts draws and
// the figures under each title are tested without a browser.

export interface ChartLine {
  /** recharts' dataKey of the average; the band is `${key}Band`. */
  key: string;
  label: LineLabel;
  /** The server's avg / min / max of the line's metric. */
  series: SeriesLine;
}

export interface ChartSpec {
  /** Stable and unique on the page, e.g. `network-vmnic1`. */
  id: string;
  group: ChartGroup;
  nic: string | null;
  unit: MetricUnit;
  lines: ChartLine[];
}

/**
 * The page's charts, in the catalog's chart order; host network and packets once per NIC. A metric the catalog
 * does not know is left out: there is no chart, legend or unit to draw it with.
 */
export function chartSpecs(series: readonly SeriesLine[], catalog: Catalog = CATALOG): ChartSpec[] {
  const charts = new Map<string, ChartSpec>();
  for (const line of series) {
    const metric = catalog.find(line.metric);
    if (!metric) continue;
    const group = metric.chartGroup;
    const id = line.nic ? `${group}-${line.nic}` : group;
    const chart = charts.get(id) ?? { id, group, nic: line.nic, unit: metric.unit, lines: [] };
    chart.lines.push({ key: '', label: metric.lineLabel, series: line });
    charts.set(id, chart);
  }
  const ordered = [...charts.values()].sort(
    (a, b) =>
      CHART_GROUPS.indexOf(a.group) - CHART_GROUPS.indexOf(b.group) ||
      (a.nic ?? '').localeCompare(b.nic ?? '', undefined, { numeric: true }),
  );
  for (const chart of ordered) {
    chart.lines.sort((a, b) => LINE_LABELS.indexOf(a.label) - LINE_LABELS.indexOf(b.label));
    chart.lines.forEach((l, i) => (l.key = `s${i}`));
  }
  return ordered;
}

export type ChartRow = { t: number } & Record<string, number | null | [number, number]>;

/** One row per timestamp: each line's average, and its [min, max] band where both ends are known. */
export function chartRows(chart: ChartSpec, timestamps: readonly number[]): ChartRow[] {
  return timestamps.map((t, i) => {
    const row: ChartRow = { t };
    for (const { key, series } of chart.lines) {
      const min = series.min[i] ?? null;
      const max = series.max[i] ?? null;
      row[key] = series.avg[i] ?? null;
      row[`${key}Band`] = min !== null && max !== null ? [min, max] : null;
    }
    return row;
  });
}

export function hasData(line: Pick<SeriesLine, 'avg'>): boolean {
  return line.avg.some((v) => v !== null);
}

export interface Figures {
  /** The latest average. */
  current: number;
  /** The mean of the averages over the range. */
  avg: number;
  /** The highest maximum over the range (the peak the average hides). */
  max: number;
}

/** current / avg / max of a line, or null when it holds no value at all. */
export function seriesFigures(line: Pick<SeriesLine, 'avg' | 'max'>): Figures | null {
  let current: number | null = null;
  let sum = 0;
  let count = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (const [i, value] of line.avg.entries()) {
    if (value === null) continue;
    current = value;
    sum += value;
    count += 1;
    max = Math.max(max, line.max[i] ?? value);
  }
  return current === null ? null : { current, avg: sum / count, max };
}
