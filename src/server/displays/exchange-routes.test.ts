import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceListSchema } from '@/shared/api/inventory';
import { SessionResponseSchema } from '@/shared/api/session';
import { openDatabase } from '../db/database';
import { SessionStore } from '../auth/sessions';
import { routeTestApp } from '../testing/route-test-app';
import {
  ADMIN,
  HOUR,
  MINUTE,
  browserCookies,
  cookieValue,
  displayTestApp,
  type DisplayTestApp,
} from './display-test-app';
import { DisplayStore } from './display-store';
import { displaySessionRoutes } from './exchange-routes';

let t: DisplayTestApp;
beforeEach(async () => {
  t = await displayTestApp();
});
afterEach(() => t.close());

const WALL = {
  rotateSeconds: 120,
  pages: ['overview', 'alerts'] as ('overview' | 'alerts')[],
  theme: 'dark' as const,
  tz: 'local' as const,
  reloadHours: 6,
  burnIn: true,
  locked: true,
};

function createDisplay(scope = [{ serviceName: 'pcc-1', datacenterId: 1 }]) {
  return t.displays.create({ name: 'Lobby wall', scope, wall: WALL, createdBy: 'alice' });
}

function exchange(body?: unknown, cookie?: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/display-session',
    headers: { ...(cookie ? { cookie } : {}), ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

function get(url: string, cookie: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}

function setCookieHeader(response: LightMyRequestResponse, name: string): string {
  const all = [response.headers['set-cookie'] ?? []].flat();
  const header = all.find((h) => h.startsWith(`${name}=`));
  if (!header) throw new Error(`no ${name} in ${all.join(' | ')}`);
  return header;
}

function errorOf(response: LightMyRequestResponse) {
  return response.json<{ error: { code: string; message: string } }>().error;
}

describe('POST /api/display-session with a token', () => {
  it("signs the screen in as a viewer limited to the display's scope, and says how to set up the wall", async () => {
    const { display, token } = createDisplay();
    const response = await exchange({ token });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const user = {
      username: 'Lobby wall',
      role: 'viewer',
      provider: 'display',
      pccUser: null,
      serviceName: null,
      display: { id: display.id, name: 'Lobby wall', scope: display.scope, wall: WALL },
    };
    expect(SessionResponseSchema.parse(response.json())).toEqual({ user });

    const { session } = browserCookies(response);
    const me = await get('/api/session', session);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user });
  });

  it('sets the usual session cookie and a long-lived display cookie that only this route receives', async () => {
    const { token } = createDisplay();
    const response = await exchange({ token });
    const session = setCookieHeader(response, 'vscope_session');
    expect(session).toMatch(/^vscope_session=[A-Za-z0-9_-]{43}; /);
    expect(session).toContain('Path=/;');
    expect(session).toContain(`Max-Age=${30 * 24 * 3600}`);
    const display = setCookieHeader(response, 'vscope_display');
    expect(cookieValue(response, 'vscope_display')).toBe(token);
    expect(display).toContain('Path=/api/display-session');
    expect(display).toContain(`Max-Age=${400 * 24 * 3600}`);
    for (const header of [session, display]) {
      expect(header).toContain('HttpOnly');
      expect(header).toContain('SameSite=Strict');
      expect(header).not.toContain('Secure');
    }
  });

  it('marks both cookies Secure when the server is told to', async () => {
    await t.close();
    t = await displayTestApp({ secureCookies: true });
    const { token } = createDisplay();
    const response = await exchange({ token });
    expect(setCookieHeader(response, 'vscope_session')).toContain('Secure');
    expect(setCookieHeader(response, 'vscope_display')).toContain('Secure');
  });

  it('shows the scope and nothing else: other datacenters are 403, unknown ones 404', async () => {
    const { token } = createDisplay([
      { serviceName: 'pcc-1', datacenterId: 2 },
      { serviceName: 'pcc-2', datacenterId: 3 },
    ]);
    const { session } = browserCookies(await exchange({ token }));

    const services = ServiceListSchema.parse((await get('/api/services', session)).json());
    expect(services.items.map((s) => [s.serviceName, s.datacenters.map((dc) => dc.datacenterId)])).toEqual([
      ['pcc-1', [2]],
      ['pcc-2', [3]],
    ]);
    expect((await get('/api/services/pcc-1/datacenters/2/vms', session)).statusCode).toBe(200);
    expect((await get('/api/services/pcc-2/datacenters/3/filers', session)).statusCode).toBe(200);
    const outside = await get('/api/services/pcc-1/datacenters/1/hosts', session);
    expect(outside.statusCode).toBe(403);
    expect(errorOf(outside).code).toBe('forbidden');
    expect(
      (await get('/api/services/pcc-1/datacenters/1/hosts/1/series?period=day', session)).statusCode,
    ).toBe(403);
    expect((await get('/api/services/pcc-2/datacenters/9/hosts', session)).statusCode).toBe(404);
  });

  it('replaces whatever session the browser had', async () => {
    const { token } = createDisplay();
    const admin = t.cookieFor(ADMIN);
    const response = await exchange({ token }, admin);
    expect(response.statusCode).toBe(200);
    expect((await get('/api/session', admin)).statusCode).toBe(401);
  });

  it('records when the display was last seen: at the exchange, then at most once a minute while it polls', async () => {
    const { display, token } = createDisplay();
    const exchangedAt = t.clock.now;
    const { session } = browserCookies(await exchange({ token }));
    expect(t.displays.get(display.id)?.lastSeenAt).toBe(exchangedAt);

    t.clock.now += 30_000;
    await get('/api/services', session);
    expect(t.displays.get(display.id)?.lastSeenAt).toBe(exchangedAt);

    t.clock.now += 40_000;
    await get('/api/services', session);
    expect(t.displays.get(display.id)?.lastSeenAt).toBe(exchangedAt + 70_000);
  });
});

describe('POST /api/display-session again, from the display cookie', () => {
  it('brings the screen back after its session was deleted, with no body or an empty JSON one', async () => {
    const { display, token } = createDisplay();
    const first = browserCookies(await exchange({ token }));
    t.sessions.revokeDisplay(display.id);
    expect((await get('/api/services', first.session)).statusCode).toBe(401);

    t.clock.now += HOUR;
    for (const [body, headers] of [
      [undefined, {}],
      [undefined, { 'content-type': 'application/json' }],
      [{}, {}],
    ] as const) {
      const again = await exchange(body, `${first.session}; ${first.display}`, headers);
      expect(again.statusCode, JSON.stringify(headers)).toBe(200);
      const next = browserCookies(again);
      expect(next.display).toBe(first.display);
      expect((await get('/api/services', next.session)).statusCode).toBe(200);
    }
    expect(t.displays.get(display.id)?.lastSeenAt).toBe(t.clock.now);
  });

  it('brings the screen back after its session expired', async () => {
    const { token } = createDisplay();
    const first = browserCookies(await exchange({ token }));
    t.clock.now += 30 * 24 * HOUR + MINUTE;
    expect((await get('/api/services', first.session)).statusCode).toBe(401);
    const again = browserCookies(await exchange(undefined, first.display));
    expect((await get('/api/services', again.session)).statusCode).toBe(200);
  });
});

describe('POST /api/display-session refusals', () => {
  it('refuses an unknown token with 401 invalid_credentials and clears the display cookie', async () => {
    createDisplay();
    const forged = 'A'.repeat(43);
    for (const response of [
      await exchange({ token: forged }),
      await exchange(undefined, `vscope_display=${forged}`),
      await exchange({ token: 'not a token' }, `vscope_display=${forged}`),
    ]) {
      expect(response.statusCode).toBe(401);
      expect(errorOf(response).code).toBe('invalid_credentials');
      expect(cookieValue(response, 'vscope_session')).toBeUndefined();
    }
    const withCookie = await exchange(undefined, `vscope_display=${forged}`);
    const cleared = setCookieHeader(withCookie, 'vscope_display');
    expect(cleared).toContain('Path=/api/display-session');
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
  });

  it('refuses a screen with no token at all with 401 invalid_credentials', async () => {
    const response = await exchange();
    expect(response.statusCode).toBe(401);
    expect(errorOf(response)).toEqual({
      code: 'invalid_credentials',
      message: "This screen has no display token: open the display's link again.",
    });
  });

  it('refuses a revoked display with 401 display_revoked', async () => {
    const { display, token } = createDisplay();
    t.displays.revoke(display.id);
    const response = await exchange({ token });
    expect(response.statusCode).toBe(401);
    expect(errorOf(response)).toEqual({
      code: 'display_revoked',
      message: 'Display "Lobby wall" was revoked by an administrator.',
    });
  });

  it.each([[{ token: 42 }], [['token']], ['"token"']])('refuses the body %j with 400', async (body) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/display-session',
      headers: { 'content-type': 'application/json' },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('bad_request');
  });
});

describe('DELETE /api/display-session', () => {
  it('unpairs the browser: the session ends and both cookies are cleared', async () => {
    const { token } = createDisplay();
    const screen = browserCookies(await exchange({ token }));
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/api/display-session',
      headers: { cookie: `${screen.session}; ${screen.display}` },
    });
    expect(response.statusCode).toBe(204);
    expect(setCookieHeader(response, 'vscope_session')).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(setCookieHeader(response, 'vscope_display')).toContain('Path=/api/display-session');
    expect((await get('/api/services', screen.session)).statusCode).toBe(401);
  });
});

describe('display sign-in rate limit', () => {
  it('answers 429 rate_limited past the limit, whatever the token', async () => {
    const db = openDatabase(':memory:');
    const displays = new DisplayStore(db);
    const sessions = new SessionStore(db, { idleMs: HOUR, absoluteMs: 8 * HOUR });
    const app = await routeTestApp(sessions);
    await app.register(displaySessionRoutes, {
      prefix: '/api',
      displays,
      sessions,
      secureCookies: false,
      rateLimit: { max: 2, timeWindowMs: HOUR },
    });
    try {
      const { token } = displays.create({
        name: 'Lobby',
        scope: [{ serviceName: 'pcc-1', datacenterId: 1 }],
        wall: WALL,
        createdBy: 'alice',
      });
      const post = (payload: object) => app.inject({ method: 'POST', url: '/api/display-session', payload });
      expect((await post({ token: 'A'.repeat(43) })).statusCode).toBe(401);
      expect((await post({ token })).statusCode).toBe(200);
      const limited = await post({ token });
      expect(limited.statusCode).toBe(429);
      expect(errorOf(limited).code).toBe('rate_limited');
      expect(errorOf(limited).message).toMatch(/^Too many display sign-ins, try again in \d+ s\.$/);
      expect(limited.headers['retry-after']).toBeDefined();
    } finally {
      await app.close();
      db.close();
    }
  });
});
