import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MemoryStore,
  parseQueryBody,
  runQuery,
  SqliteStore,
  type IncomingPoint,
  type TsdbStore,
} from '../src/tsdb';
import { printFigures, timeMs, type Figure } from './report';

// The tsdb's figures: put throughput, a year of one 5-minute series downsampled to 1 day, 500 series over a
// week grouped and summed, and the Year graph of one VM (13 metrics) against its 50 ms target.
// Then requests that could each block the tsdb alone if it did not bound them: a put of a million points with
// a small request polled beside it, a grouped filled query over 300 days, and the regexp filter ^(a+)+$
// against a value that makes a backtracking engine run for ever.

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
  printFigures('tsdb against one heavy request', [
    ...(await millionPointPut(now)),
    ...(await groupedFilledQuery(now)),
    ...(await adversarialRegexp()),
  ]);
}

interface ChildServer {
  base: string;
  /** Resident and peak resident memory of the server process, from /proc, in MB. */
  memory(): { rss: number; peak: number };
  close(): void;
}

async function startChildServer(now: number): Promise<ChildServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tsdb-bench-child-'));
  const script = fileURLToPath(new URL('./tsdb-server-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir, String(now)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the tsdb child exited with ${code}`)));
  });
  const kb = (status: string, field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return {
    base,
    memory: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return { rss: kb(status, 'VmRSS') / 1024, peak: kb(status, 'VmHWM') / 1024 };
    },
    close: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One /api/put of 1 000 000 points (65 bytes each, under the 64 MiB the engine once took) over loopback, while
 * /api/version is asked again and again: each request's latency counts, the one the put held back included.
 */
async function millionPointPut(now: number): Promise<Figure[]> {
  const perSeries = 100_000;
  const first = Math.floor(now / 1000) - perSeries * 60;
  const items: string[] = [];
  for (let i = 0; i < 1_000_000; i++) {
    const host = Math.floor(i / perSeries);
    items.push(
      `{"metric":"m","timestamp":${first + (i % perSeries) * 60},"value":${i % 10},"tags":{"h":"h${host}"}}`,
    );
  }
  const body = Buffer.from(`[${items.join(',')}]`);
  items.length = 0;
  const server = await startChildServer(now);
  try {
    const before = server.memory();
    let done = false;
    const started = performance.now();
    const put = fetch(`${server.base}/api/put`, { method: 'POST', body }).then((r) => {
      done = true;
      if (r.status !== 204) throw new Error(`the put answered ${r.status}`);
      return performance.now() - started;
    });
    let maxLatency = 0;
    let answered = 0;
    while (!done) {
      const asked = performance.now();
      await fetch(`${server.base}/api/version`).then((r) => r.arrayBuffer());
      maxLatency = Math.max(maxLatency, performance.now() - asked);
      answered++;
    }
    const putMs = await put;
    return [
      { name: '1 000 000-point /api/put into SQLite', value: putMs / 1000, unit: 's' },
      { name: 'slowest /api/version answer asked during that put', value: maxLatency, unit: 'ms' },
      { name: '/api/version answers during that put', value: answered, unit: 'answers' },
      {
        name: 'server peak RSS above its RSS before the put',
        value: server.memory().peak - before.rss,
        unit: 'MB',
      },
    ];
  } finally {
    server.close();
  }
}

/** Three hosts over 300 days at 1m-avg-zero grouped by host: 1.3 million points, 432 000 per series. */
async function groupedFilledQuery(now: number): Promise<Figure[]> {
  const server = await startChildServer(now);
  try {
    const start = Math.floor(now / 1000) - 300 * 86_400;
    const points = ['a', 'b', 'c'].flatMap((host) =>
      [start, Math.floor(now / 1000)].map((timestamp) => ({
        metric: 'm',
        timestamp,
        value: 1,
        tags: { host },
      })),
    );
    await fetch(`${server.base}/api/put`, { method: 'POST', body: JSON.stringify(points) });
    const before = server.memory();
    const started = performance.now();
    const r = await fetch(`${server.base}/api/query`, {
      method: 'POST',
      body: JSON.stringify({
        start,
        end: Math.floor(now / 1000),
        queries: [{ metric: 'm', aggregator: 'sum', downsample: '1m-avg-zero', tags: { host: '*' } }],
      }),
    });
    const answer = await r.arrayBuffer();
    const elapsed = performance.now() - started;
    return [
      { name: `grouped 1m-avg-zero query over 300 days (answered ${r.status})`, value: elapsed, unit: 'ms' },
      { name: 'its answer', value: answer.byteLength / 1024 / 1024, unit: 'MB' },
      {
        name: 'server peak RSS above its RSS before the query',
        value: server.memory().peak - before.rss,
        unit: 'MB',
      },
    ];
  } finally {
    server.close();
  }
}

/** ^(a+)+$ against n a's and a b: 2^n steps for a backtracking engine, so 25 is as far as it can be timed. */
async function adversarialRegexp(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const length of [25, 255]) {
    const store = new MemoryStore();
    const host = `${'a'.repeat(length)}b`;
    await store.write([{ metric: 'm', tags: { host }, ts: 1_700_000_000_000, value: 1, isInteger: true }]);
    const regexp = {
      start: 1_699_999_000,
      end: 1_700_001_000,
      queries: [
        { metric: 'm', aggregator: 'sum', filters: [{ type: 'regexp', tagk: 'host', filter: '^(a+)+$' }] },
      ],
    };
    const started = performance.now();
    await query(store, regexp, 1_700_001_000_000);
    figures.push({
      name: `query with regexp ^(a+)+$ against a ${length + 1}-character tag value`,
      value: performance.now() - started,
      unit: 'ms',
    });
  }
  return figures;
}
