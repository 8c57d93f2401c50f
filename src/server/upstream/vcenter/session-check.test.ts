import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '@/simulator/simulator';
import { checkVsphereCredentials } from './session-check';

let sim: Simulator;
let origin: string;

beforeAll(async () => {
  sim = createSimulator();
  origin = await sim.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => sim.app.close());

describe('checkVsphereCredentials', () => {
  it('accepts a PCC user’s vSphere password and closes the session it opened', async () => {
    await fetch(`${origin}/_admin/counters/reset`, { method: 'POST' });
    expect(await checkVsphereCredentials({ baseUrl: `${origin}/vcenter` }, 'admin', 'vscope-demo')).toEqual({
      ok: true,
    });
    const state = (await (await fetch(`${origin}/_admin/state`)).json()) as {
      counters: Record<string, number>;
    };
    expect(state.counters['DELETE /vcenter/api/session']).toBe(1);
  });

  it('refuses a wrong password', async () => {
    expect(await checkVsphereCredentials({ baseUrl: `${origin}/vcenter` }, 'admin', 'wrong')).toMatchObject({
      ok: false,
      reason: 'invalid-credentials',
    });
  });

  it('falls back to the legacy session route on a vCenter without /api/session', async () => {
    // A vCenter older than 7.0U2, where /api/session does not exist.
    const legacyOnly: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : input.toString();
      return url.endsWith('/api/session')
        ? Promise.resolve(new Response('', { status: 404 }))
        : fetch(input, init);
    };
    expect(
      await checkVsphereCredentials({ baseUrl: `${origin}/vcenter`, fetch: legacyOnly }, 'noc', 'noc-demo'),
    ).toEqual({ ok: true });
  });

  it('reports an unreachable or failing vCenter as unavailable, not as bad credentials', async () => {
    await fetch(`${origin}/_admin/services/vcenter/down`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    try {
      expect(
        await checkVsphereCredentials({ baseUrl: `${origin}/vcenter` }, 'admin', 'vscope-demo'),
      ).toMatchObject({
        ok: false,
        reason: 'unavailable',
      });
    } finally {
      await fetch(`${origin}/_admin/services/vcenter/up`, { method: 'POST' });
    }
    expect(await checkVsphereCredentials({ baseUrl: 'http://127.0.0.1:9' }, 'admin', 'x')).toMatchObject({
      ok: false,
      reason: 'unavailable',
    });
  });
});
