import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Database from 'better-sqlite3';
import { CAPACITY_POLICY } from '../src/shared/capacity/catalog';
import { parseArchivePolicy } from '../src/metering/carbonara/archive-policy';
import type { LocalMeasureStore } from '../src/metering/storage/measure-store';
import { openMeasureStore } from '../src/metering/storage/measure-store';
import type { Measures } from '../src/metering/carbonara/ingest';
import { backfillRanges } from '../src/server/metering/demo-backfill';
import { printFigures } from './report';

// The metering engine's in-memory store (DATA_DIR=:memory:) at a large datacenter's size, under the capacity
// recorder's policy (4 rollups × 6 methods): its heap bytes per metric after one measure, after a simulated
// day of 5-minute measures, after the year the demo backfills (a day at 5 minutes, a week at half an hour, a
// month at 2 hours, the year by day) and two live measures, and for METERING_BENCH_METRICS metrics (default
// 5 000; a VM has 10 metrics, so DEMO_VMS=20000 meters some 200 000) after two measures, plus the CPU time of
// a write per metric per batch. The reference is what the SQLite store serialises for the same data (the
// bytes of its state and chunk blobs), the floor a compact memory store can reach, and its write time. Heap
// is V8's used heap plus external memory (array buffers), after a forced garbage collection.

const POLICY = parseArchivePolicy(CAPACITY_POLICY);
const STEP_US = 300e6;
const START_US = Date.UTC(2026, 0, 1) * 1000;
const DAY_STEPS = 288;
const SMALL_METRICS = 2_000;
const FEW_METRICS = 100;
const KB = 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapBytes(): number {
  for (let i = 0; i < 3; i++) gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/** Deterministic values that vary as a VM's usage does (runs of equal values are the exception). */
function valueAt(metric: number, step: number): number {
  return ((metric * 7_919 + step * 104_729) % 10_007) / 100;
}

/** What one batch gives a metric: a measure (or several) by metric number. */
type Step = (metric: number) => Measures;

/** A live poll: one measure a metric, 5 minutes after the previous one. */
function live(step: number): Step {
  return (metric) => ({
    timestampsUs: Float64Array.of(START_US + step * STEP_US),
    values: Float64Array.of(valueAt(metric, step)),
  });
}

/** The demo's backfill before the first poll: a year, at each age at the granularity the policy keeps. */
const backfill: Step = (metric) => {
  const times = backfillRanges(START_US / 1000).flatMap(({ startMs, endMs, granularity }) =>
    Array.from(
      { length: (endMs - startMs) / (granularity * 1000) },
      (_, i) => (startMs + i * granularity * 1000) * 1000,
    ),
  );
  return {
    timestampsUs: Float64Array.from(times),
    values: Float64Array.from(times, (_, i) => valueAt(metric, i)),
  };
};

/**
 * The steps' batches, each with every metric; the mean CPU µs per metric per batch (CPU time, not the clock:
 * the bench shares its machine, and a clock counts the other processes' turns).
 */
function write(store: LocalMeasureStore, ids: readonly string[], steps: readonly Step[]): number {
  let cpuUs = 0;
  for (const step of steps) {
    const batch = ids.map((metricId, metric) => ({ metricId, policy: POLICY, measures: step(metric) }));
    const started = process.cpuUsage();
    store.addMeasuresBatch(batch);
    const { user, system } = process.cpuUsage(started);
    cpuUs += user + system;
  }
  return cpuUs / (steps.length * ids.length);
}

function metricIds(n: number): string[] {
  return Array.from({ length: n }, () => randomUUID());
}

/** The in-memory store's heap per metric after `steps` measures each, and its write time. */
function memoryScenario(
  metrics: number,
  steps: readonly Step[],
): { bytesPerMetric: number; usPerWrite: number } {
  const ids = metricIds(metrics);
  const before = heapBytes();
  const store = openMeasureStore({});
  const usPerWrite = write(store, ids, steps);
  const bytesPerMetric = (heapBytes() - before) / metrics;
  store.close();
  return { bytesPerMetric, usPerWrite };
}

/** What the SQLite store keeps for the same data: the bytes of its blobs per metric, and its write time. */
function sqliteScenario(
  metrics: number,
  steps: readonly Step[],
): { bytesPerMetric: number; usPerWrite: number } {
  const dir = mkdtempSync(join(tmpdir(), 'metering-memory-bench-'));
  try {
    const store = openMeasureStore({ dataDir: dir });
    const usPerWrite = write(store, metricIds(metrics), steps);
    store.close();
    const db = new Database(join(dir, 'metering.sqlite'), { readonly: true });
    const { state } = db
      .prepare<[], { state: number }>('SELECT sum(length(meta) + length(bound)) AS state FROM metric_state')
      .get()!;
    const { chunks } = db
      .prepare<[], { chunks: number }>('SELECT sum(length(data)) AS chunks FROM aggregate_chunk')
      .get()!;
    db.close();
    return { bytesPerMetric: (state + chunks) / metrics, usPerWrite };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function meteringMemoryBench(): Promise<void> {
  const many = Number(process.env.METERING_BENCH_METRICS ?? 5_000);
  const liveSteps = (n: number) => Array.from({ length: n }, (_, step) => live(step));
  const scenarios = [
    { name: `after 1 measure (${SMALL_METRICS} metrics)`, metrics: SMALL_METRICS, steps: liveSteps(1) },
    {
      name: `after a day of 5-minute measures (${FEW_METRICS} metrics)`,
      metrics: FEW_METRICS,
      steps: liveSteps(DAY_STEPS),
    },
    {
      name: `after the demo's year of backfill and 2 measures (${FEW_METRICS} metrics)`,
      metrics: FEW_METRICS,
      steps: [backfill, live(0), live(1)],
    },
    { name: `${many} metrics after 2 measures`, metrics: many, steps: liveSteps(2) },
  ];
  for (const { name, metrics, steps } of scenarios) {
    const memory = memoryScenario(metrics, steps);
    const sqlite = sqliteScenario(metrics, steps);
    printFigures(`metering in-memory store, ${name}`, [
      { name: 'memory store, heap per metric', value: memory.bytesPerMetric / KB, unit: 'kB' },
      { name: 'SQLite store, serialised per metric', value: sqlite.bytesPerMetric / KB, unit: 'kB' },
      {
        name: 'memory heap / SQLite serialised',
        value: memory.bytesPerMetric / sqlite.bytesPerMetric,
        unit: '×',
      },
      {
        name: `memory store, heap for all ${metrics} metrics`,
        value: (memory.bytesPerMetric * metrics) / (KB * KB),
        unit: 'MB',
      },
      { name: 'memory store, write CPU per metric per batch', value: memory.usPerWrite, unit: 'µs' },
      { name: 'SQLite store, write CPU per metric per batch', value: sqlite.usPerWrite, unit: 'µs' },
    ]);
  }
  return Promise.resolve();
}
