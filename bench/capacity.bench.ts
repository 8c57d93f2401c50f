import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import type { DatacenterRef } from '../src/shared/api/displays';
import { VmListSchema, type ServiceList } from '../src/shared/api/inventory';
import { createMeteringServer, type MeteringEngine } from '../src/metering';
import { capacityResourceId } from '../src/server/metering/resource-ids';
import {
  capacityRequests,
  type AggregatesRequest,
} from '../src/web/features/capacity/utils/aggregates-request';
import { MOST_STACKED } from '../src/web/features/capacity/utils/capacity-model';
import { withView, type CapacityView } from '../src/web/features/capacity/utils/capacity-view';
import { getJson, median, signIn, startBrowserBench } from './browser-harness';
import { loadYearOfVcpus } from './capacity-load';
import { printFigures } from './report';

// The Capacity page's question for a 10 000-VM datacenter (CAPACITY_BENCH_VMS): provisioned vCPUs over a year,
// grouped by folder, at the daily granularity, as the page asks it. One engine serves both halves: the real
// server's (demo mode, on disk, the built SPA), loaded with a year of vcpus for that many VMs of a datacenter the
// simulator has no VM in, once the server's capacity sync has made its first pass (it would end, as gone from
// the inventory, VMs it found already there). Server time: the page's request over HTTP to an engine app confined,
// as a viewer's is, to the datacenter. Browser time: Chromium, signed in as the admin, from navigation to the
// page's URL to the frame after the chart's areas are all drawn. Figures are medians of RUNS after a warm-up.

const RUNS = 5;
const YEAR_BY_FOLDER: CapacityView = {
  measure: 'vcpus',
  range: { period: 'year' },
  group: 'folder',
  aggregation: 'mean',
  search: '',
};

/** Waits for the server's first capacity pass to have synchronised `dc`. */
async function firstCapacityPass(engine: MeteringEngine, dc: DatacenterRef) {
  const id = capacityResourceId({ type: 'datacenter', ...dc });
  const deadline = performance.now() + 120_000;
  while (!engine.indexer.findResource('datacenter', id)) {
    if (performance.now() > deadline) throw new Error('the capacity sync never made its first pass');
    await setTimeout(100);
  }
}

/** The page's request, RUNS times after a warm-up, to an engine app that sees only `dc`'s resources, as a
 * viewer's session does: its milliseconds, and the answer's size and groups. */
async function serverTimes(engine: MeteringEngine, dc: DatacenterRef, request: AggregatesRequest) {
  const confined = await createMeteringServer({
    engine,
    authenticate: () => ({
      user: 'viewer',
      canSee: (r) =>
        r.attributes.service === dc.serviceName && r.attributes.datacenter_id === dc.datacenterId,
      canWrite: false,
    }),
  });
  try {
    const engineBase = await confined.listen({ port: 0, host: '127.0.0.1' });
    const url = `${engineBase}/v1/aggregates?${new URLSearchParams(request.query).toString()}`;
    const times = { ms: [] as number[], bytes: 0, groups: 0 };
    for (let run = 0; run <= RUNS; run++) {
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request.body),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`aggregates: ${response.status} ${text.slice(0, 300)}`);
      if (run === 0) continue;
      times.ms.push(performance.now() - started);
      times.bytes = text.length;
      times.groups = (JSON.parse(text) as unknown[]).length;
    }
    return times;
  } finally {
    await confined.close();
  }
}

/** Waits, frame by frame, until the chart shows `areas` stacked areas, each drawn, then for the next frame,
 * which starts once that one is painted; returns that page time (from navigation) and when the grouped answer
 * arrived. */
function chartDrawn(page: Page, areas: number) {
  return page.evaluate(async (areas) => {
    const deadline = performance.now() + 300_000;
    for (;;) {
      // Inline, not a named helper: tsx would wrap a named function in a helper the page does not have.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const drawn = [...document.querySelectorAll('.capacity-panel .recharts-area-area')];
      if (drawn.length === areas && drawn.every((path) => path.getAttribute('d'))) break;
      if (performance.now() > deadline) throw new Error(`the chart never showed ${areas} areas`);
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const drawnAt = performance.now();
    const answer = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find(
      (entry) => entry.name.includes('/aggregates?') && entry.name.includes('groupby='),
    );
    return { drawnAt, arrivedAt: answer?.responseEnd ?? Number.NaN };
  }, areas);
}

export async function capacityBench(): Promise<void> {
  const vms = Number(process.env.CAPACITY_BENCH_VMS ?? 10_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'capacity-bench-'));
  // The engine on disk, as a server's is; one VM in the simulator, so that one datacenter has none of its own.
  const bench = await startBrowserBench({ env: { DATA_DIR: dataDir, DEMO_VMS: '1' } });
  const { base } = bench;
  try {
    const engine = bench.meteringEngine!;
    const page = await bench.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    await signIn(page, base);
    const service = (await getJson<ServiceList>(page, `${base}/api/services`)).items[0]!;
    const vmLists = await Promise.all(
      service.datacenters.map(async (d) =>
        VmListSchema.parse(
          await getJson(
            page,
            `${base}/api/services/${service.serviceName}/datacenters/${d.datacenterId}/vms`,
          ),
        ),
      ),
    );
    // The datacenter without the simulator's VM: its VMs are the bench's, no more.
    const datacenter = service.datacenters.find((_, i) => vmLists[i]!.items.length === 0)!;
    const dc = { serviceName: service.serviceName, datacenterId: datacenter.datacenterId };
    await firstCapacityPass(engine, dc);
    const loadSeconds = await loadYearOfVcpus(engine, { ...dc, name: datacenter.name }, vms);

    const request = capacityRequests(dc, YEAR_BY_FOLDER, Date.now()).provisioned;
    const server = await serverTimes(engine, dc, request);

    const pageUrl = `${base}/dc/${dc.serviceName}/${dc.datacenterId}/capacity?${withView(new URLSearchParams(), YEAR_BY_FOLDER).toString()}`;
    const browser = { total: [] as number[], render: [] as number[] };
    // The first load also compiles the page's code: not counted.
    for (let run = 0; run <= RUNS; run++) {
      await page.goto(pageUrl);
      const { drawnAt, arrivedAt } = await chartDrawn(page, Math.min(server.groups, MOST_STACKED));
      if (run === 0) continue;
      browser.total.push(drawnAt);
      browser.render.push(drawnAt - arrivedAt);
    }

    printFigures(`Capacity page's query, ${vms} VMs over a year, grouped by folder (median of ${RUNS})`, [
      { name: 'load a year of vcpus (not part of the query)', value: loadSeconds, unit: 's' },
      {
        name: `server time: (aggregate sum (metric vcpus mean)) × ${server.groups} folders, daily, a year`,
        value: median(server.ms),
        unit: 'ms',
      },
      { name: 'answer size', value: server.bytes / 1024, unit: 'KiB' },
      {
        name: 'browser time: navigation → chart drawn, in Chromium (SPA start, both queries included)',
        value: median(browser.total),
        unit: 'ms',
      },
      { name: '  of which: grouped answer arrived → chart drawn', value: median(browser.render), unit: 'ms' },
    ]);
  } finally {
    await bench.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
