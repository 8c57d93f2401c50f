import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printFigures } from './report';

// The metering engine against a real Gnocchi 4.4.2, the same workload on both over HTTP, side by side:
// (a) ingest of METERING_BENCH_RESOURCES (default 1 000) metrics × a week of 5-minute measures through the batch
// route, (b) `(aggregate sum (metric vcpus mean))` over those resources found by a search, for the week, and
// (c) the same grouped by folder. The engine runs as `npm run metering` does, in a process of its own with
// SQLite in a temporary directory, as Gnocchi runs in its own; the request bodies are serialised before the
// clock starts, so that the figures are the servers' work and not the client's. Gnocchi is the one at
// GNOCCHI_REFERENCE_URL or on its default port (../shared/tools/gnocchi-reference start), and the
// comparison is skipped, saying so, when neither answers. Target: the engine ≥ 5× faster on each.

const DEFAULT_GNOCCHI = 'http://127.0.0.1:58041';
const STEP_S = 300;
const WEEK_S = 7 * 86_400;
const POINTS = WEEK_S / STEP_S;
const FOLDERS = 10;
/** Resources per batch request: ~100 × 2016 measures is ~9 MB of JSON, well under the engine's 64 MB limit. */
const BATCH_RESOURCES = 100;
const QUERY_RUNS = 3;
const TARGET_RATIO = 5;
const END_S = Date.UTC(2026, 0, 1) / 1000;
const START_S = END_S - WEEK_S;

interface Server {
  readonly name: string;
  readonly base: string;
  /** A body already bytes is sent as it is (serialised before the clock starts). */
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
}

function server(name: string, base: string): Server {
  const authorization = `Basic ${Buffer.from('admin:').toString('base64')}`;
  return {
    name,
    base,
    async call(method, path, body) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined
          ? {}
          : { body: body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : JSON.stringify(body) }),
      });
      const text = await response.text();
      if (response.status >= 300)
        throw new Error(`${name} ${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
      // Gnocchi's NaN tokens are not JSON; the figures here never need a value, only the shape.
      return text === '' ? undefined : (JSON.parse(text.replace(/\bNaN\b/g, 'null')) as unknown);
    },
  };
}

async function answers(base: string): Promise<boolean> {
  try {
    const response = await fetch(`${base}/v1/archive_policy`, {
      headers: { authorization: `Basic ${Buffer.from('admin:').toString('base64')}` },
      signal: AbortSignal.timeout(3000),
    });
    return response.status === 200;
  } catch {
    return false;
  }
}

interface Loaded {
  readonly metricIds: string[];
  readonly ingestSeconds: number;
}

/** Creates the policy, type and resources (not timed), then times the batch ingest until the measures are
 *  readable: for the engine, the POSTs (it aggregates before answering); for Gnocchi, until /v1/status?details
 *  lists none of these metrics among those metricd has still to process (polled every 250 ms). */
async function load(s: Server, prefix: string, resources: number): Promise<Loaded> {
  const policy = `${prefix}-week`;
  const type = `${prefix}-inst`;
  await s.call('POST', '/v1/archive_policy', {
    name: policy,
    back_window: 0,
    definition: [{ granularity: STEP_S, timespan: '8 days' }],
    aggregation_methods: ['mean', 'sum', 'min', 'max', 'count'],
  });
  await s.call('POST', '/v1/resource_type', {
    name: type,
    attributes: { folder: { type: 'string', required: false }, env: { type: 'string', required: false } },
  });
  const ids: string[] = [];
  const metricIds: string[] = [];
  for (let i = 0; i < resources; i++) {
    const created = (await s.call('POST', `/v1/resource/${type}`, {
      id: `${prefix}-vm-${i}`,
      folder: `folder-${i % FOLDERS}`,
      env: 'bench',
      metrics: { vcpus: { archive_policy_name: policy } },
    })) as { id: string; metrics: { vcpus: string } };
    ids.push(created.id);
    metricIds.push(created.metrics.vcpus);
  }
  const bodies: Uint8Array<ArrayBuffer>[] = [];
  for (let from = 0; from < resources; from += BATCH_RESOURCES) {
    const body: Record<string, { vcpus: { timestamp: number; value: number }[] }> = {};
    for (let i = from; i < Math.min(resources, from + BATCH_RESOURCES); i++) {
      const vcpus = 1 + (i % 8);
      body[ids[i] ?? ''] = {
        vcpus: Array.from({ length: POINTS }, (_, p) => ({
          timestamp: START_S + p * STEP_S,
          value: p % 97 === 0 ? vcpus * 2 : vcpus,
        })),
      };
    }
    bodies.push(new TextEncoder().encode(JSON.stringify(body)));
  }
  const started = performance.now();
  for (const body of bodies) await s.call('POST', '/v1/batch/resources/metrics/measures', body);
  if (s.name === 'Gnocchi') {
    const mine = new Set(metricIds);
    for (;;) {
      const status = (await s.call('GET', '/v1/status?details=true')) as {
        storage?: { measures_to_process?: Record<string, unknown> };
      };
      const backlog = Object.keys(status.storage?.measures_to_process ?? {});
      if (!backlog.some((id) => mine.has(id))) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return { metricIds, ingestSeconds: (performance.now() - started) / 1000 };
}

/** Median milliseconds of QUERY_RUNS runs after one warm-up, and the number of points the last one returned. */
async function timeQuery(
  s: Server,
  prefix: string,
  groupby: boolean,
): Promise<{ ms: number; points: number }> {
  const query = new URLSearchParams({
    start: String(START_S),
    stop: String(END_S),
    ...(groupby ? { groupby: 'folder' } : {}),
  });
  const body = {
    operations: '(aggregate sum (metric vcpus mean))',
    resource_type: `${prefix}-inst`,
    search: { '=': { env: 'bench' } },
  };
  const run = () => s.call('POST', `/v1/aggregates?${query.toString()}`, body);
  await run();
  const times: number[] = [];
  let last: unknown;
  for (let i = 0; i < QUERY_RUNS; i++) {
    const started = performance.now();
    last = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const groups = Array.isArray(last) ? (last as { measures: unknown }[]).map((g) => g.measures) : [last];
  const points = groups.reduce<number>(
    (n, g) => n + ((g as { measures?: { aggregated?: unknown[] } }).measures?.aggregated?.length ?? 0),
    0,
  );
  return { ms: times[Math.floor(times.length / 2)] ?? 0, points };
}

interface Figures {
  readonly ingestSeconds: number;
  readonly sum: { ms: number; points: number };
  readonly grouped: { ms: number; points: number };
}

async function measure(s: Server, resources: number): Promise<Figures> {
  const prefix = `bench${Date.now().toString(36)}`;
  const { ingestSeconds } = await load(s, prefix, resources);
  const sum = await timeQuery(s, prefix, false);
  const grouped = await timeQuery(s, prefix, true);
  return { ingestSeconds, sum, grouped };
}

/**
 * The reference's metricd, idle, takes a PostgreSQL lock for each sack every second, and each lock is a new
 * connection, so a new PostgreSQL process: about 40 a second, which keeps a 2-CPU machine busy. While the
 * engine is measured it is paused (SIGSTOP to its process group, from the pid file in GNOCCHI_REFERENCE_DIR or
 * the tool's default folder), so that neither side is measured under the other's load. Returns the resume.
 */
function pauseGnocchiMetricd(): { resume: () => void; paused: boolean } {
  const dir = process.env.GNOCCHI_REFERENCE_DIR ?? '/tmp/gnocchi-reference';
  let pid: number;
  try {
    pid = Number(readFileSync(join(dir, 'metricd.pid'), 'utf8').trim());
    process.kill(-pid, 'SIGSTOP');
  } catch {
    return { resume: () => undefined, paused: false };
  }
  return { resume: () => process.kill(-pid, 'SIGCONT'), paused: true };
}

/** `npm run metering -- --port 0 --data DIR` as a child process, once it says where it listens. */
async function startEngine(dir: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const cli = fileURLToPath(new URL('../src/metering/cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) resolve();
      else {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }
    });
  const base = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      // Its request log is read and dropped, so that a full pipe never stalls it.
      if (output.length < 10_000) output += chunk.toString();
      const match = /metering listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`metering exited with ${code}: ${output}`)));
  });
  return { base, stop };
}

export async function meteringBench(): Promise<void> {
  const resources = Number(process.env.METERING_BENCH_RESOURCES ?? 1000);
  const dir = mkdtempSync(join(tmpdir(), 'metering-bench-'));
  const metricd = pauseGnocchiMetricd();
  let ours: Figures;
  try {
    const engine = await startEngine(dir);
    try {
      ours = await measure(server('engine', engine.base), resources);
    } finally {
      await engine.stop();
    }
  } finally {
    metricd.resume();
    rmSync(dir, { recursive: true, force: true });
  }
  const measures = resources * POINTS;
  const section = `metering engine (${resources} metrics × ${POINTS} measures, SQLite, own process) vs Gnocchi 4.4.2`;
  const figures = [
    {
      name: 'engine ingest (batch route; readable when the POSTs answer)',
      value: ours.ingestSeconds,
      unit: 's',
    },
    { name: 'engine ingest rate', value: measures / ours.ingestSeconds, unit: 'measures/s' },
    {
      name: `engine (aggregate sum (metric vcpus mean)), ${ours.sum.points} points`,
      value: ours.sum.ms,
      unit: 'ms',
    },
    { name: `engine … groupby folder, ${ours.grouped.points} points`, value: ours.grouped.ms, unit: 'ms' },
  ];

  const base = (process.env.GNOCCHI_REFERENCE_URL ?? DEFAULT_GNOCCHI).replace(/\/+$/, '');
  if (!(await answers(base))) {
    printFigures(section, figures);
    console.log(
      `- Gnocchi comparison skipped: nothing answers at ${base} (start ../shared/tools/gnocchi-reference, or set GNOCCHI_REFERENCE_URL)`,
    );
    return;
  }
  if (!metricd.paused)
    console.log(
      "- note: the reference Gnocchi's metricd was not found to pause; the engine ran beside its idle load",
    );
  const theirs = await measure(server('Gnocchi', base), resources);
  figures.push(
    {
      name: 'Gnocchi ingest (batch route, until /v1/status?details=true lists none of them, polled every 250 ms)',
      value: theirs.ingestSeconds,
      unit: 's',
    },
    { name: 'Gnocchi ingest rate', value: measures / theirs.ingestSeconds, unit: 'measures/s' },
    {
      name: `Gnocchi (aggregate sum (metric vcpus mean)), ${theirs.sum.points} points`,
      value: theirs.sum.ms,
      unit: 'ms',
    },
    {
      name: `Gnocchi … groupby folder, ${theirs.grouped.points} points`,
      value: theirs.grouped.ms,
      unit: 'ms',
    },
  );
  printFigures(section, figures);
  const ratio = (name: string, engine: number, gnocchi: number) => {
    const r = gnocchi / engine;
    console.log(
      `- ${name}: ${r.toFixed(1)}× faster than Gnocchi (target ≥ ${TARGET_RATIO}×: ${r >= TARGET_RATIO ? 'met' : 'NOT met'})`,
    );
  };
  ratio('ingest', ours.ingestSeconds, theirs.ingestSeconds);
  ratio('aggregate sum over the search', ours.sum.ms, theirs.sum.ms);
  ratio('aggregate sum grouped by folder', ours.grouped.ms, theirs.grouped.ms);
  if (ours.sum.points !== theirs.sum.points || ours.grouped.points !== theirs.grouped.points) {
    console.log('- warning: the two answered a different number of points; the figures compare unlike work');
  }
}
