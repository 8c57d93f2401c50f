import { describe, expect, it } from 'vitest';
import { createSimulator } from './simulator';
import { signedInject } from './testing/signed-inject';

const now = Date.UTC(2026, 10, 23, 14, 0);

describe('fault injection and the admin routes', () => {
  it('counts requests per route, and resets the counters', async () => {
    const { app } = createSimulator({ now: () => now });
    await signedInject(app, now, { path: '/dedicatedCloud' });
    await signedInject(app, now, { path: '/dedicatedCloud' });
    await signedInject(app, now, { path: '/dedicatedCloud/pcc-37-187-228-180/datacenter/886' });
    const state = (await app.inject({ url: '/_admin/state' })).json<{ counters: Record<string, number> }>();
    expect(state.counters).toEqual({
      'GET /ovh/1.0/dedicatedCloud': 2,
      'GET /ovh/1.0/dedicatedCloud/:serviceName/datacenter/:datacenterId': 1,
    });
    await app.inject({ method: 'POST', url: '/_admin/counters/reset' });
    expect((await app.inject({ url: '/_admin/state' })).json()).toMatchObject({ counters: {} });
  });

  it('takes a service down with a 503 or a dropped connection, and brings it back', async () => {
    const { app } = createSimulator({ now: () => now });
    const down = await app.inject({ method: 'POST', url: '/_admin/services/ovh/down', payload: {} });
    expect(down.json()).toMatchObject({ services: { ovh: 'down', vcenter: 'up' } });
    const unavailable = await signedInject(app, now, { path: '/dedicatedCloud' });
    expect(unavailable.statusCode).toBe(503);
    expect(unavailable.json()).toEqual({
      class: 'Server::ServiceUnavailable',
      message: 'This service is currently unavailable',
    });
    expect((await app.inject({ method: 'POST', url: '/vcenter/api/session' })).statusCode).toBe(401);

    await app.inject({ method: 'POST', url: '/_admin/services/ovh/down', payload: { mode: 'reset' } });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      await expect(fetch(`${address}/ovh/1.0/auth/time`)).rejects.toThrow(/fetch failed/);
    } finally {
      await app.close();
    }
  });

  it('brings a service back up', async () => {
    const { app } = createSimulator({ now: () => now });
    await app.inject({ method: 'POST', url: '/_admin/services/ovh/down' });
    expect((await signedInject(app, now, { path: '/dedicatedCloud' })).statusCode).toBe(503);
    await app.inject({ method: 'POST', url: '/_admin/services/ovh/up' });
    expect((await signedInject(app, now, { path: '/dedicatedCloud' })).statusCode).toBe(200);
  });

  it('fails every request at error rate 1 and none at 0', async () => {
    const { app } = createSimulator({ now: () => now, faults: { errorRate: 1 } });
    const failed = await signedInject(app, now, { path: '/dedicatedCloud' });
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toEqual({ class: 'Server::InternalServerError', message: 'Internal server error' });
    await app.inject({ method: 'PUT', url: '/_admin/faults', payload: { errorRate: 0 } });
    expect((await signedInject(app, now, { path: '/dedicatedCloud' })).statusCode).toBe(200);
  });

  it('fails about the configured fraction of requests, the same ones for the same seed', async () => {
    const outcomes = async () => {
      const { app } = createSimulator({ now: () => now, faults: { errorRate: 0.3 } });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++)
        statuses.push((await signedInject(app, now, { path: '/dedicatedCloud' })).statusCode);
      return statuses;
    };
    const [first, second] = [await outcomes(), await outcomes()];
    const failures = first.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(35);
    expect(failures).toBeLessThan(85);
    expect(second).toEqual(first);
  });

  it('delays responses by the injected latency', async () => {
    const { app } = createSimulator({ now: () => now, faults: { latencyMs: 120 } });
    const started = performance.now();
    await signedInject(app, now, { path: '/dedicatedCloud' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('switches batch mode off and on through the admin route', async () => {
    const { app, faults } = createSimulator({ now: () => now });
    await app.inject({ method: 'PUT', url: '/_admin/faults', payload: { batch: false, latencyMs: 0 } });
    expect(faults.batch).toBe(false);
  });

  it('rejects malformed admin requests and callers off loopback', async () => {
    const { app } = createSimulator({ now: () => now });
    const bad = await app.inject({ method: 'PUT', url: '/_admin/faults', payload: { errorRate: 2 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: string }>().error).toMatch(/errorRate/);
    const unknownKey = await app.inject({ method: 'PUT', url: '/_admin/faults', payload: { latency: 5 } });
    expect(unknownKey.statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/_admin/services/dns/down' })).statusCode).toBe(404);
    const remote = await app.inject({ url: '/_admin/state', remoteAddress: '192.0.2.7' });
    expect(remote.statusCode).toBe(403);
    expect((await app.inject({ url: '/_admin/state' })).json()).toMatchObject({ errorRate: 0 });
  });
});
