import { setTimeout } from 'node:timers/promises';
import autocannon from 'autocannon';
import { DEMO_ADMIN, startApiHarness, type ApiHarness } from '../src/server/testing/api-harness';
import { printFigures, type Figure } from './report';

// The server against the simulator over loopback, as in production against OVH: what a cold datacenter costs
// with OVH-like latency, batch against per-id, and how much cached /api traffic one process carries.

const COLD_VMS = 2_000;
const LATENCY_MS = 50;

/** Milliseconds for the first VM list of a 2 000-VM datacenter, the services list already cached. */
async function coldVmList(batch: boolean): Promise<number> {
  const h = await startApiHarness({
    simulator: {
      size: { services: 1, datacenters: 1, hosts: 12, vms: COLD_VMS },
      faults: { latencyMs: LATENCY_MS, batch },
    },
  });
  try {
    const cookie = await h.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
    await expectOk(h, '/api/services', cookie);
    const started = performance.now();
    const body = await firstAnswer(h, vmsPath(h), cookie);
    const elapsed = performance.now() - started;
    const count = (JSON.parse(body) as { items: unknown[] }).items.length;
    if (count !== COLD_VMS) throw new Error(`expected ${COLD_VMS} VMs, got ${count}`);
    return elapsed;
  } finally {
    await h.close();
  }
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

/** Cached `/api` reads under concurrent load from one signed-in session. */
async function cachedThroughput(): Promise<Figure[]> {
  const h = await startApiHarness();
  try {
    const cookie = await h.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
    const figures: Figure[] = [];
    for (const [what, path] of [
      ['VM list', vmsPath(h)],
      ['datacenter summary', vmsPath(h).replace(/vms$/, 'summary')],
    ] as const) {
      const body = await expectOk(h, path, cookie);
      const label = `${what} (${(Buffer.byteLength(body) / 1024).toFixed(0)} kB)`;
      await h.simAdmin('POST', '/counters/reset');
      // A worker thread drives the load so the server keeps this process's event loop to itself.
      const result = await autocannon({
        url: `${h.base}${path}`,
        headers: { cookie },
        connections: 50,
        duration: 8,
        workers: 1,
      });
      const upstream = Object.values(await h.counters()).reduce((a, b) => a + b, 0);
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${label}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      }
      figures.push(
        {
          name: `cached ${label}, 50 connections: throughput`,
          value: result.requests.average,
          unit: 'req/s',
        },
        { name: `cached ${label}, 50 connections: p99 latency`, value: result.latency.p99, unit: 'ms' },
        { name: `cached ${label}: upstream requests during the run`, value: upstream, unit: 'requests' },
      );
    }
    return figures;
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
    'server: cached /api under load (autocannon, one signed-in session)',
    await cachedThroughput(),
  );
}
