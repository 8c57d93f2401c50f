import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { UserStore } from '../src/server/auth/users';
import { openDatabase } from '../src/server/db/database';
import { sessionCookieOf } from '../src/server/testing/session-cookie';
import { DEMO_APPLICATION } from '../src/simulator/ovh/auth';
import { attribute, IDLE, type Attribution, type Rule } from './cpu-profile';
import { productionNode } from './production-node';
import { percentile, printFigures, type Figure } from './report';

// Issue 15's cold load, in production form: the simulator in a process of its own answering every call after
// 50 ms, the compiled server (npm run build:server) in OVH mode against it with batch mode on, both profiled. It prints how long the first VM list of a 10 000-VM datacenter takes, where the two processes'
// CPU went meanwhile, and the server's resident memory once every list is loaded and compressed.
// COLD_BENCH_VMS=10000,20000 measures both sizes (10 000 VMs a datacenter); the default is 10 000 alone.
// COLD_BENCH_WATCH_S=600 then watches the RSS for ten minutes, through the server's own polls.

const LATENCY_MS = 50;
const VMS_PER_DATACENTER = 10_000;
/** Seconds to watch the RSS after it settled, the server left to its own refreshes and passes (0: not watched). */
const WATCH_S = Number(process.env.COLD_BENCH_WATCH_S ?? 0);
const RSS_TARGET_MB = 250;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'Quartz-Lantern-91-Orbit-x4';

const SERVER_RULES: Rule[] = [
  [IDLE, /^\(idle\)$/],
  ['garbage collection', /^\(garbage collector\)$/],
  ['zod parsing (parse-model.ts, zod)', /node_modules\/zod\/|upstream\/ovh\/parse-model\.ts$/],
  ['batch pipeline (fetch-all.ts)', /upstream\/ovh\/fetch-all\.ts$/],
  ['HTTP to OVH (undici, signing, JSON.parse in client.ts)', /upstream\/ovh\/client\.ts$|undici/],
  [
    'projection, serialization, compression (inventory/)',
    /server\/inventory\/|server\/http\/|node:zlib|node:internal\/streams/,
  ],
  [
    'recorders (vScope points, capacity metering)',
    /server\/(recorder|metering|history)\/|src\/(metering|tsdb)\//,
  ],
  ['fastify, sessions, start-up', /node_modules\/|src\//],
];

const SIMULATOR_RULES: Rule[] = [
  [IDLE, /^\(idle\)$/],
  ['garbage collection', /^\(garbage collector\)$/],
  ['rendering OVH objects (src/simulator)', /src\/simulator\/|src\/shared\//],
  ['HTTP (fastify, node)', /node_modules\/|node:/],
];

/**
 * Loaded into the server with --import. It profiles the server's CPU from its start until SIGWINCH, then writes
 * the profile to CPU_PROFILE: under --cpu-prof the samples of the whole run would stay in memory and count in
 * the RSS measured after. On SIGUSR2 it prints the process's memory as V8 and Node count it, then again after a
 * full collection, and with HEAP_SNAPSHOT_DIR set writes a heap snapshot there.
 */
const SERVER_PROBE = `data:text/javascript,${encodeURIComponent(`
import { writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import v8 from 'node:v8';
import vm from 'node:vm';
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
process.on('SIGWINCH', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(process.env.CPU_PROFILE, JSON.stringify(result.profile));
    session.disconnect();
    process.stdout.write('profiled ' + (error ? error.message : 'ok') + '\\n');
  });
});
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const heap = () => ({ ...process.memoryUsage(), spaces: v8.getHeapSpaceStatistics() });
process.on('SIGUSR2', () => {
  const before = heap();
  gc();
  const after = heap();
  if (process.env.HEAP_SNAPSHOT_DIR) v8.writeHeapSnapshot(process.env.HEAP_SNAPSHOT_DIR + '/server.heapsnapshot');
  process.stdout.write('memory ' + JSON.stringify({ before, after }) + '\\n');
});`)}`;

interface ProcessMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  spaces: { space_name: string; space_size: number; space_used_size: number }[];
}

interface Child {
  process: ChildProcess;
  /** The first line the process printed that matches, e.g. its address. */
  address: string;
  /** Everything it printed so far. */
  output: () => string;
}

function start(args: string[], env: NodeJS.ProcessEnv, addressPattern: RegExp): Promise<Child> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = addressPattern.exec(seen);
      if (match) resolve({ process: child, address: match[1]!, output: () => seen });
    });
    child.once('exit', (code) => reject(new Error(`${args.at(-1)} exited with ${code}: ${seen}`)));
  });
}

async function stop(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  await exited;
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Sends `signal` to the server and waits for the probe's line that starts with `prefix`; its rest. */
async function askProbe(child: Child, signal: NodeJS.Signals, prefix: string): Promise<string> {
  const printed = child.output().length;
  child.process.kill(signal);
  for (;;) {
    const line = new RegExp(`^${prefix} (.*)$`, 'm').exec(child.output().slice(printed));
    if (line) return line[1]!;
    if (child.process.exitCode !== null || child.process.signalCode !== null)
      throw new Error(
        `the server exited (${child.process.exitCode ?? child.process.signalCode}) before the probe answered`,
      );
    await delay(100);
  }
}

/** Seconds of CPU the process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Waits (up to five minutes) until the process, all its threads, uses under a tenth of a core: the recorders'
 * first pass is over. At 20 000 VMs the capacity pass alone takes about a minute on the metering store's thread.
 */
async function settled(pid: number): Promise<boolean> {
  const deadline = performance.now() + 300_000;
  let last = cpuSeconds(pid);
  while (performance.now() < deadline) {
    await delay(1_000);
    const now = cpuSeconds(pid);
    if (now - last < 0.1) return true;
    last = now;
  }
  return false;
}

/** The process's RSS every 250 ms: its peak, and what it was at a moment (ms after `since`). */
function sampleRss(pid: number, since: number) {
  const samples: { afterMs: number; mb: number }[] = [];
  const take = () => samples.push({ afterMs: performance.now() - since, mb: rssMb(pid) });
  const timer = setInterval(take, 250);
  return {
    at: (afterMs: number) => samples.findLast((s) => s.afterMs <= afterMs)?.mb ?? NaN,
    stop: () => {
      clearInterval(timer);
      take();
      return samples.reduce((peak, s) => (s.mb > peak.mb ? s : peak));
    },
  };
}

/**
 * The RSS once it stops falling: a few seconds after a quiet spell V8's memory reducer compacts the heap and
 * hands pages back (30-40 MB at 20 000 VMs), which is what a server idle between two refreshes holds.
 */
async function settledRss(pid: number): Promise<{ mb: number; idleMs: number }> {
  const started = performance.now();
  const samples = [rssMb(pid)];
  while (performance.now() - started < 90_000) {
    await delay(5_000);
    samples.push(rssMb(pid));
    const recent = samples.slice(-5);
    if (recent.length === 5 && recent[0]! - recent.at(-1)! < 1) break;
  }
  return { mb: samples.at(-1)!, idleMs: performance.now() - started };
}

/** The RSS each second for `seconds`: what a server holds through its polls, each a refresh and two passes. */
async function watchRss(pid: number, seconds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < seconds; i++) {
    await delay(1_000);
    samples.push(rssMb(pid));
  }
  return samples.sort((a, b) => a - b);
}

function rssMb(pid: number): number {
  return (
    Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
        .toString()
        .trim(),
    ) / 1024
  );
}

/** The process's RSS as anonymous memory (heaps, SQLite's caches, malloc) and mapped files (code, libraries). */
function rssParts(pid: number): { anonymousMb: number; filesMb: number } {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? NaN);
  return { anonymousMb: kb('Anonymous') / 1024, filesMb: (kb('Rss') - kb('Anonymous')) / 1024 };
}

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: PASSWORD, provider: 'local' }),
  });
  if (response.status !== 200) throw new Error(`login answered ${response.status}: ${await response.text()}`);
  return sessionCookieOf(response);
}

/** The first 200 of `path`, asked again while the server answers 503 (its first load still under way). */
async function firstAnswer(url: string, headers: Record<string, string>): Promise<Buffer> {
  const deadline = performance.now() + 180_000;
  for (;;) {
    const response = await fetch(url, { headers });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status === 200) return body;
    if (response.status !== 503 || performance.now() > deadline)
      throw new Error(`${url} answered ${response.status}: ${body.toString()}`);
    await delay(50);
  }
}

interface ColdRun {
  firstListMs: number;
  /** When the server had the list from OVH (its fetchedAt): the rest of firstListMs is the event loop busy. */
  fetchedAfterMs: number;
  vmCount: number;
  server: Attribution;
  simulator: Attribution;
  rssLoadedMb: number;
  rssSettled: { mb: number; idleMs: number };
  rssSettledParts: { anonymousMb: number; filesMb: number };
  /** Sorted RSS samples, one a second, when watched. */
  rssWatched: number[];
  /** When the recorders' first pass was over (the process quiet), if it was within the wait. */
  quietAfterMs: number | undefined;
  rssPeak: { mb: number; afterMs: number };
  rssAtFirstListMb: number;
  memory: { before: ProcessMemory; after: ProcessMemory };
}

async function coldRun(vms: number): Promise<ColdRun> {
  const dir = mkdtempSync(join(tmpdir(), 'cold-load-bench-'));
  // COLD_BENCH_PROFILES=DIR keeps both profiles there, to open in a profiler, with a heap snapshot of the loaded
  // server.
  const keep = process.env.COLD_BENCH_PROFILES;
  const profiles = keep ? join(keep, String(vms)) : dir;
  mkdirSync(profiles, { recursive: true });
  const dataDir = join(dir, 'data');
  const db = openDatabase(join(dataDir, 'vscope.db'));
  await new UserStore(db).add({ username: 'bench', password: PASSWORD, role: 'admin', pccUser: null });
  db.close();
  const datacenters = Math.max(1, Math.ceil(vms / VMS_PER_DATACENTER));
  const simulator = await start(
    [
      '--cpu-prof',
      `--cpu-prof-dir=${join(profiles, 'simulator')}`,
      '--import',
      'tsx',
      'src/simulator/cli.ts',
      ...['--port', '0', '--datacenters', String(datacenters), '--hosts', '40', '--vms', String(vms)],
      ...['--latency', String(LATENCY_MS)],
    ],
    {},
    /on (http:\/\/\S+)/,
  );
  const serverProfile = join(profiles, 'server.cpuprofile');
  let server: Child | undefined;
  const production = productionNode(ROOT);
  try {
    server = await start(
      ['--import', SERVER_PROBE, ...production.flags, 'dist/server/cli.mjs'],
      {
        ...production.env,
        VSCOPE_MODE: 'ovh',
        OVH_ENDPOINT: `${simulator.address}/ovh/1.0`,
        OVH_APPLICATION_KEY: DEMO_APPLICATION.applicationKey,
        OVH_APPLICATION_SECRET: DEMO_APPLICATION.applicationSecret,
        OVH_CONSUMER_KEY: DEMO_APPLICATION.consumerKey,
        DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'error',
        VSPHERE_LOGIN: 'false',
        CPU_PROFILE: serverProfile,
        ...(keep ? { HEAP_SNAPSHOT_DIR: heapDir(profiles) } : {}),
      },
      /dashboard on (http:\/\/\S+)/,
    );
    // The server starts loading as it starts listening (its recorders read every list); the clock starts there.
    const from = nowUs();
    const listeningAt = Date.now();
    const started = performance.now();
    const rss = sampleRss(server.process.pid!, started);
    const cookie = await login(server.address);
    const services = JSON.parse(
      (await firstAnswer(`${server.address}/api/services`, { cookie })).toString(),
    ) as {
      items: { serviceName: string; datacenters: { datacenterId: number }[] }[];
    };
    const service = services.items[0]!;
    const paths = service.datacenters.map(
      (dc) => `${server!.address}/api/services/${service.serviceName}/datacenters/${dc.datacenterId}/vms`,
    );
    const identity = { cookie, 'accept-encoding': 'identity' };
    const first = await firstAnswer(paths[0]!, identity);
    const firstListMs = performance.now() - started;
    const to = nowUs();
    const profiled = await askProbe(server, 'SIGWINCH', 'profiled');
    if (profiled !== 'ok') throw new Error(`the server's profile: ${profiled}`);
    const list = JSON.parse(first.toString()) as { items: { vmId: unknown[] }; fetchedAt: number };
    for (const path of paths.slice(1)) await firstAnswer(path, identity);
    for (const path of paths)
      for (const encoding of ['gzip', 'br']) await firstAnswer(path, { cookie, 'accept-encoding': encoding });
    const quiet = await settled(server.process.pid!);
    const quietAfterMs = quiet ? performance.now() - started : undefined;
    const rssLoadedMb = rssMb(server.process.pid!);
    const rssPeak = rss.stop();
    const rssSettled = await settledRss(server.process.pid!);
    const rssSettledParts = rssParts(server.process.pid!);
    const rssWatched = await watchRss(server.process.pid!, WATCH_S);
    const memory = JSON.parse(await askProbe(server, 'SIGUSR2', 'memory')) as {
      before: ProcessMemory;
      after: ProcessMemory;
    };
    await stop(server);
    await stop(simulator);
    return {
      firstListMs,
      fetchedAfterMs: list.fetchedAt - listeningAt,
      vmCount: list.items.vmId.length,
      rssLoadedMb,
      rssSettled,
      rssSettledParts,
      rssWatched,
      quietAfterMs,
      rssPeak,
      rssAtFirstListMb: rss.at(firstListMs),
      memory,
      server: attribute(serverProfile, SERVER_RULES, from, to),
      simulator: attribute(simulatorProfile(join(profiles, 'simulator')), SIMULATOR_RULES, from, to),
    };
  } finally {
    if (server) await stop(server);
    await stop(simulator);
    rmSync(dir, { recursive: true, force: true });
  }
}

function heapDir(profiles: string): string {
  const dir = join(profiles, 'heap');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The simulator's main thread's profile: tsx's loader thread writes one too, a much smaller one. */
function simulatorProfile(dir: string): string {
  const files = readdirSync(dir).map((f) => join(dir, f));
  const main = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!main) throw new Error(`no simulator profile in ${dir}`);
  return main;
}

function split(what: string, attribution: Attribution): Figure[] {
  return [
    { name: `${what}: CPU busy`, value: attribution.busyMs, unit: 'ms' },
    ...[...attribution.ms]
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => ({ name: `${what}: ${name}`, value: ms, unit: 'ms' })),
  ];
}

function watchedFigures(sorted: readonly number[]): Figure[] {
  if (sorted.length === 0) return [];
  const what = `server RSS over the next ${sorted.length} s, polling every interval`;
  const above = sorted.filter((mb) => mb > RSS_TARGET_MB).length;
  return [
    { name: `${what}: least`, value: sorted[0]!, unit: 'MB' },
    { name: `${what}: median`, value: percentile(sorted, 50), unit: 'MB' },
    { name: `${what}: most`, value: sorted.at(-1)!, unit: 'MB' },
    { name: `${what}: time over ${RSS_TARGET_MB} MB`, value: (above / sorted.length) * 100, unit: '%' },
  ];
}

function memoryFigures(when: string, m: ProcessMemory): Figure[] {
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const space = (name: string) => m.spaces.find((s) => s.space_name === name);
  return [
    { name: `server ${when}: RSS`, value: mb(m.rss), unit: 'MB' },
    {
      name: `server ${when}: V8 heap used / committed`,
      value: mb(m.heapUsed),
      unit: `MB / ${mb(m.heapTotal).toFixed(0)} MB`,
    },
    {
      name: `server ${when}: old space used / committed`,
      value: mb(space('old_space')?.space_used_size ?? NaN),
      unit: `MB / ${mb(space('old_space')?.space_size ?? NaN).toFixed(0)} MB`,
    },
    {
      name: `server ${when}: large objects used`,
      value: mb(space('large_object_space')?.space_used_size ?? NaN),
      unit: 'MB',
    },
    { name: `server ${when}: external (Buffers, zlib)`, value: mb(m.external), unit: 'MB' },
    {
      name: `server ${when}: the rest of RSS (code, SQLite, malloc)`,
      value: mb(m.rss - m.heapTotal - m.external),
      unit: 'MB',
    },
  ];
}

export async function coldLoadBench(): Promise<void> {
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
  const sizes = (process.env.COLD_BENCH_VMS ?? String(VMS_PER_DATACENTER)).split(',').map(Number);
  for (const vms of sizes) {
    const run = await coldRun(vms);
    printFigures(
      `cold load: compiled server in OVH mode, simulator in its own process, ${vms} VMs (${run.vmCount} in the first datacenter), ${LATENCY_MS} ms upstream latency, batch mode, both profiled until that list`,
      [
        {
          name: 'server listening to the first VM list answered',
          value: run.firstListMs,
          unit: 'ms',
          target: 5_000,
        },
        {
          name: 'server listening to the VM list fetched from OVH (fetchedAt)',
          value: run.fetchedAfterMs,
          unit: 'ms',
        },
        ...split('server', run.server),
        ...split('simulator', run.simulator),
        { name: 'server RSS when the first VM list was answered', value: run.rssAtFirstListMb, unit: 'MB' },
        {
          name: `server peak RSS, ${(run.rssPeak.afterMs / 1000).toFixed(1)} s after listening`,
          value: run.rssPeak.mb,
          unit: 'MB',
        },
        {
          name:
            run.quietAfterMs === undefined
              ? 'server RSS (ps), every list loaded and compressed, recorders STILL BUSY after 300 s'
              : `server RSS (ps), every list loaded and compressed, recorders idle (${(run.quietAfterMs / 1000).toFixed(0)} s after listening)`,
          value: run.rssLoadedMb,
          unit: 'MB',
        },
        {
          name: `server RSS once V8's memory reducer has run (${(run.rssSettled.idleMs / 1000).toFixed(0)} s later, still idle)`,
          value: run.rssSettled.mb,
          unit: 'MB',
          target: RSS_TARGET_MB,
        },
        ...watchedFigures(run.rssWatched),
        {
          name: "of which anonymous memory (the threads' heaps, SQLite, malloc)",
          value: run.rssSettledParts.anonymousMb,
          unit: 'MB',
        },
        {
          name: 'of which mapped files (Node, its libraries, the code)',
          value: run.rssSettledParts.filesMb,
          unit: 'MB',
        },
        ...memoryFigures('before a full GC', run.memory.before),
        ...memoryFigures('after a full GC', run.memory.after),
      ],
    );
  }
}
