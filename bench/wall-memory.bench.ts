import { setTimeout as delay } from 'node:timers/promises';
import type { CDPSession, Page } from '@playwright/test';
import type { DisplayWithToken } from '../src/shared/api/displays';
import type { ServiceList } from '../src/shared/api/inventory';
import { DEMO_LOCAL_USERS } from '../src/server/auth/demo-accounts';
import { startBrowserBench } from './browser-harness';
import { printFigures } from './report';

// A wall tab runs for weeks: its JS heap after six hours of polling must be about what it was after the first
// poll. The real server in demo mode serves the built SPA; Chromium opens a display's link with its clock
// under Playwright's control, and the clock jumps one poll interval at a time (each jump fires the polls,
// the rotation and the countdown once) while the server answers every poll for real. The heap also holds
// V8's compiled code, which grows as functions turn hot until it levels off (after a few simulated hours,
// since each jump runs the code only once); the page's own objects are measured beside it.

const SIMULATED_MS = 6 * 3_600_000;
const MB = 1024 * 1024;

async function signIn(base: string): Promise<string> {
  const [admin] = DEMO_LOCAL_USERS;
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: admin.username, password: admin.password, provider: 'local' }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`sign-in answered ${response.status}`);
  return cookie;
}

async function api<T>(base: string, path: string, cookie: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Waits until the page has no request in flight (the polls a clock jump started have been answered). */
function trackRequests(page: Page): () => Promise<void> {
  let inFlight = 0;
  page.on('request', () => (inFlight += 1));
  page.on('requestfinished', () => (inFlight -= 1));
  page.on('requestfailed', () => (inFlight -= 1));
  return async () => {
    // The jump queues the polls' fetches; give them a moment to start before waiting for them to end.
    await delay(30);
    while (inFlight > 0) await delay(10);
  };
}

async function collectGarbage(cdp: CDPSession): Promise<void> {
  for (let i = 0; i < 3; i += 1) await cdp.send('HeapProfiler.collectGarbage');
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await collectGarbage(cdp);
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
}

/**
 * Bytes of the page's own JS objects, from a heap snapshot: everything but compiled code (which V8 keeps adding
 * as it optimises hot functions, up to a plateau) and native browser objects (DevTools' network buffer, which
 * the test harness fills, and the bounded performance-timeline buffers).
 */
async function objectBytes(cdp: CDPSession): Promise<number> {
  await collectGarbage(cdp);
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const { snapshot, nodes } = JSON.parse(chunks.join('')) as HeapSnapshot;
  const fields = snapshot.meta.node_fields;
  const typeNames = snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  let bytes = 0;
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = typeNames[nodes[i + typeAt]!];
    if (type !== 'code' && type !== 'native') bytes += nodes[i + sizeAt]!;
  }
  return bytes;
}

async function domCounts(cdp: CDPSession): Promise<{ nodes: number; listeners: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

export async function wallMemoryBench(): Promise<void> {
  const { base, browser, close } = await startBrowserBench({ chromiumArgs: ['--js-flags=--expose-gc'] });
  try {
    const cookie = await signIn(base);
    const services = await api<ServiceList>(base, '/api/services', cookie);
    const scope = services.items.flatMap((s) =>
      s.datacenters.map((dc) => ({ serviceName: s.serviceName, datacenterId: dc.datacenterId })),
    );
    // Every page kind in the rotation; no scheduled reload, which would hide a leak rather than show it.
    const { link } = await api<DisplayWithToken>(base, '/api/displays', cookie, {
      name: 'Memory bench',
      scope,
      wall: { pages: ['overview', 'hosts', 'vms', 'filers', 'alerts'], rotateSeconds: 60, reloadHours: 0 },
    });

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const settled = trackRequests(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.clock.install();
    await page.goto(`${base}${link}`);
    await page
      .getByText(/Updated/)
      .first()
      .waitFor();
    // The first poll interval runs in full, every timer firing as on a real screen (the countdown ticks each
    // second, the rotation moves, the first scheduled poll goes out); then the clock jumps a poll at a time.
    await page.clock.runFor(services.pollIntervalMs);
    await settled();
    const first = { heap: await heapUsed(cdp), objects: await objectBytes(cdp), ...(await domCounts(cdp)) };

    const polls = Math.round(SIMULATED_MS / services.pollIntervalMs);
    for (let i = 1; i < polls; i += 1) {
      await page.clock.fastForward(services.pollIntervalMs);
      await settled();
    }
    const last = { heap: await heapUsed(cdp), objects: await objectBytes(cdp), ...(await domCounts(cdp)) };
    const alerts = page.getByRole('alert');
    if ((await alerts.count()) > 0) {
      throw new Error(`the wall shows an alert after ${polls} polls: ${await alerts.first().innerText()}`);
    }

    printFigures(`Wall tab memory (${scope.length} datacenters, ${polls} polls over 6 simulated hours)`, [
      { name: 'JS heap after the first poll', value: first.heap / MB, unit: 'MB' },
      { name: 'JS heap after 6 hours of polling', value: last.heap / MB, unit: 'MB' },
      {
        name: 'JS heap after 6 h / after the first poll',
        value: last.heap / first.heap,
        unit: '×',
        target: 1.2,
      },
      {
        name: "the page's JS objects (compiled code aside), first poll → 6 h",
        value: last.objects / first.objects,
        unit: '×',
      },
      { name: 'DOM nodes, first poll → 6 h', value: last.nodes - first.nodes, unit: 'nodes more' },
      {
        name: 'event listeners, first poll → 6 h',
        value: last.listeners - first.listeners,
        unit: 'listeners more',
      },
    ]);
  } finally {
    await close();
  }
}
