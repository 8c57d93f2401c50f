import Papa from 'papaparse';
import type { ChartSpec } from './chart-model';

// A chart's series as CSV: ISO 8601 UTC timestamps (unambiguous whatever zone the page shows), then avg, min and
// max per line, headed by the metric's own name and unit so the file reads without the dashboard. A missing
// point is an empty cell, never a zero.

export function chartCsv(chart: ChartSpec, timestamps: readonly number[]): string {
  const names = chart.lines.map(({ series }) => [series.metric, series.nic].filter(Boolean).join(' '));
  const fields = [
    'timestamp',
    ...names.flatMap((name) => ['avg', 'min', 'max'].map((fn) => `${name} ${fn} (${chart.unit})`)),
  ];
  const data = timestamps.map((t, i) => [
    new Date(t).toISOString(),
    ...chart.lines.flatMap(({ series }) => [series.avg[i], series.min[i], series.max[i]].map((v) => v ?? '')),
  ]);
  return Papa.unparse({ fields, data }, { newline: '\n' });
}
