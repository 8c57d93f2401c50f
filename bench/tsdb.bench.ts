import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MemoryStore,
  parseQueryBody,
  runQuery,
  SqliteStore,
  type IncomingPoint,
  type TsdbStore,
} from '../src/tsdb';
import { printFigures, timeMs } from './report';

// The tsdb's figures from issue 3: put throughput, a year of one 5-minute series downsampled to 1 day, 500 series
// over a week grouped and summed, and the Year graph of one VM (13 metrics) against its 50 ms target.

const DAY = 86_400_000;
const STEP = 5 * 60_000;

function points(metric: string, tags: Record<string, string>, fromMs: number, toMs: number): IncomingPoint[] {
  const out: IncomingPoint[] = [];
  for (let ts = fromMs, i = 0; ts < toMs; ts += STEP, i++) {
    out.push({ metric, tags, ts, value: 20 + ((i * 7919) % 600) / 10, isInteger: false });
  }
  return out;
}

const query = (store: TsdbStore, body: object, now: number) =>
  runQuery(store, parseQueryBody(body, now, { arrays: false }));

export async function tsdbBench(): Promise<void> {
  const now = Date.UTC(2026, 10, 23);
  const dir = mkdtempSync(join(tmpdir(), 'tsdb-bench-'));
  try {
    const store = SqliteStore.open(dir, { now: () => now });
    const year = points('vscope.vm.cpu.usage.perc', { vm: 'vm-1', datacenter: 'dc' }, now - 366 * DAY, now);
    const started = performance.now();
    for (let i = 0; i < year.length; i += 5_000) await store.write(year.slice(i, i + 5_000));
    const putPerSecond = year.length / ((performance.now() - started) / 1000);

    const yearQuery = {
      start: now - 365 * DAY,
      end: now,
      queries: [
        { metric: 'vscope.vm.cpu.usage.perc', aggregator: 'avg', downsample: '1d-avg', tags: { vm: 'vm-1' } },
      ],
    };
    const oneSeriesYear = await timeMs('year 1d', () => query(store, yearQuery, now), 20);

    // The other 12 metrics of the VM, so the Year graph reads 13 series as the Graphs page does.
    const others = Array.from({ length: 12 }, (_, i) => `vscope.vm.metric${i}`);
    for (const metric of others) {
      const series = points(metric, { vm: 'vm-1', datacenter: 'dc' }, now - 366 * DAY, now);
      for (let i = 0; i < series.length; i += 20_000) await store.write(series.slice(i, i + 20_000));
    }
    const yearGraph = {
      start: now - 365 * DAY,
      end: now,
      queries: ['vscope.vm.cpu.usage.perc', ...others].map((metric) => ({
        metric,
        aggregator: 'avg',
        downsample: '1d-avg',
        tags: { vm: 'vm-1' },
      })),
    };
    const vmYear = await timeMs('vm year', () => query(store, yearGraph, now), 20);
    await store.close();

    const memory = new MemoryStore();
    for (let s = 0; s < 500; s++) {
      await memory.write(
        points('vscope.host.net.rx', { host: `h${s}`, dc: `dc${s % 4}` }, now - 7 * DAY, now),
      );
    }
    const grouped = await timeMs(
      '500 x week',
      () =>
        query(
          memory,
          {
            start: now - 7 * DAY,
            end: now,
            queries: [
              { metric: 'vscope.host.net.rx', aggregator: 'sum', downsample: '30m-avg', tags: { dc: '*' } },
            ],
          },
          now,
        ),
      5,
    );
    printFigures('tsdb', [
      {
        name: 'put throughput into SQLite (5 000-point batches, synchronous commits)',
        value: putPerSecond,
        unit: 'points/s',
      },
      { name: 'a year of one 5-min series downsampled to 1d', value: oneSeriesYear, unit: 'ms' },
      { name: 'Year graph of one VM, 13 metrics at 1d', value: vmYear, unit: 'ms', target: 50 },
      {
        name: '500 series × a week, grouped by datacenter and summed (in memory)',
        value: grouped,
        unit: 'ms',
      },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
