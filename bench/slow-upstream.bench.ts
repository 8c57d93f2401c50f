import { setTimeout as delay } from 'node:timers/promises';
import { VmListSchema, type VmList } from '../src/shared/api/inventory';
import { DEMO_ADMIN, DEMO_VIEWER, startApiHarness } from '../src/server/testing/api-harness';
import { percentile, printFigures } from './report';

// 50 screens polling a datacenter's VM list while OVH takes 8 s to answer each call: how long each answer
// takes, and whether it comes from the cache, marked stale, while the one refresh runs in the background.

const POLLERS = 50;
const LATENCY_MS = 8_000;
const POLL_MS = 120_000;
/** Each screen asks again this often while the refresh runs: walls reloading, people pressing F5. */
const REPEAT_MS = 1_000;
const VM_LIST = 'GET /ovh/1.0/dedicatedCloud/:serviceName/datacenter/:datacenterId/vm';

interface Answer {
  ms: number;
  status: number;
  body?: VmList;
}

export async function slowUpstreamBench(): Promise<void> {
  const h = await startApiHarness();
  try {
    const cookies = [
      await h.login(DEMO_ADMIN.username, DEMO_ADMIN.password),
      await h.login(DEMO_VIEWER.username, DEMO_VIEWER.password),
    ];
    const path = `/api/services/${h.serviceName}/datacenters/${h.datacenterIds[0]}/vms`;
    // The pollers share this process with the server: their gunzip is not what is measured.
    const ask = async (cookie: string): Promise<Answer> => {
      const started = performance.now();
      const response = await h.request(path, { cookie, headers: { 'accept-encoding': 'identity' } });
      const text = await response.text();
      const ms = performance.now() - started;
      return {
        ms,
        status: response.status,
        body: response.ok ? VmListSchema.parse(JSON.parse(text)) : undefined,
      };
    };
    for (const cookie of cookies) await ask(cookie);
    const before = (await ask(cookies[0]!)).body!;

    await h.simAdmin('PUT', '/faults', { latencyMs: LATENCY_MS });
    await h.simAdmin('POST', '/counters/reset');
    h.clock.advance(POLL_MS);
    const due = performance.now();
    let landedAfterMs: number | undefined;
    const whileRefreshing: Answer[] = [];
    const firstRound: number[] = [];
    await Promise.all(
      Array.from({ length: POLLERS }, async (_, i) => {
        while (landedAfterMs === undefined && performance.now() - due < 120_000) {
          const answer = await ask(cookies[i % 2]!);
          if (firstRound.length < POLLERS) firstRound.push(answer.ms);
          if (answer.body && !answer.body.stale) landedAfterMs ??= performance.now() - due;
          else whileRefreshing.push(answer);
          await delay(REPEAT_MS);
        }
      }),
    );
    await h.simAdmin('PUT', '/faults', { latencyMs: 0 });
    const upstreamFetches = (await h.counters())[VM_LIST] ?? 0;

    const times = whileRefreshing.map((a) => a.ms).sort((a, b) => a - b);
    const fromCache = whileRefreshing.filter(
      (a) => a.status === 200 && a.body?.stale === true && a.body.fetchedAt === before.fetchedAt,
    );
    printFigures(
      `slow upstream: ${POLLERS} pollers on a ${before.items.length}-VM list, OVH answering in ${LATENCY_MS / 1000} s`,
      [
        { name: 'answers while the refresh ran', value: whileRefreshing.length, unit: 'answers' },
        { name: 'answer time p50', value: percentile(times, 50), unit: 'ms' },
        { name: 'answer time p99', value: percentile(times, 99), unit: 'ms', target: 2_000 },
        {
          name: `slowest of the first ${POLLERS}, all asking the instant the interval passed`,
          value: Math.max(...firstRound),
          unit: 'ms',
        },
        {
          name: 'past the interval: served from the cache, marked stale',
          value: (fromCache.length / Math.max(1, whileRefreshing.length)) * 100,
          unit: '%',
        },
        { name: 'refresh landed after', value: landedAfterMs ?? NaN, unit: 'ms' },
        { name: 'upstream VM list fetches', value: upstreamFetches, unit: 'requests' },
      ],
    );
  } finally {
    await h.close();
  }
}
