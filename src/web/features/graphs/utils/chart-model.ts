import type { SeriesLine } from '../../../../shared/api/series';
import { findMetric, type MetricUnit } from '../../../../shared/metrics/catalog';

// How a series response becomes charts: one chart per metric group (CPU, memory, network rx/tx…), host network
// once per physical NIC, each line with its min–max band. Pure, so the grouping, the rows recharts draws and
// the figures under each title are tested without a browser.

export type ChartGroup =
  'cpu' | 'memory' | 'cpuReady' | 'network' | 'packets' | 'iops' | 'bandwidth' | 'latency' | 'space';

export type LineLabel = 'usage' | 'ready' | 'rx' | 'tx' | 'read' | 'write' | 'used';

const PLACES: Record<string, { group: ChartGroup; label: LineLabel }> = {
  'vscope.filer.datastore.diskspace.used': { group: 'space', label: 'used' },
  'vscope.host.cpu.usage.perc': { group: 'cpu', label: 'usage' },
  'vscope.host.mem.usage.perc': { group: 'memory', label: 'usage' },
  'vscope.host.net.rx': { group: 'network', label: 'rx' },
  'vscope.host.net.tx': { group: 'network', label: 'tx' },
  'vscope.host.net.packetsrx': { group: 'packets', label: 'rx' },
  'vscope.host.net.packetstx': { group: 'packets', label: 'tx' },
  'vscope.vm.cpu.usage.perc': { group: 'cpu', label: 'usage' },
  'vscope.vm.mem.usage.perc': { group: 'memory', label: 'usage' },
  'vscope.vm.cpu.ready': { group: 'cpuReady', label: 'ready' },
  'vscope.vm.net.rx': { group: 'network', label: 'rx' },
  'vscope.vm.net.tx': { group: 'network', label: 'tx' },
  'vscope.vm.net.packetsrx': { group: 'packets', label: 'rx' },
  'vscope.vm.net.packetstx': { group: 'packets', label: 'tx' },
  'vscope.vm.disk.io.read': { group: 'iops', label: 'read' },
  'vscope.vm.disk.io.write': { group: 'iops', label: 'write' },
  'vscope.vm.disk.bandwidth.read': { group: 'bandwidth', label: 'read' },
  'vscope.vm.disk.bandwidth.write': { group: 'bandwidth', label: 'write' },
  'vscope.vm.disk.latency.read': { group: 'latency', label: 'read' },
  'vscope.vm.disk.latency.write': { group: 'latency', label: 'write' },
};

const GROUP_ORDER: ChartGroup[] = [
  'cpu',
  'memory',
  'cpuReady',
  'network',
  'packets',
  'iops',
  'bandwidth',
  'latency',
  'space',
];
const LABEL_ORDER: LineLabel[] = ['usage', 'ready', 'used', 'rx', 'tx', 'read', 'write'];

export interface ChartLine {
  /** recharts' dataKey of the average; the band is `${key}Band`. */
  key: string;
  label: LineLabel;
  line: SeriesLine;
}

export interface ChartSpec {
  /** Stable and unique on the page, e.g. `network-vmnic1`. */
  id: string;
  group: ChartGroup;
  nic: string | null;
  unit: MetricUnit;
  lines: ChartLine[];
}

/** The page's charts, in vScope's order; host network and packets once per NIC. Unknown metrics are left out. */
export function chartSpecs(series: readonly SeriesLine[]): ChartSpec[] {
  const charts = new Map<string, ChartSpec>();
  for (const line of series) {
    const place = PLACES[line.metric];
    const unit = findMetric(line.metric)?.unit;
    if (!place || !unit) continue;
    const id = line.nic ? `${place.group}-${line.nic}` : place.group;
    const chart = charts.get(id) ?? { id, group: place.group, nic: line.nic, unit, lines: [] };
    chart.lines.push({ key: '', label: place.label, line });
    charts.set(id, chart);
  }
  const ordered = [...charts.values()].sort(
    (a, b) =>
      GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
      (a.nic ?? '').localeCompare(b.nic ?? '', undefined, { numeric: true }),
  );
  for (const chart of ordered) {
    chart.lines.sort((a, b) => LABEL_ORDER.indexOf(a.label) - LABEL_ORDER.indexOf(b.label));
    chart.lines.forEach((l, i) => (l.key = `s${i}`));
  }
  return ordered;
}

export type ChartRow = { t: number } & Record<string, number | null | [number, number]>;

/** One row per timestamp: each line's average, and its [min, max] band where both ends are known. */
export function chartRows(chart: ChartSpec, timestamps: readonly number[]): ChartRow[] {
  return timestamps.map((t, i) => {
    const row: ChartRow = { t };
    for (const { key, line } of chart.lines) {
      const min = line.min[i] ?? null;
      const max = line.max[i] ?? null;
      row[key] = line.avg[i] ?? null;
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
