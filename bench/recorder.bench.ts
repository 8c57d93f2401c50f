import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { cachedLists, readServices } from '../src/server/inventory/cached-lists';
import { DEMO_ADMIN, startApiHarness, type ApiHarness } from '../src/server/testing/api-harness';
import type { ProbeOptions, ProbeReport, ProbeSample } from './latency-probe';
import { percentile, printFigures, type Figure } from './report';

// What a poll's recording costs the API (issue 15): the real server in demo mode on disk (the embedded tsdb
// and metering engine in SQLite, as in production), RECORDER_BENCH_VMS VMs in the simulator. Once the first
// passes have created every series and resource, each round refreshes the inventory (a poll interval later on
// the harness's clock), then runs the vScope recorder's tick and the capacity pass one after the other, while
// a worker thread asks GET /api/session every PROBE_EVERY_MS. Printed: each pass's duration (median of the
// rounds, RECORDER_BENCH_ROUNDS, 3 by default), and the API's latency for the requests sent during the passes
// and at rest.

const VMS = Number(process.env.RECORDER_BENCH_VMS ?? 1_000);
const ROUNDS = Number(process.env.RECORDER_BENCH_ROUNDS ?? 3);
const PROBE_EVERY_MS = 10;
const REST_MS = 2_000;
/** Longer than any bench run: no pass starts on the server's own timer. */
const POLL_INTERVAL_S = 3_600;

interface Window {
  from: number;
  to: number;
}

const clock = () => performance.timeOrigin + performance.now();

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** p50, p99 and max of the requests sent inside the windows. */
function latencies(what: string, samples: readonly ProbeSample[], windows: readonly Window[]): Figure[] {
  const ms = samples
    .filter((s) => windows.some((w) => s.dueAt >= w.from && s.dueAt < w.to))
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  return [
    { name: `${what}: API p50 (${ms.length} requests)`, value: percentile(ms, 50), unit: 'ms' },
    { name: `${what}: API p99`, value: percentile(ms, 99), unit: 'ms' },
    { name: `${what}: API max`, value: ms.at(-1) ?? Number.NaN, unit: 'ms' },
  ];
}

/** Runs the pass and returns the window it took. */
async function timed(pass: () => Promise<void>): Promise<Window> {
  const from = clock();
  await pass();
  return { from, to: clock() };
}

/**
 * Until this thread's timers have been on time for half a second: the server has answered the requests a stall left
 * waiting, and the next window starts on a quiet server.
 */
async function settle(): Promise<void> {
  for (let calm = 0; calm < 10;) {
    const asked = clock();
    await setTimeout(50);
    calm = clock() - asked < 75 ? calm + 1 : 0;
  }
}

/** A poll interval later: every list is read again, so the next passes have a fresh refresh to record. */
async function nextPoll(h: ApiHarness): Promise<void> {
  h.clock.advance(POLL_INTERVAL_S * 1000);
  const { inventory } = h.server;
  for await (const list of cachedLists(inventory, (await readServices(inventory)).value)) {
    if (list.snapshot.stale) throw new Error(`${list.key} could not be refreshed`);
  }
}

function startProbe(options: ProbeOptions) {
  // Node 20 does not hand tsx's loader to a worker: the worker loads the probe through tsx's API.
  const probe = fileURLToPath(new URL('./latency-probe.ts', import.meta.url));
  const worker = new Worker(
    `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(probe)}, ${JSON.stringify(import.meta.url)}))`,
    { eval: true, workerData: options },
  );
  return {
    stop: async (): Promise<ProbeReport> => {
      const answer = new Promise<ProbeReport>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      worker.postMessage('stop');
      const result = await answer;
      await worker.terminate();
      return result;
    },
  };
}

/** Megabytes of a store's files (the database and its write-ahead log), under the data directory. */
function storeMegabytes(dir: string): number {
  const bytes = readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) => sum + (entry.isDirectory() ? 0 : statSync(join(dir, entry.name)).size),
    0,
  );
  return bytes / 1e6;
}

export async function recorderBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vscope-recorder-bench-'));
  const h = await startApiHarness({
    simulator: { size: { vms: VMS } },
    env: { DATA_DIR: dataDir, HISTORY_SOURCE: 'embedded', POLL_INTERVAL_SECONDS: String(POLL_INTERVAL_S) },
  });
  try {
    const { vscope, capacity } = h.server.recorders;
    if (!vscope) throw new Error('the vScope recorder is off: history must be embedded');
    // The first passes, started with the server, create every series and resource: steady state is timed.
    await vscope.runNow();
    await capacity.runNow();
    const cookie = await h.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
    const probe = startProbe({ url: `${h.base}/api/session`, cookie, everyMs: PROBE_EVERY_MS });
    const rest: Window[] = [];
    const ticks: Window[] = [];
    const passes: Window[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await nextPoll(h);
      // The refresh stalls the server too (the simulator answers on its thread): that is another bench's.
      await settle();
      rest.push(await timed(() => setTimeout(REST_MS)));
      ticks.push(await timed(() => vscope.runNow()));
      await settle();
      passes.push(await timed(() => capacity.runNow()));
      await settle();
    }
    const { samples, failures } = await probe.stop();
    const duration = (windows: Window[]) => median(windows.map((w) => w.to - w.from));
    printFigures(`recorder: ${VMS} VMs, embedded tsdb and metering engine on disk, ${ROUNDS} rounds`, [
      { name: 'vScope tick duration (median)', value: duration(ticks), unit: 'ms' },
      ...latencies('during the vScope ticks', samples, ticks),
      { name: 'capacity pass duration (median)', value: duration(passes), unit: 'ms' },
      ...latencies('during the capacity passes', samples, passes),
      ...latencies('at rest', samples, rest),
      { name: 'probe requests that failed', value: failures, unit: 'requests' },
      { name: 'on disk: embedded tsdb', value: storeMegabytes(join(dataDir, 'tsdb')), unit: 'MB' },
      { name: 'on disk: metering engine', value: storeMegabytes(join(dataDir, 'metering')), unit: 'MB' },
    ]);
  } finally {
    await h.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
