import { randomBytes } from 'node:crypto';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout } from 'node:timers/promises';
import autocannon from 'autocannon';
import {
  DEMO_ADMIN,
  startApiHarness,
  type ApiHarness,
  type HarnessOptions,
} from '../src/server/testing/api-harness';
import { VmListSchema } from '../src/shared/api/inventory';
import { loadInChild } from './http-load';
import { processQuiet } from './quiet-process';
import { printFigures, type Figure } from './report';

// The server against the simulator over loopback, as in production against OVH: what a cold datacenter costs
// with OVH-like latency, batch against per-id, and how much cached /api traffic one process carries.

const COLD_VMS = 2_000;
const LATENCY_MS = 50;
/** Issue 15's large datacenter: a list each screen and browser polls, compressed. */
const LARGE_VMS = Number(process.env.BENCH_LARGE_VMS ?? 10_000);

/** Milliseconds for the first VM list of a 2 000-VM datacenter, the services list already cached. */
async function coldVmList(batch: boolean): Promise<number> {
  const size = { services: 1, datacenters: 1, hosts: 12, vms: COLD_VMS };
  return withHarness({ simulator: { size, faults: { latencyMs: LATENCY_MS, batch } } }, async (h) => {
    const cookie = await h.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
    await expectOk(h, '/api/services', cookie);
    const started = performance.now();
    const body = await firstAnswer(h, vmsPath(h), cookie);
    const elapsed = performance.now() - started;
    const count = VmListSchema.parse(JSON.parse(body)).items.length;
    if (count !== COLD_VMS) throw new Error(`expected ${COLD_VMS} VMs, got ${count}`);
    return elapsed;
  });
}

const vmsPath = (h: ApiHarness) => `/api/services/${h.serviceName}/datacenters/${h.datacenterIds[0]}/vms`;

/** The first 200 of `path`, asked again while the server answers 503 because its first load from OVH is still
 * under way (it holds a request at most a few seconds on a cold list). */
async function firstAnswer(h: ApiHarness, path: string, cookie: string): Promise<string> {
  const deadline = performance.now() + 120_000;
  for (;;) {
    const response = await h.request(path, { cookie });
    if (response.status !== 503 || performance.now() > deadline) return expectStatus200(path, response);
    await response.body?.cancel();
    await setTimeout(100);
  }
}

async function expectOk(h: ApiHarness, path: string, cookie: string): Promise<string> {
  return expectStatus200(path, await h.request(path, { cookie }));
}

async function expectStatus200(path: string, response: Response): Promise<string> {
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${body}`);
  return body;
}

const LOAD = { connections: 50, durationMs: 8_000 };

/** Cached `/api` reads under concurrent load from one signed-in session, as a browser asks (gzip or br). The
 * load runs in a child process, so this process's CPU time over the run is the server's (and the simulator's,
 * which the cache keeps idle). */
async function cachedThroughput(
  h: ApiHarness,
  routes: readonly (readonly [what: string, path: string])[],
  encoding?: string,
): Promise<Figure[]> {
  const cookie = await h.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
  const figures: Figure[] = [];
  const headers = { cookie, ...(encoding ? { 'accept-encoding': encoding } : {}) };
  for (const [what, path] of routes) {
    const body = await firstAnswer(h, path, cookie);
    const wire = encoding ? await encodedBytes(h, path, headers) : Buffer.byteLength(body);
    const label = `${what} (${kB(Buffer.byteLength(body))}${encoding ? `, ${kB(wire)} ${encoding}` : ''})`;
    const quiet = await processQuiet();
    await h.simAdmin('POST', '/counters/reset');
    const cpuBefore = process.cpuUsage();
    const result = await loadInChild({ url: `${h.base}${path}`, headers, ...LOAD });
    const cpu = process.cpuUsage(cpuBefore);
    const serverCpuMs = (cpu.user + cpu.system) / 1000 - (quiet.idleCpuMsPerS * LOAD.durationMs) / 1000;
    const upstream = Object.values(await h.counters()).reduce((a, b) => a + b, 0);
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${label}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    }
    const of = `cached ${label}, ${LOAD.connections} connections`;
    figures.push(
      {
        name: `${label}: the server busy after its first answer, waited for`,
        value: quiet.waitedMs,
        unit: 'ms',
      },
      { name: `${of}: throughput (target ≥ 100 for 10 000 VMs)`, value: result.perSecond, unit: 'req/s' },
      { name: `${of}: p50 latency`, value: result.latency.p50, unit: 'ms' },
      { name: `${of}: p99 latency`, value: result.latency.p99, unit: 'ms', target: P99_TARGET_MS },
      {
        name: `${of}: server CPU per answer, its idle timers taken out (the machine's other load aside)`,
        value: serverCpuMs / result.latency.count,
        unit: 'ms',
      },
      { name: `cached ${label}: upstream requests during the run`, value: upstream, unit: 'requests' },
    );
  }
  return figures;
}

const P99_TARGET_MS = 1_000;

/** The same load against a bare node:http server that answers `bytes` bytes from memory, in this process:
 * what loopback and this machine's cores carry of a body that size, the ceiling for any server here. */
async function bareServerThroughput(bytes: number, encoding: string): Promise<Figure[]> {
  const body = randomBytes(bytes);
  const server = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding }).end(body),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const result = await loadInChild({ url: `http://127.0.0.1:${port}/`, headers: {}, ...LOAD });
    const of = `a bare node:http server sending ${kB(bytes)} from memory, ${LOAD.connections} connections`;
    return [
      { name: `${of}: throughput`, value: result.perSecond, unit: 'req/s' },
      { name: `${of}: p99 latency`, value: result.latency.p99, unit: 'ms' },
    ];
  } finally {
    server.close();
  }
}

/** The same load from autocannon, as this bench first measured it: in a worker thread of the server's process,
 * appending each body to a string, which for a large compressed list costs more than the server's answer. */
async function autocannonThroughput(h: ApiHarness, path: string, encoding: string): Promise<Figure[]> {
  const cookie = await h.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
  const result = await autocannon({
    url: `${h.base}${path}`,
    headers: { cookie, 'accept-encoding': encoding },
    connections: LOAD.connections,
    duration: LOAD.durationMs / 1000,
    workers: 1,
  });
  return [
    {
      name: 'the same with autocannon (in-process worker): throughput',
      value: result.requests.average,
      unit: 'req/s',
    },
    {
      name: 'the same with autocannon (in-process worker): p99 latency',
      value: result.latency.p99,
      unit: 'ms',
    },
  ];
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

/** Bytes on the wire for one answer in that encoding (fetch would decode it: node:http does not). */
function encodedBytes(h: ApiHarness, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    get(`${h.base}${path}`, { headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve(bytes));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** The large list under load beside the same bytes from a bare server, and beside autocannon's figure. */
async function largeListFigures(h: ApiHarness): Promise<Figure[]> {
  const ours = await cachedThroughput(h, [['VM list', vmsPath(h)]], 'gzip');
  const cookie = await h.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
  const gzipBytes = await encodedBytes(h, vmsPath(h), { cookie, 'accept-encoding': 'gzip' });
  const bare = await bareServerThroughput(gzipBytes, 'gzip');
  const perSecond = (figures: Figure[]) => figures.find((f) => f.unit === 'req/s')?.value ?? Number.NaN;
  return [
    ...ours,
    ...bare,
    { name: 'the server / the bare server, throughput', value: perSecond(ours) / perSecond(bare), unit: '×' },
    ...(await autocannonThroughput(h, vmsPath(h), 'gzip')),
  ];
}

async function withHarness<T>(options: HarnessOptions, use: (h: ApiHarness) => Promise<T>): Promise<T> {
  const h = await startApiHarness(options);
  try {
    return await use(h);
  } finally {
    await h.close();
  }
}

export async function serverBench(): Promise<void> {
  const batch = await coldVmList(true);
  const perId = await coldVmList(false);
  printFigures(`server: cold inventory, ${COLD_VMS}-VM datacenter, ${LATENCY_MS} ms upstream latency`, [
    { name: 'VM list via X-Ovh-Batch (chunks of 40)', value: batch, unit: 'ms' },
    { name: 'VM list via per-id GETs (concurrency 10)', value: perId, unit: 'ms' },
    { name: 'per-id / batch', value: perId / batch, unit: '×' },
  ]);
  printFigures(
    'server: cached /api under load (a node:http load in a child process, one signed-in session)',
    await withHarness({}, (h) =>
      cachedThroughput(h, [
        ['VM list', vmsPath(h)],
        ['datacenter summary', vmsPath(h).replace(/vms$/, 'summary')],
      ]),
    ),
  );
  printFigures(
    `server: a cached ${LARGE_VMS}-VM list under load, as browsers ask for it (gzip)`,
    await withHarness(
      { simulator: { size: { services: 1, datacenters: 1, hosts: 40, vms: LARGE_VMS } } },
      largeListFigures,
    ),
  );
}
