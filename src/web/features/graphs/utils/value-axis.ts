import type { MetricUnit } from '@/shared/metrics/catalog';
import type { ChartSpec } from './chart-model';

// Value axis ticks that read as round numbers once formatted: sizes and rates are shown in 1024 steps (kB, MB,
// GB…), so their ticks are round in those units (0, 512 GB, 1 TB, 1.5 TB), not in kB (429 GB, 858 GB).

const BINARY_UNITS: ReadonlySet<MetricUnit> = new Set(['kB', 'KBps']);
const INTERVALS = 4;

/** The highest value the chart draws: the top of every band, and the capacity line if any. */
export function chartMax(chart: ChartSpec, extra?: number | null): number {
  let max = extra ?? 0;
  for (const { series } of chart.lines) {
    for (const [i, avg] of series.avg.entries()) max = Math.max(max, series.max[i] ?? avg ?? 0);
  }
  return max;
}

export function valueTicks(max: number, unit: MetricUnit): number[] {
  if (unit === 'percent' && max <= 100) return [0, 25, 50, 75, 100];
  if (!(max > 0)) return [0, 1];
  const scale = BINARY_UNITS.has(unit) ? 1024 ** Math.max(0, Math.floor(Math.log(max) / Math.log(1024))) : 1;
  const raw = max / scale / INTERVALS;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw)! * scale;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
}
