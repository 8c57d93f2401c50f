import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setImmediate } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { SqliteStore, type IncomingPoint } from '../src/tsdb';
import { percentile, printFigures, type Figure } from './report';

// The embedded history's maintenance at size: a server's polls (every 120 s, 13 metrics a VM) written as the
// recorder writes them, 1 000 points a call with the event loop free between two calls, until the first
// two-hour span has closed; then the poll whose write starts the maintenance pass that seals it, and that pass
// to its end, with the writes going on. What matters to the API is the longest the event loop stops: the
// loop's delay, sampled every millisecond, beside the pass's duration. MAINT_BENCH_SERIES sets the series
// (default 26 000, 2 000 VMs).

const POLL_MS = 120_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WRITE_POINTS = 1_000;
/**
 * Polls up to the last one before the pass that seals the first span: passes start every ten minutes of the
 * store's clock, and the one at 2:20 is the first past the span's end and the store's 15-minute grace.
 */
const BEFORE_SEAL_MS = 2 * HOUR + 18 * MINUTE;
/** The stall the pass caused when it ran in one transaction inside a write, at the default size (2026-12-04). */
const ONE_TRANSACTION_STALL_MS = { 2_600: 1_700, 26_000: 71_000 } as Record<number, number | undefined>;
/** A request waits at most about this for the loop: a write, or a maintenance step, and a commit. */
const STALL_TARGET_MS = 50;

function pollPoints(seriesCount: number, ts: number): IncomingPoint[] {
  return Array.from({ length: seriesCount }, (_, s) => ({
    metric: `vm.metric${s % 13}`,
    tags: { vm: `vm-${Math.floor(s / 13)}` },
    ts,
    value: ((s * 7919 + ts / POLL_MS) % 1000) / 10,
    isInteger: false,
  }));
}

/** Writes a poll as the recorder does: 1 000 points a call, yielding between two; returns each call's ms. */
async function writePoll(store: SqliteStore, points: IncomingPoint[]): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < points.length; i += WRITE_POINTS) {
    const started = performance.now();
    await store.write(points.slice(i, i + WRITE_POINTS));
    durations.push(performance.now() - started);
    await setImmediate();
  }
  return durations;
}

/** What the pass left: chunks, and the raw points still in the head (the open span's, if the pass sealed). */
function tables(dir: string): { chunks: number; headPoints: number } {
  const db = new Database(join(dir, 'tsdb.sqlite'), { readonly: true });
  try {
    const count = (sql: string) => db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
    return {
      chunks: count('SELECT COUNT(*) AS n FROM chunk'),
      headPoints: count('SELECT COUNT(*) AS n FROM raw'),
    };
  } finally {
    db.close();
  }
}

const delayMs = (h: IntervalHistogram, q?: number) => (q === undefined ? h.max : h.percentile(q * 100)) / 1e6;

export async function maintenanceBench(): Promise<void> {
  const seriesCount = Number(process.env.MAINT_BENCH_SERIES ?? 26_000);
  const dir = mkdtempSync(join(tmpdir(), 'maintenance-bench-'));
  // Aligned on a span, as a day starts: the first span closes 2 h (and a grace) after the first poll.
  const start = Date.UTC(2026, 10, 23, 0, 0);
  let clock = start;
  const store = SqliteStore.open(dir, { now: () => clock });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  try {
    await store.maintained();
    loop.enable();
    const writes: number[] = [];
    for (let ts = start; ts <= start + BEFORE_SEAL_MS; ts += POLL_MS) {
      clock = ts;
      writes.push(...(await writePoll(store, pollPoints(seriesCount, ts))));
    }
    await store.maintained();
    writes.sort((a, b) => a - b);
    const writing = { max: delayMs(loop), p99: delayMs(loop, 0.99) };

    loop.reset();
    clock = start + BEFORE_SEAL_MS + POLL_MS;
    const passStarted = performance.now();
    const duringPass = await writePoll(store, pollPoints(seriesCount, clock));
    await store.maintained();
    const passMs = performance.now() - passStarted;
    loop.disable();
    const left = tables(dir);
    // Two chunks a series (its raw points and 5-minute buckets); in the head, the polls since 2:00 (2:00 to 2:20).
    if (left.chunks < 2 * seriesCount || left.headPoints > 11 * seriesCount)
      throw new Error(`the pass did not seal the closed span: ${JSON.stringify(left)}`);

    const before = ONE_TRANSACTION_STALL_MS[seriesCount];
    const figures: Figure[] = [
      {
        name: `series (${seriesCount / 13} VMs × 13 metrics, a poll every 120 s)`,
        value: seriesCount,
        unit: 'series',
      },
      { name: `write of ${WRITE_POINTS} points, median`, value: percentile(writes, 50), unit: 'ms' },
      { name: `write of ${WRITE_POINTS} points, p99`, value: percentile(writes, 99), unit: 'ms' },
      { name: 'event-loop delay while writing, p99', value: writing.p99, unit: 'ms' },
      { name: 'event-loop delay while writing, longest', value: writing.max, unit: 'ms' },
      {
        name: 'the pass that seals the closed span: from its poll to its end, writes going on',
        value: passMs,
        unit: 'ms',
      },
      { name: '  per series', value: (passMs / seriesCount) * 1000, unit: 'µs' },
      { name: '  chunks it sealed', value: left.chunks, unit: 'chunks' },
      { name: '  writes during it, longest', value: Math.max(...duringPass), unit: 'ms' },
      { name: '  event-loop delay during it, p99', value: delayMs(loop, 0.99), unit: 'ms' },
      {
        name: '  event-loop delay during it, longest',
        value: delayMs(loop),
        unit: 'ms',
        target: STALL_TARGET_MS,
      },
    ];
    if (before !== undefined)
      figures.push({
        name: '  the same pass in one transaction (measured 2026-12-04): the loop stopped',
        value: before,
        unit: 'ms',
      });
    printFigures(
      'embedded history maintenance: the pass that seals a closed span, beside the writes',
      figures,
    );
  } finally {
    loop.disable();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
