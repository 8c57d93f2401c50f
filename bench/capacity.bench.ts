import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CAPACITY_POLICY,
  CAPACITY_POLICY_NAME,
  CAPACITY_RESOURCE_TYPES,
} from '../src/shared/capacity/catalog';
import { createMeteringServer, openEngine } from '../src/metering';
import { printFigures } from './report';

// The Capacity page's question for a 10 000-VM datacenter (CAPACITY_BENCH_VMS): provisioned vCPUs over a year,
// grouped by folder, at the daily granularity, as the page asks it (resource mode, the datacenter's filter and
// its rights). The engine holds a year of `vcpus` per VM at the rollup policy's granularities (a day of
// 5-minute points, a week of 30-minute ones, a month of 2-hour ones, then daily), written through its measure
// store before the clock starts; the query goes over HTTP to an engine app confined, as a viewer's is, to
// the datacenter. Figures are medians of QUERY_RUNS after a warm-up.

const DAY_S = 86_400;
const FOLDERS = 50;
const QUERY_RUNS = 5;
const WRITE_BATCH = 500;
const NOW_S = Math.floor(Date.UTC(2026, 11, 1) / 1000 / DAY_S) * DAY_S;

/** A year of one VM's vCPUs, at each age the finest granularity the policy keeps for it. */
function yearOfVcpus(
  vcpus: number,
  resizedAtS: number,
): { timestampsUs: Float64Array; values: Float64Array } {
  const times: number[] = [];
  const steps: [fromAgeS: number, toAgeS: number, stepS: number][] = [
    [366 * DAY_S, 31 * DAY_S, DAY_S],
    [31 * DAY_S, 7 * DAY_S, 7_200],
    [7 * DAY_S, DAY_S, 1_800],
    [DAY_S, 0, 300],
  ];
  for (const [from, to, step] of steps) for (let age = from; age > to; age -= step) times.push(NOW_S - age);
  const timestampsUs = Float64Array.from(times, (t) => t * 1e6);
  // A VM resized once in the year: the chart has a step to draw.
  const values = Float64Array.from(times, (t) => (t < resizedAtS ? vcpus : vcpus * 2));
  return { timestampsUs, values };
}

export async function capacityBench(): Promise<void> {
  const vms = Number(process.env.CAPACITY_BENCH_VMS ?? 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'capacity-bench-'));
  const engine = openEngine({ dataDir: dir, now: () => NOW_S * 1000 });
  try {
    const loadStarted = performance.now();
    // Policy, type and resources through the REST API, as the sync creates them; the year of measures straight
    // into the measure store, which is what the batch route would do with them, to keep the set-up short.
    const writer = await createMeteringServer({ engine });
    const call = async (url: string, payload: unknown) => {
      const response = await writer.inject({
        method: 'POST',
        url,
        headers: { authorization: `Basic ${Buffer.from('vscope:').toString('base64')}` },
        payload: payload as object,
      });
      if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return JSON.parse(response.body) as { metrics: Record<string, string> };
    };
    await call('/v1/archive_policy', CAPACITY_POLICY);
    await call('/v1/resource_type', {
      name: 'vm',
      attributes: Object.fromEntries(
        Object.entries(CAPACITY_RESOURCE_TYPES.vm).map(([name, type]) => [name, { type, required: false }]),
      ),
    });
    const policy = engine.indexer.getArchivePolicy(CAPACITY_POLICY_NAME);
    let batch: { metricId: string; policy: typeof policy; measures: ReturnType<typeof yearOfVcpus> }[] = [];
    for (let i = 0; i < vms; i++) {
      const resource = await call('/v1/resource/vm', {
        id: `vm-pcc-bench-${i}`,
        name: `vm-${i}`,
        service: 'pcc-bench',
        datacenter: 'dc-1',
        datacenter_id: 1,
        folder: `folder-${i % FOLDERS}`,
        power_state: i % 10 === 0 ? 'poweredOff' : 'poweredOn',
        metrics: { vcpus: { archive_policy_name: CAPACITY_POLICY_NAME } },
      });
      batch.push({
        metricId: resource.metrics.vcpus!,
        policy,
        measures: yearOfVcpus(1 + (i % 8), NOW_S - (i % 300) * DAY_S),
      });
      if (batch.length === WRITE_BATCH) {
        engine.store.addMeasuresBatch(batch);
        batch = [];
      }
    }
    engine.store.addMeasuresBatch(batch);
    await writer.close();
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const app = await createMeteringServer({
      engine,
      authenticate: () => ({
        user: 'viewer',
        canSee: (r) => r.attributes.service === 'pcc-bench' && r.attributes.datacenter_id === 1,
        canWrite: false,
      }),
    });
    try {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const query = new URLSearchParams({
        start: String(NOW_S - 365 * DAY_S),
        stop: String(NOW_S),
        granularity: String(DAY_S),
        groupby: 'folder',
      });
      const body = JSON.stringify({
        operations: '(aggregate sum (metric vcpus mean))',
        resource_type: 'vm',
        search: 'service = "pcc-bench" and datacenter_id = 1',
      });
      const run = async () => {
        const started = performance.now();
        const response = await fetch(`${base}/v1/aggregates?${query.toString()}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const text = await response.text();
        if (response.status !== 200) throw new Error(`aggregates: ${response.status} ${text.slice(0, 300)}`);
        return {
          ms: performance.now() - started,
          bytes: text.length,
          groups: (JSON.parse(text) as unknown[]).length,
        };
      };
      await run();
      const runs = [];
      for (let i = 0; i < QUERY_RUNS; i++) runs.push(await run());
      runs.sort((a, b) => a.ms - b.ms);
      const median = runs[Math.floor(runs.length / 2)]!;
      printFigures(`Capacity page's query, ${vms} VMs over a year, grouped by folder (engine, SQLite)`, [
        { name: 'load a year of vcpus (not part of the query)', value: loadSeconds, unit: 's' },
        {
          name: `server time: (aggregate sum (metric vcpus mean)) × ${median.groups} folders, daily, a year`,
          value: median.ms,
          unit: 'ms',
        },
        { name: 'answer size', value: median.bytes / 1024, unit: 'KiB' },
      ]);
    } finally {
      await app.close();
    }
  } finally {
    engine.indexer.close();
    engine.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
