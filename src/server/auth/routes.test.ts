import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import type { Database } from '../db/database';
import { routeTestApp } from '../testing/route-test-app';
import { requireAdmin, requireSession, sessionOf } from './session-plugin';
import { authRoutes } from './routes';
import type { AuthRoutesOptions, VsphereLogin } from './routes';
import { SessionStore } from './sessions';
import { UserStore } from './users';

const HOUR = 3_600_000;
const PASSWORD = 'correct horse battery';

let db: Database;
let users: UserStore;
let sessions: SessionStore;
beforeAll(async () => {
  db = openDatabase(':memory:');
  users = new UserStore(db);
  sessions = new SessionStore(db, { idleMs: HOUR, absoluteMs: 8 * HOUR });
  await users.add({ username: 'alice', password: PASSWORD, role: 'admin' });
  await users.add({ username: 'victor', password: PASSWORD, role: 'viewer', pccUser: 'pcc-noc' });
});
afterAll(() => db.close());

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function build(options: Partial<AuthRoutesOptions> = {}, logs?: Writable): Promise<FastifyInstance> {
  // One proxy in front: the address it saw is the client's, whatever the client wrote before it.
  const app = await routeTestApp(sessions, {
    trustProxy: (_address, hop) => hop < 1,
    ...(logs ? { logger: { level: 'trace', stream: logs } } : {}),
  });
  apps.push(app);
  await app.register(authRoutes, { prefix: '/api', users, sessions, secureCookies: false, ...options });
  app.get('/api/admin-only', { onRequest: [requireSession, requireAdmin] }, (request) => ({
    username: sessionOf(request).username,
  }));
  await app.ready();
  return app;
}

function login(app: FastifyInstance, body: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/session', payload: body as object, headers });
}

function sessionCookie(response: LightMyRequestResponse) {
  return response.cookies.find((cookie) => cookie.name === 'vscope_session');
}

function cookieHeader(response: LightMyRequestResponse): string {
  const cookie = sessionCookie(response);
  if (!cookie) throw new Error('no session cookie set');
  return `vscope_session=${cookie.value}`;
}

const WRONG = { error: { code: 'invalid_credentials', message: 'Wrong username or password.' } };

describe('POST /api/session', () => {
  it('signs a local user in with an HttpOnly, SameSite=Strict cookie that GET /api/session accepts', async () => {
    const app = await build();
    const response = await login(app, { username: 'victor', password: PASSWORD });
    expect(response.statusCode).toBe(200);
    const user = {
      username: 'victor',
      role: 'viewer',
      provider: 'local',
      pccUser: 'pcc-noc',
      serviceName: null,
    };
    expect(response.json()).toEqual({ user });
    expect(response.headers['cache-control']).toBe('no-store');
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^vscope_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain(`Max-Age=${8 * 3600}`);
    expect(setCookie).not.toContain('Secure');

    const me = await app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: cookieHeader(response) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user });
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const app = await build();
    const wrongPassword = await login(app, { username: 'alice', password: 'not the password' });
    const unknownUser = await login(app, { username: 'mallory', password: PASSWORD });
    for (const response of [wrongPassword, unknownUser]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual(WRONG);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it.each([
    [{ username: 'alice' }, /password is required/],
    [{ username: 'alice', password: 42 }, /password is required/],
    [{ username: '', password: PASSWORD }, /username is required/],
    [{ username: 'alice', password: PASSWORD, provider: 'ldap' }, /provider must be 'local' or 'vsphere'/],
    [['alice', PASSWORD], /Expected a JSON object/],
  ])('refuses the malformed body %j with 400', async (body, message) => {
    const app = await build();
    const response = await login(app, body);
    expect(response.statusCode).toBe(400);
    const json = response.json<{ error: { code: string; message: string } }>();
    expect(json.error.code).toBe('bad_request');
    expect(json.error.message).toMatch(message);
    expect(json.error.message).not.toContain(PASSWORD);
  });

  it('answers broken JSON and an oversized body in the one error shape, without echoing them', async () => {
    const app = await build();
    const broken = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "alice", "password": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json<{ error: { code: string } }>().error.code).toBe('bad_request');
    const huge = await login(app, { username: 'alice', password: 'x'.repeat(64 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toEqual({
      error: { code: 'payload_too_large', message: 'The request body is larger than this route accepts.' },
    });
  });

  it('limits login attempts per address, with Retry-After', async () => {
    const app = await build({ loginRateLimit: { max: 3, perAccountMax: 100, timeWindowMs: 60_000 } });
    for (let i = 0; i < 3; i++)
      expect((await login(app, { username: 'alice', password: 'nope nope' })).statusCode).toBe(401);
    const limited = await login(app, { username: 'alice', password: PASSWORD });
    expect(limited.statusCode).toBe(429);
    const body = limited.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('rate_limited');
    // What is left of the minute's window: the three refused attempts may have taken a few seconds under load.
    expect(body.error.message).toMatch(/^Too many login attempts, try again in (60|5\d) s\.$/);
    expect(limited.headers['retry-after']).toMatch(/^(60|5\d)$/);
    expect(limited.headers['set-cookie']).toBeUndefined();

    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'alice', password: PASSWORD },
      remoteAddress: '192.0.2.7',
    });
    expect(elsewhere.statusCode).toBe(200);
    // Only sign-in is limited.
    expect((await app.inject({ method: 'GET', url: '/api/session' })).statusCode).toBe(401);
  });

  it('keys the address limit on what the trusted proxy saw, not on the client-written X-Forwarded-For', async () => {
    const app = await build({ loginRateLimit: { max: 3, perAccountMax: 100, timeWindowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: `nobody${i}`, password: 'nope nope' },
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.9` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('limits attempts on one account from many addresses, for existing and unknown names alike', async () => {
    const app = await build({ loginRateLimit: { max: 100, perAccountMax: 3, timeWindowMs: 60_000 } });
    const attempt = (username: string, password: string, i: number) =>
      app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username, password },
        remoteAddress: `192.0.2.${i}`,
      });
    for (const username of ['alice', 'mallory']) {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await attempt(username, 'nope nope', i)).statusCode);
      expect(statuses).toEqual([401, 401, 401]);
      const limited = await attempt(username, PASSWORD, 9);
      expect(limited.statusCode).toBe(429);
      expect(limited.json<{ error: { message: string } }>().error.message).toMatch(
        /^Too many login attempts/,
      );
    }
    // The account's name is compared the way sign-in compares it.
    expect((await attempt('ALICE ', PASSWORD, 10)).statusCode).toBe(429);
    expect((await attempt('victor', PASSWORD, 11)).statusCode).toBe(200);
  });

  it('marks the cookie Secure when told to, or when the request came over HTTPS in auto mode', async () => {
    const always = await build({ secureCookies: true });
    const secure = await login(always, { username: 'alice', password: PASSWORD });
    expect(sessionCookie(secure)?.secure).toBe(true);

    const auto = await build({ secureCookies: 'auto' });
    const overHttp = await login(auto, { username: 'alice', password: PASSWORD });
    expect(sessionCookie(overHttp)?.secure).toBeUndefined();
    const overHttps = await login(
      auto,
      { username: 'alice', password: PASSWORD },
      { 'x-forwarded-proto': 'https' },
    );
    expect(sessionCookie(overHttps)?.secure).toBe(true);
  });

  it('ends the session the browser had when it signs in again', async () => {
    const app = await build();
    const first = await login(app, { username: 'alice', password: PASSWORD });
    const firstToken = sessionCookie(first)?.value ?? '';
    await login(app, { username: 'alice', password: PASSWORD }, { cookie: cookieHeader(first) });
    expect(sessions.validate(firstToken)).toBeUndefined();
  });

  it('never logs passwords or tokens', async () => {
    let logs = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logs += chunk.toString();
        callback();
      },
    });
    const app = await build({}, stream);
    const ok = await login(app, { username: 'alice', password: PASSWORD });
    await login(app, { username: 'alice', password: 'another secret' });
    await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: cookieHeader(ok) } });
    expect(logs).toContain('signed in');
    // A refused sign-in names the account tried, for whoever reads the log after an attack.
    const refused = logs.split('\n').find((line) => line.includes('sign-in refused'));
    expect(JSON.parse(refused ?? '{}')).toMatchObject({ username: 'alice', provider: 'local' });
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain('another secret');
    expect(logs).not.toContain(sessionCookie(ok)?.value);
  });
});

describe('vSphere sign-in', () => {
  const fake: VsphereLogin = (username, password) => {
    if (username === 'down')
      return Promise.resolve({ ok: false, reason: 'unavailable', detail: 'ECONNREFUSED 10.0.0.1' });
    if (password !== 'vsphere-pass')
      return Promise.resolve({ ok: false, reason: 'invalid-credentials', detail: 'vCenter answered 401' });
    return Promise.resolve({
      ok: true,
      identity: {
        username,
        role: 'viewer',
        provider: 'vsphere',
        pccUser: username,
        serviceName: 'pcc-1-2-3-4',
      },
    });
  };

  it('opens a vSphere session when vCenter accepts the credentials', async () => {
    const app = await build({ vsphere: fake });
    const response = await login(app, { username: 'ops', password: 'vsphere-pass', provider: 'vsphere' });
    expect(response.statusCode).toBe(200);
    const user = {
      username: 'ops',
      role: 'viewer',
      provider: 'vsphere',
      pccUser: 'ops',
      serviceName: 'pcc-1-2-3-4',
    };
    expect(response.json()).toEqual({ user });
    const me = await app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: cookieHeader(response) },
    });
    expect(me.json()).toEqual({ user });
  });

  it('answers refused vSphere credentials like local ones', async () => {
    const app = await build({ vsphere: fake });
    const response = await login(app, { username: 'ops', password: 'wrong', provider: 'vsphere' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual(WRONG);
  });

  it('says so when vCenter cannot be reached, without internal details', async () => {
    const app = await build({ vsphere: fake });
    const response = await login(app, { username: 'down', password: 'vsphere-pass', provider: 'vsphere' });
    expect(response.statusCode).toBe(503);
    const body = response.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('upstream_unavailable');
    expect(body.error.message).not.toContain('ECONNREFUSED');
  });

  it('refuses the vsphere provider when it is not configured', async () => {
    const app = await build();
    const response = await login(app, { username: 'ops', password: 'vsphere-pass', provider: 'vsphere' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('bad_request');
  });
});

describe('GET and DELETE /api/session', () => {
  it('answers 401 without a session, and drops a stale cookie', async () => {
    const app = await build();
    const none = await app.inject({ method: 'GET', url: '/api/session' });
    expect(none.statusCode).toBe(401);
    expect(none.json<{ error: { code: string } }>().error.code).toBe('unauthenticated');
    expect(none.headers['set-cookie']).toBeUndefined();
    const stale = await app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: `vscope_session=${'A'.repeat(43)}` },
    });
    expect(stale.statusCode).toBe(401);
    expect(sessionCookie(stale)?.value).toBe('');
  });

  it('signs out: the session is revoked server-side and the cookie cleared', async () => {
    const app = await build();
    const response = await login(app, { username: 'alice', password: PASSWORD });
    const cookie = cookieHeader(response);
    const token = sessionCookie(response)?.value ?? '';
    const logout = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    expect(logout.statusCode).toBe(204);
    const cleared = sessionCookie(logout);
    expect(cleared?.value).toBe('');
    expect(cleared?.path).toBe('/');
    expect(cleared?.expires?.getTime()).toBeLessThan(Date.now());
    expect(sessions.validate(token)).toBeUndefined();
    expect((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(
      401,
    );
    // Signing out twice is harmless.
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } })).statusCode,
    ).toBe(204);
  });
});

describe('requireSession and requireAdmin', () => {
  it('guard routes outside the auth plugin', async () => {
    const app = await build();
    const anonymous = await app.inject({ method: 'GET', url: '/api/admin-only' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({
      error: { code: 'unauthenticated', message: 'Your session has expired, sign in again.' },
    });

    const viewer = await login(app, { username: 'victor', password: PASSWORD });
    const forbidden = await app.inject({
      method: 'GET',
      url: '/api/admin-only',
      headers: { cookie: cookieHeader(viewer) },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json<{ error: { code: string } }>().error.code).toBe('forbidden');

    const admin = await login(app, { username: 'alice', password: PASSWORD });
    const allowed = await app.inject({
      method: 'GET',
      url: '/api/admin-only',
      headers: { cookie: `theme=dark; ${cookieHeader(admin)}` },
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json()).toEqual({ username: 'alice' });
  });

  it('requireAdmin alone refuses a request that has no session', async () => {
    const app = await routeTestApp(sessions);
    apps.push(app);
    app.get('/admin', { onRequest: requireAdmin }, () => 'secret');
    expect((await app.inject({ method: 'GET', url: '/admin' })).statusCode).toBe(401);
  });

  it('refuses a stranger before reading the body', async () => {
    const app = await routeTestApp(sessions);
    apps.push(app);
    let parsed = 0;
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      parsed += 1;
      done(null, JSON.parse(body as string));
    });
    app.post('/admin', { onRequest: [requireSession, requireAdmin] }, () => 'done');
    const response = await app.inject({ method: 'POST', url: '/admin', payload: { nested: [[[1]]] } });
    expect(response.statusCode).toBe(401);
    expect(parsed).toBe(0);
  });
});
