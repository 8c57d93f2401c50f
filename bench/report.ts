import { Bench } from 'tinybench';

// A tiny layer over tinybench so every benchmark prints the same way: a named figure, its unit, and where a
// target exists, the ratio to it.

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** For "lower is better" figures: the value must stay at or under this. */
  target?: number;
}

export function printFigures(section: string, figures: Figure[]): void {
  console.log(`\n## ${section}`);
  for (const f of figures) {
    const value = f.value >= 100 || Number.isInteger(f.value) ? f.value.toFixed(0) : f.value.toPrecision(3);
    const target =
      f.target === undefined
        ? ''
        : `  (target ≤ ${f.target} ${f.unit}, ratio ${(f.value / f.target).toFixed(2)})`;
    console.log(`- ${f.name}: ${value} ${f.unit}${target}`);
  }
}

/** The nearest-rank `p`th percentile of values sorted ascending; NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Mean milliseconds per run of `task`, over at least `iterations` runs. */
export async function timeMs(name: string, task: () => unknown, iterations = 10): Promise<number> {
  const bench = new Bench({ iterations, time: 0, warmupIterations: 2 });
  bench.add(name, task);
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (!result || result.state !== 'completed') throw new Error(`benchmark ${name} did not complete`);
  return result.latency.mean;
}
