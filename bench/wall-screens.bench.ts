import { createServer } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { DisplayWithToken } from '../src/shared/api/displays';
import type { ServiceList } from '../src/shared/api/inventory';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/server/logging';
import { startServer } from '../src/server/server';
import { DEMO_ADMIN } from '../src/server/testing/api-harness';
import { inChild } from './http-load';
import { processQuiet } from './quiet-process';
import { printFigures } from './report';
import type { ScreensInput, ScreensResult, ScreenSpec } from './wall-screens-child';

// Issue 15: a thousand wall screens polling their datacenter, against the real server in demo mode on
// loopback (the simulator runs in the server's process, as `npm start` runs it in demo mode), the screens in a
// child process. Ten minutes at the real two-minute interval are five polls a screen; by default the run is
// compressed to WALL_BENCH_SECONDS=120 with the server's poll interval, and so the screens', scaled to a fifth
// (24 s): the same polls, five times as often. WALL_BENCH_SECONDS=600 runs the real interval.
// Figures: OVH list calls per list per interval (counted by the simulator's request counter, at the upstream
// side), the server process's CPU share over the run, errors, and latencies.

const SCREENS = Number(process.env.WALL_BENCH_SCREENS ?? 1_000);
const SECONDS = Number(process.env.WALL_BENCH_SECONDS ?? 120);
/** The simulator deals VMs round-robin over its two datacenters. */
const VMS = Number(process.env.WALL_BENCH_VMS ?? 2_000);
/** Ten minutes at the real interval: five polls. */
const INTERVALS = 5;
const LIST_ROUTES = ['vm', 'host', 'filer'] as const;
const listRoute = (list: string) =>
  `GET /ovh/1.0/dedicatedCloud/:serviceName/datacenter/:datacenterId/${list}`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function call<T>(base: string, path: string, cookie: string, body?: unknown): Promise<T> {
  const deadline = performance.now() + 180_000;
  for (;;) {
    const response = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // 503: the server's first load of that list from OVH is still under way.
    if (response.status === 503 && performance.now() < deadline) {
      await response.body?.cancel();
      await delay(200);
      continue;
    }
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }
}

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...DEMO_ADMIN, provider: 'local' }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`sign-in answered ${response.status}`);
  return cookie;
}

async function listCalls(simOrigin: string): Promise<Record<string, number>> {
  const response = await fetch(`${simOrigin}/_admin/state`);
  return ((await response.json()) as { counters: Record<string, number> }).counters;
}

export async function wallScreensBench(): Promise<void> {
  const intervalMs = (SECONDS * 1000) / INTERVALS;
  const simulatorPort = await freePort();
  const config = {
    ...loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: ':memory:',
      DEMO_VMS: String(VMS),
      DEMO_SIMULATOR_PORT: String(simulatorPort),
      DEMO_CAPACITY_BACKFILL: 'false',
    }),
    // Below the 30 s that POLL_INTERVAL_SECONDS accepts when the run is compressed.
    pollIntervalMs: intervalMs,
  };
  const server = await startServer(config, { logger: createLogger({ logLevel: 'silent' }) });
  const base = server.address;
  const simOrigin = `http://127.0.0.1:${simulatorPort}`;
  try {
    const cookie = await signIn(base);
    const services = await call<ServiceList>(base, '/api/services', cookie);
    const datacenters = services.items.flatMap((s) =>
      s.datacenters.map((dc) => ({ serviceName: s.serviceName, datacenterId: dc.datacenterId })),
    );
    // The first load of every list is the cold path's cost, not the screens'.
    for (const dc of datacenters)
      for (const tail of ['summary', 'hosts', 'filers', 'vms'])
        await call(base, `/api/services/${dc.serviceName}/datacenters/${dc.datacenterId}/${tail}`, cookie);

    const screens: ScreenSpec[] = [];
    for (let i = 0; i < SCREENS; i++) {
      const dc = datacenters[i % datacenters.length]!;
      const created = await call<DisplayWithToken>(base, '/api/displays', cookie, {
        name: `NOC screen ${i + 1}`,
        scope: [dc],
      });
      screens.push({ token: created.token, ...dc });
    }
    const quiet = await processQuiet();

    await fetch(`${simOrigin}/_admin/counters/reset`, { method: 'POST' });
    const loopDelay = monitorEventLoopDelay({ resolution: 20 });
    loopDelay.enable();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await inChild<ScreensInput, ScreensResult>('./wall-screens-child.ts', {
      base,
      screens,
      intervalMs,
      durationMs: SECONDS * 1000,
    });
    const wallMs = performance.now() - started;
    loopDelay.disable();
    const cpu = process.cpuUsage(cpuBefore);
    const calls = await listCalls(simOrigin);

    const failed = Object.values(result.failures).reduce((a, b) => a + b, 0);
    const errors = Object.values(result.errors).reduce((a, b) => a + b, 0);
    const intervals = wallMs / intervalMs;
    const upstreamTotal = Object.values(calls).reduce((a, b) => a + b, 0);
    printFigures(
      `wall screens: ${SCREENS} screens over ${datacenters.length} datacenters of ${VMS / datacenters.length} VMs, ` +
        `${SECONDS} s at a ${intervalMs / 1000} s poll interval (10 minutes at 120 s, scaled ×${120_000 / intervalMs})`,
      [
        { name: 'screens signed in with their display token', value: result.signedIn, unit: 'screens' },
        { name: 'the server busy after the first loads, waited for', value: quiet.waitedMs, unit: 'ms' },
        ...LIST_ROUTES.map((list) => ({
          name: `OVH ${list} list calls per datacenter per interval (target ≤ 1: one refresh an interval)`,
          value: (calls[listRoute(list)] ?? 0) / datacenters.length / intervals,
          unit: 'calls',
        })),
        { name: 'OVH requests of any kind per interval', value: upstreamTotal / intervals, unit: 'requests' },
        {
          name: 'server process CPU over the run (server and in-process simulator; 1 = one core of 2)',
          value: (cpu.user + cpu.system) / 1000 / wallMs,
          unit: 'cores',
        },
        {
          name: "the server's event loop: longest stall (the recorders' ticks included)",
          value: loopDelay.max / 1e6,
          unit: 'ms',
        },
        { name: 'answers (200)', value: result.answered, unit: 'answers' },
        { name: 'answers (304, the screen had those bytes)', value: result.notModified, unit: 'answers' },
        {
          name: 'errors and answers other than 2xx/304 (target 0)',
          value: failed + errors,
          unit: 'requests',
        },
        {
          name: 'bytes on the wire to the screens, per interval',
          value: result.bodyBytes / 1e6 / intervals,
          unit: 'MB',
        },
        { name: 'latency, every request: p50', value: result.latency.p50, unit: 'ms' },
        { name: 'latency, every request: p99', value: result.latency.p99, unit: 'ms' },
        { name: 'latency, every request: max', value: result.latency.max, unit: 'ms' },
        { name: 'latency, the VM list: p50', value: result.vmListLatency.p50, unit: 'ms' },
        { name: 'latency, the VM list: p99', value: result.vmListLatency.p99, unit: 'ms' },
      ],
    );
    if (failed + errors > 0)
      console.log(
        `  failures by status: ${JSON.stringify(result.failures)}; errors: ${JSON.stringify(result.errors)}`,
      );
  } finally {
    await server.close();
  }
}
