import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '@/simulator/simulator';
import { DEMO_CREDENTIALS, simulatedOvh } from '@/server/testing/simulated-ovh';
import { OvhClient, type OvhClientOptions } from './client';
import { OvhApiError, OvhNetworkError } from './errors';

// The client against the simulator on loopback: the same signing, clock and error protocol as OVH.

let sim: Simulator;
let origin: string;
let clockOffsetMs = 0;

beforeAll(async () => {
  sim = createSimulator({ now: () => Date.now() + clockOffsetMs });
  origin = await sim.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => sim.app.close());

const client = (options: Partial<OvhClientOptions> = {}) =>
  new OvhClient({ ...simulatedOvh(origin), retryBaseMs: 20, ...options });

async function counters(): Promise<Record<string, number>> {
  const state = (await (await fetch(`${origin}/_admin/state`)).json()) as {
    counters: Record<string, number>;
  };
  return state.counters;
}
const reset = () => fetch(`${origin}/_admin/counters/reset`, { method: 'POST' });
const admin = (path: string, body?: unknown) =>
  fetch(`${origin}/_admin${path}`, {
    method: path.startsWith('/faults') ? 'PUT' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });

describe('OvhClient', () => {
  it('signs requests and reads the server clock once', async () => {
    await reset();
    const c = client();
    expect(await c.get('/dedicatedCloud')).toEqual(['pcc-37-187-228-180']);
    await c.get('/dedicatedCloud/pcc-37-187-228-180/datacenter');
    const seen = await counters();
    expect(seen['GET /ovh/1.0/auth/time']).toBe(1);
    expect(seen['GET /ovh/1.0/dedicatedCloud']).toBe(1);
  });

  it('signs against OVH’s clock even when the local clock is an hour off', async () => {
    clockOffsetMs = 3_600_000;
    try {
      expect(await client().get('/dedicatedCloud')).toEqual(['pcc-37-187-228-180']);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('re-reads the clock once when OVH says the query is out of time', async () => {
    const c = client();
    await c.get('/dedicatedCloud');
    clockOffsetMs = -600_000;
    try {
      await reset();
      expect(await c.get('/dedicatedCloud')).toEqual(['pcc-37-187-228-180']);
      expect((await counters())['GET /ovh/1.0/auth/time']).toBe(1);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('reports a 404 with OVH’s class, message and query id, without retrying', async () => {
    await reset();
    const error = await client()
      .get('/dedicatedCloud/pcc-37-187-228-180/datacenter/1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvhApiError);
    expect(error).toMatchObject({ status: 404, code: 'Client::NotFound', retryable: false });
    expect((error as OvhApiError).queryId).toMatch(/^EU\.ext-sim\./);
    expect((error as Error).message).toContain('The requested object (datacenterId = 1) does not exist');
    expect((await counters())['GET /ovh/1.0/dedicatedCloud/:serviceName/datacenter/:datacenterId']).toBe(1);
  });

  it('rejects wrong credentials without retrying', async () => {
    const wrong = client({ credentials: { ...DEMO_CREDENTIALS, applicationSecret: 'nope' } });
    await expect(wrong.get('/dedicatedCloud')).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_SIGNATURE',
    });
  });

  it('retries a 503 with backoff and succeeds when the API returns', async () => {
    await admin('/services/ovh/down');
    await reset();
    const pending = client({ retries: 5 }).get('/dedicatedCloud');
    setTimeout(() => void admin('/services/ovh/up'), 120);
    expect(await pending).toEqual(['pcc-37-187-228-180']);
    // The first call reads /auth/time: the retries were spent there, and the signed call then went through.
    const seen = await counters();
    expect(seen['GET /ovh/1.0/auth/time']).toBeGreaterThan(1);
    expect(seen['GET /ovh/1.0/dedicatedCloud']).toBe(1);
  });

  it('gives up after its retries, with the last error', async () => {
    await admin('/services/ovh/down');
    try {
      await expect(client({ retries: 2 }).get('/dedicatedCloud')).rejects.toMatchObject({ status: 503 });
      await admin('/services/ovh/down', { mode: 'reset' });
      await expect(client({ retries: 1 }).get('/dedicatedCloud')).rejects.toBeInstanceOf(OvhNetworkError);
    } finally {
      await admin('/services/ovh/up');
    }
  });

  it('times out a request that takes too long', async () => {
    await admin('/faults', { latencyMs: 400 });
    try {
      const error = await client({ timeoutMs: 100, retries: 0 })
        .get('/dedicatedCloud')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OvhNetworkError);
    } finally {
      await admin('/faults', { latencyMs: 0 });
    }
  });

  it('authenticates with OAuth2 client credentials instead of a signature', async () => {
    const credentials = {
      kind: 'oauth2',
      clientId: 'demo-client',
      clientSecret: 'demo-client-secret',
      tokenUrl: `${origin}/auth/oauth2/token`,
    } as const;
    expect(await client({ credentials }).get('/dedicatedCloud')).toEqual(['pcc-37-187-228-180']);
    const wrong = client({ credentials: { ...credentials, clientSecret: 'nope' } });
    await expect(wrong.get('/dedicatedCloud')).rejects.toThrow(/OAuth2 token request .* failed with 401/);
  });

  it('never logs a secret when it retries', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    await admin('/services/ovh/down');
    try {
      await client({ retries: 1, log })
        .get('/dedicatedCloud')
        .catch(() => undefined);
    } finally {
      await admin('/services/ovh/up');
    }
    expect(lines.length).toBe(1);
    expect(lines.join('\n')).not.toMatch(/demo-as|demo-ck|\$1\$/);
  });
});
