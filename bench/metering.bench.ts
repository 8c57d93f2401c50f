import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMeteringServer } from '../src/metering';
import { printFigures, timeMs } from './report';

// The metering engine's figures for the workloads, over HTTP with SQLite (--data): ingest of
// METERING_BENCH_METRICS (default 1 000) metrics × a week of 5-minute measures through the batch route, then
// `(aggregate sum (metric vcpus mean))` over as many resources found by a search, for the week, alone and
// grouped by an attribute. The same workload on the real Gnocchi, side by side, is still to come.

const STEP_S = 300;
const WEEK_POINTS = (7 * 86_400) / STEP_S;
const METRICS_PER_REQUEST = 50;
const AUTH = { authorization: `Basic ${Buffer.from('admin:').toString('base64')}` };

async function call(base: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.status === 202 ? undefined : ((await response.json()) as unknown);
}

function week(startS: number, seed: number): { timestamp: number; value: number }[] {
  return Array.from({ length: WEEK_POINTS }, (_, i) => ({
    timestamp: startS + i * STEP_S,
    value: (seed + i) % 8,
  }));
}

export async function meteringBench(): Promise<void> {
  const count = Number(process.env.METERING_BENCH_METRICS ?? 1000);
  const dir = mkdtempSync(join(tmpdir(), 'metering-bench-'));
  const startS = Math.floor(Date.UTC(2026, 0, 5) / 1000);
  const app = await createMeteringServer({ dataDir: dir });
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    await call(base, '/v1/archive_policy', {
      name: 'bench',
      definition: [{ granularity: '5min', timespan: '8 days' }],
    });
    await call(base, '/v1/resource_type', {
      name: 'instance',
      attributes: { project: { type: 'string', required: true }, flavor: { type: 'string', required: true } },
    });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const resource = (await call(base, '/v1/resource/instance', {
        id: `vm-${i}`,
        project: `project-${i % 10}`,
        flavor: 'm1',
        metrics: { vcpus: { archive_policy_name: 'bench' } },
      })) as { metrics: { vcpus: string } };
      ids.push(resource.metrics.vcpus);
    }

    const ingestStart = performance.now();
    for (let i = 0; i < ids.length; i += METRICS_PER_REQUEST) {
      const batch = Object.fromEntries(
        ids.slice(i, i + METRICS_PER_REQUEST).map((id, k) => [id, week(startS, i + k)]),
      );
      await call(base, '/v1/batch/metrics/measures', batch);
    }
    const ingestS = (performance.now() - ingestStart) / 1000;

    const query = `start=${startS}&stop=${startS + 7 * 86_400}`;
    const body = {
      resource_type: 'instance',
      search: "flavor='m1'",
      operations: '(aggregate sum (metric vcpus mean))',
    };
    const sumMs = await timeMs('aggregate sum', () => call(base, `/v1/aggregates?${query}`, body), 5);
    const groupedMs = await timeMs(
      'grouped',
      () => call(base, `/v1/aggregates?${query}&groupby=project`, body),
      5,
    );
    printFigures(`Metering engine (SQLite, ${count} metrics × ${WEEK_POINTS} measures)`, [
      { name: 'ingest through /v1/batch/metrics/measures', value: ingestS, unit: 's' },
      { name: 'ingest rate', value: (count * WEEK_POINTS) / ingestS, unit: 'measures/s' },
      {
        name: `(aggregate sum (metric vcpus mean)) over ${count} searched resources, a week`,
        value: sumMs,
        unit: 'ms',
      },
      { name: 'the same grouped by project', value: groupedMs, unit: 'ms' },
    ]);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await meteringBench();
