import Papa from 'papaparse';
import { sumOrNull } from '@/web/lib/null-aware';
import type { CapacityData, CapacitySeries } from '../api/get-aggregates';

// The answers as the chart, the table and the CSV read them. The chart stacks the largest groups and sums the
// rest into one "other" band, so a datacenter of 300 hosts still draws a readable picture; the table and the
// CSV keep every group.

export const MOST_STACKED = 8;
export const OTHER_KEY = '\u0000other';

export interface SeriesFigures {
  key: string;
  latest: number | null;
  avg: number | null;
  max: number | null;
}

function lastValue(values: readonly (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i -= 1) if (values[i] !== null) return values[i]!;
  return null;
}

export function figuresOf({ key, values }: CapacitySeries): SeriesFigures {
  const present = values.filter((v): v is number => v !== null);
  return {
    key,
    latest: lastValue(values),
    avg: present.length ? present.reduce((a, b) => a + b, 0) / present.length : null,
    max: present.length ? Math.max(...present) : null,
  };
}

/** The sum of every series at each timestamp (the stack's top). */
export function totalSeries(data: CapacityData): CapacitySeries {
  return {
    key: '',
    values: data.timestamps.map((_, i) => sumOrNull(...data.series.map((s) => s.values[i] ?? null))),
  };
}

/** The series to stack, largest latest value first, the rest summed into OTHER_KEY. */
export function stackedSeries(data: CapacityData): CapacitySeries[] {
  const ranked = [...data.series].sort((a, b) => (lastValue(b.values) ?? 0) - (lastValue(a.values) ?? 0));
  if (ranked.length <= MOST_STACKED) return ranked;
  const kept = ranked.slice(0, MOST_STACKED - 1);
  const rest = ranked.slice(MOST_STACKED - 1);
  return [
    ...kept,
    {
      key: OTHER_KEY,
      values: data.timestamps.map((_, i) => sumOrNull(...rest.map((s) => s.values[i] ?? null))),
    },
  ];
}

export type ChartRow = { t: number; offered: number | null } & Record<`s${number}`, number | null>;

/** One row per timestamp: `s0…sN` for the stacked series, `offered` for what the hosts or filers offer. */
export function chartRows(
  timestamps: readonly number[],
  stacked: readonly CapacitySeries[],
  offered: CapacityData | undefined,
): ChartRow[] {
  const offeredAt = new Map(
    (offered?.timestamps ?? []).map((t, i) => [t, offered?.series[0]?.values[i] ?? null]),
  );
  return timestamps.map((t, i) => {
    const row: ChartRow = { t, offered: offeredAt.get(t) ?? null };
    stacked.forEach((s, j) => (row[`s${j}`] = s.values[i] ?? null));
    return row;
  });
}

/** Every group, then what is offered, per timestamp (ISO 8601 UTC); a missing value is an empty cell. */
export function capacityCsv(
  data: CapacityData,
  offered: CapacityData | undefined,
  names: { group: (key: string) => string; offered: string },
): string {
  const rows = chartRows(data.timestamps, data.series, offered);
  const fields = ['timestamp', ...data.series.map((s) => names.group(s.key)), names.offered];
  return Papa.unparse(
    {
      fields,
      data: rows.map((row) => [
        new Date(row.t).toISOString(),
        ...data.series.map((_, j) => row[`s${j}`] ?? ''),
        row.offered ?? '',
      ]),
    },
    { newline: '\n' },
  );
}
