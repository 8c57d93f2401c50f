import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionResponseSchema } from '../shared/api/session';
import { DEMO_ADMIN, DEMO_VIEWER, startApiHarness, type ApiHarness } from './testing/api-harness';

// Sign-in, sign-out and who-am-I through the real server. The login rate limit counts every attempt from
// loopback, so this file keeps well under it and the limit itself gets a server of its own.

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(() => h.close());

describe('session API', () => {
  it('signs a local user in with an HttpOnly, SameSite=Strict cookie, says who they are, and signs out', async () => {
    const login = await h.request('/api/session', { method: 'POST', body: DEMO_ADMIN });
    expect(login.status).toBe(200);
    expect(SessionResponseSchema.parse(await login.json())).toEqual({
      user: { username: 'admin', role: 'admin', provider: 'local', pccUser: null, serviceName: null },
    });
    const setCookie = login.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/vscope_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    // Plain HTTP on loopback: a Secure cookie would never come back.
    expect(setCookie).not.toMatch(/Secure/i);
    const cookie = setCookie.split(';')[0]!;

    const me = await h.request('/api/session', { cookie });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('admin');

    const logout = await h.request('/api/session', { method: 'DELETE', cookie });
    expect(logout.status).toBe(204);
    // The session is revoked on the server, not just forgotten by the browser.
    expect((await h.request('/api/session', { cookie })).status).toBe(401);
    expect((await h.request('/api/services', { cookie })).status).toBe(401);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const wrong = await h.request('/api/session', {
      method: 'POST',
      body: { username: 'admin', password: 'not-the-password' },
    });
    const unknown = await h.request('/api/session', {
      method: 'POST',
      body: { username: 'nobody', password: 'whatever' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const body = { error: { code: 'invalid_credentials', message: 'Wrong username or password.' } };
    expect(await wrong.json()).toEqual(body);
    expect(await unknown.json()).toEqual(body);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('answers 401 on every data route without a session, and on who-am-I', async () => {
    const dc = `/api/services/${h.serviceName}/datacenters/${h.datacenterIds[0]}`;
    for (const path of [
      '/api/session',
      '/api/services',
      `${dc}/hosts`,
      `${dc}/vms`,
      `${dc}/filers`,
      `${dc}/summary`,
      `${dc}/vms/1/series?period=day`,
      `${dc}/vms/1`,
    ]) {
      const response = await h.request(path);
      expect(response.status, path).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code, path).toBe(
        'unauthenticated',
      );
    }
    const forged = await h.request('/api/services', { cookie: 'vscope_session=forged-token' });
    expect(forged.status).toBe(401);
  });

  it('signs in with vSphere credentials checked by the PCC vCenter, with that PCC user’s rights', async () => {
    const response = await h.request('/api/session', {
      method: 'POST',
      body: { username: 'dev', password: 'dev-demo', provider: 'vsphere' },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: unknown }).user).toEqual({
      username: 'dev',
      role: 'viewer',
      provider: 'vsphere',
      pccUser: 'dev',
      serviceName: h.serviceName,
    });
    const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
    const services = (await (await h.request('/api/services', { cookie })).json()) as {
      items: { datacenters: { datacenterId: number }[] }[];
    };
    expect(services.items.flatMap((s) => s.datacenters.map((d) => d.datacenterId))).toEqual([
      h.datacenterIds[0],
    ]);

    const refused = await h.request('/api/session', {
      method: 'POST',
      body: { username: 'dev', password: 'wrong', provider: 'vsphere' },
    });
    expect(refused.status).toBe(401);
  });

  it('refuses a cross-site sign-in', async () => {
    const response = await h.request('/api/session', {
      method: 'POST',
      body: DEMO_VIEWER,
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('cross_site');
  });
});

describe('login rate limit', () => {
  it('answers 429 once the attempts from one address run out, even with the right password', async () => {
    const limited = await startApiHarness();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const response = await limited.request('/api/session', {
          method: 'POST',
          body: { username: 'admin', password: `guess-${i}` },
        });
        statuses.push(response.status);
      }
      expect(statuses.slice(0, 10)).toEqual(new Array(10).fill(401));
      expect(statuses.slice(10)).toEqual([429, 429]);
      const right = await limited.request('/api/session', { method: 'POST', body: DEMO_ADMIN });
      expect(right.status).toBe(429);
      expect(await right.json()).toEqual({
        error: { code: 'rate_limited', message: expect.stringMatching(/Too many login attempts/) as string },
      });
    } finally {
      await limited.close();
    }
  });
});
