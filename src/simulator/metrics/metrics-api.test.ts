import { describe, expect, it } from 'vitest';
import { BUCKET_MS, CATALOG, PERIODS, datacenterTag } from '@/shared/metrics/catalog';
import { MetricsTokenSchema } from '@/shared/ovh/envelopes';
import { VmSchema } from '@/shared/ovh/models';
import { createSimulator } from '../simulator';
import { signedInject } from '../testing/signed-inject';

const now = Date.UTC(2026, 10, 23, 14, 7, 31);
const sim = createSimulator({ now: () => now });
const service = sim.inventory.services[0]!;
const dc = service.datacenters[0]!;
const vm = dc.vms.find((v) => v.powerState === 'poweredOn')!;
const datacenter = datacenterTag(service.serviceName, dc.name);

async function token(): Promise<string> {
  const response = await signedInject(sim.app, now, {
    method: 'POST',
    path: `/dedicatedCloud/${service.serviceName}/user/${service.users[0]!.userId}/metricsToken`,
  });
  return MetricsTokenSchema.parse(response.json()).token;
}

const basic = (secret: string) => `Basic ${Buffer.from(`read:${secret}`).toString('base64')}`;

async function query(body: object, secret?: string) {
  return sim.app.inject({
    method: 'POST',
    url: '/metrics/api/query',
    headers: { authorization: basic(secret ?? (await token())), 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

describe('simulated Metrics platform (OpenTSDB under /metrics)', () => {
  it('refuses requests without a valid metrics token', async () => {
    const none = await sim.app.inject({ method: 'POST', url: '/metrics/api/query', payload: {} });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ error: { code: 401, message: 'Invalid or missing metrics token' } });
    const wrong = await query({ start: '1h-ago', queries: [] }, 'not-a-token');
    expect(wrong.statusCode).toBe(401);
  });

  it('ends every VM series on the live API value of the current bucket', async () => {
    const live = VmSchema.parse(
      (
        await signedInject(sim.app, now, {
          path: `/dedicatedCloud/${service.serviceName}/datacenter/${dc.datacenterId}/vm/${vm.vmId}`,
        })
      ).json(),
    );
    const expected = CATALOG.valuesOf('vm', live);
    const metrics = Object.keys(expected);
    expect(metrics).toHaveLength(13);
    const response = await query({
      start: now - 3_600_000,
      end: now,
      msResolution: true,
      queries: metrics.map((metric) => ({ metric, aggregator: 'none', tags: { vm: vm.moRef, datacenter } })),
    });
    expect(response.statusCode).toBe(200);
    const results = response.json<{ metric: string; dps: Record<string, number> }[]>();
    expect(results).toHaveLength(13);
    const lastBucket = String(Math.floor(now / BUCKET_MS) * BUCKET_MS);
    for (const result of results) {
      const timestamps = Object.keys(result.dps);
      expect(timestamps).toHaveLength(12);
      expect(timestamps.at(-1)).toBe(lastBucket);
      expect(result.dps[lastBucket]).toBeCloseTo(expected[result.metric]!, 9);
    }
  });

  it.each(Object.entries(PERIODS))(
    'answers a %s graph at its rollup interval with the expected number of points',
    async (_period, { rangeMs, intervalMs }) => {
      const response = await query({
        start: now - rangeMs,
        end: now,
        queries: [
          {
            metric: 'vscope.vm.cpu.usage.perc',
            aggregator: 'avg',
            downsample: `${intervalMs / 60_000}m-avg`,
            tags: { vm: vm.moRef },
          },
        ],
      });
      expect(response.statusCode).toBe(200);
      const [result] = response.json<{ dps: Record<string, number> }[]>();
      const points = Object.keys(result!.dps).length;
      // Buckets aligned on the interval: the first may start before `start` and is dropped, the last is partial.
      expect(points).toBeGreaterThanOrEqual(rangeMs / intervalMs);
      expect(points).toBeLessThanOrEqual(rangeMs / intervalMs + 1);
      expect(Object.values(result!.dps).every((v) => v >= 0 && v <= 100)).toBe(true);
    },
  );

  it('is read-only and suggests the vScope metric names', async () => {
    const secret = await token();
    const put = await sim.app.inject({
      method: 'POST',
      url: '/metrics/api/put',
      headers: { authorization: basic(secret), 'content-type': 'application/json' },
      payload: JSON.stringify({ metric: 'x', timestamp: 1, value: 1, tags: { a: 'b' } }),
    });
    expect(put.statusCode).toBeGreaterThanOrEqual(400);
    const suggest = await sim.app.inject({
      url: '/metrics/api/suggest?type=metrics&q=vscope.host.&max=50',
      headers: { authorization: basic(secret) },
    });
    expect(suggest.json()).toEqual([
      'vscope.host.cpu.usage.perc',
      'vscope.host.mem.usage.perc',
      'vscope.host.net.packetsrx',
      'vscope.host.net.packetstx',
      'vscope.host.net.rx',
      'vscope.host.net.tx',
    ]);
  });
});
