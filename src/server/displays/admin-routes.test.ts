import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DisplayListSchema,
  DisplayResponseSchema,
  DisplayWithTokenSchema,
  type DisplayWithToken,
} from '@/shared/api/displays';
import {
  ADMIN,
  NOC_ADMIN,
  VIEWER,
  browserCookies,
  displayTestApp,
  type DisplayTestApp,
} from './display-test-app';

let t: DisplayTestApp;
let admin: string;
beforeEach(async () => {
  t = await displayTestApp();
  admin = t.cookieFor(ADMIN);
});
afterEach(() => t.close());

const LOBBY = { name: 'Lobby wall', scope: [{ serviceName: 'pcc-1', datacenterId: 1 }] };

function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function create(body: unknown = LOBBY): Promise<DisplayWithToken> {
  const response = await call('POST', '/api/displays', admin, body);
  expect(response.statusCode, response.body).toBe(201);
  return DisplayWithTokenSchema.parse(response.json());
}

function exchange(token: string) {
  return t.app.inject({ method: 'POST', url: '/api/display-session', payload: { token } });
}

function errorOf(response: LightMyRequestResponse) {
  return response.json<{ error: { code: string; message: string } }>().error;
}

describe('POST /api/displays', () => {
  it('creates a display with the default wall and returns its token once, with the wall link', async () => {
    const response = await call('POST', '/api/displays', admin, LOBBY);
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const created = DisplayWithTokenSchema.parse(response.json());
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(created.token, 'base64url')).toHaveLength(32);
    expect(created.link).toBe(`/wall#token=${created.token}`);
    expect(created.display).toEqual({
      id: expect.any(String) as string,
      name: 'Lobby wall',
      scope: LOBBY.scope,
      wall: {
        rotateSeconds: 60,
        pages: ['overview'],
        theme: 'dark',
        tz: 'UTC',
        reloadHours: 6,
        burnIn: false,
        locked: false,
      },
      createdAt: t.clock.now,
      createdBy: 'alice',
      lastSeenAt: null,
      revoked: false,
      revokedAt: null,
    });
    expect((await create()).token).not.toBe(created.token);
  });

  it('keeps the wall settings it is given and drops a datacenter listed twice', async () => {
    const wall = {
      rotateSeconds: 0,
      pages: ['overview', 'alerts'],
      theme: 'system',
      tz: 'local',
      reloadHours: 0,
      burnIn: true,
      locked: true,
    };
    const { display } = await create({
      name: '  NOC  ',
      scope: [
        { serviceName: 'pcc-1', datacenterId: 2 },
        { serviceName: 'pcc-2', datacenterId: 3 },
        { serviceName: 'pcc-1', datacenterId: 2 },
      ],
      wall,
    });
    expect(display.name).toBe('NOC');
    expect(display.scope).toEqual([
      { serviceName: 'pcc-1', datacenterId: 2 },
      { serviceName: 'pcc-2', datacenterId: 3 },
    ]);
    expect(display.wall).toEqual(wall);
  });

  it('stores only the SHA-256 of the token', async () => {
    const { display, token } = await create();
    const row = t.db.prepare('SELECT * FROM displays WHERE id = ?').get(display.id) as Record<
      string,
      unknown
    >;
    expect(row.token_hash).toEqual(createHash('sha256').update(token).digest());
    for (const value of Object.values(row)) expect(String(value)).not.toContain(token);
  });

  it.each([
    [{ scope: LOBBY.scope }, /name is required/],
    [{ ...LOBBY, name: '   ' }, /name is required/],
    [{ ...LOBBY, name: 'x'.repeat(101) }, /name must be at most 100 characters/],
    [{ name: 'x' }, /scope must be a list/],
    [{ ...LOBBY, scope: [] }, /scope must name at least one datacenter/],
    [
      { ...LOBBY, scope: [{ serviceName: 'pcc-1', datacenterId: '1' }] },
      /datacenterId must be a number\.\n {2}→ at scope\[0\]\.datacenterId/,
    ],
    [{ ...LOBBY, scope: [{ serviceName: '../etc', datacenterId: 1 }] }, /serviceName is not a service name/],
    [
      { ...LOBBY, wall: { rotateSeconds: 5 } },
      /rotateSeconds must be 0 \(no rotation\) or at least 10\.\n {2}→ at wall\.rotateSeconds/,
    ],
    [{ ...LOBBY, wall: { pages: [] } }, /pages must name at least one page/],
    [{ ...LOBBY, wall: { pages: ['overview', 'overview'] } }, /pages must not repeat a page/],
    [{ ...LOBBY, wall: { pages: ['graphs'] } }, /pages must be among/],
    [{ ...LOBBY, wall: { theme: 'blue' } }, /theme must be 'dark', 'light' or 'system'/],
    [{ ...LOBBY, wall: { tz: 'Europe/Paris' } }, /tz must be 'UTC' or 'local'/],
    [{ ...LOBBY, wall: { reloadHours: -1 } }, /reloadHours must be 0 \(never\) or more/],
    [{ ...LOBBY, wall: { burnIn: 'yes' } }, /burnIn must be true or false/],
    [{ ...LOBBY, wall: { lockd: true } }, /Unknown field\(s\): lockd\.\n {2}→ at wall$/],
    [{ ...LOBBY, token: 'mine' }, /Unknown field\(s\): token/],
    [['Lobby'], /Expected a JSON object with name, scope/],
  ])('refuses %j with 400 and says why', async (body, message) => {
    const response = await call('POST', '/api/displays', admin, body);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toEqual({
      code: 'bad_request',
      message: expect.stringMatching(message) as string,
    });
    expect(t.displays.list()).toEqual([]);
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/displays',
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('bad_request');
  });

  it('refuses datacenters that do not exist with 400, naming each of them', async () => {
    const response = await call('POST', '/api/displays', admin, {
      name: 'Ghost',
      scope: [
        { serviceName: 'pcc-1', datacenterId: 1 },
        { serviceName: 'pcc-1', datacenterId: 3 },
        { serviceName: 'pcc-9', datacenterId: 1 },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toEqual({
      code: 'bad_request',
      message: 'scope names datacenters that do not exist: pcc-1/3, pcc-9/1.',
    });
  });

  it('refuses with 403 a datacenter the administrator may not see: a display cannot widen its creator’s view', async () => {
    const noc = t.cookieFor(NOC_ADMIN);
    const outside = await call('POST', '/api/displays', noc, {
      name: 'Too wide',
      scope: [{ serviceName: 'pcc-1', datacenterId: 2 }],
    });
    expect(outside.statusCode).toBe(403);
    expect(errorOf(outside).code).toBe('forbidden');
    expect((await call('POST', '/api/displays', noc, LOBBY)).statusCode).toBe(201);
  });
});

describe('GET /api/displays', () => {
  it('lists displays by name with their scope, wall and last-seen time, and never a token or its hash', async () => {
    const lobby = await create();
    const noc = await create({ name: 'Alpha NOC', scope: [{ serviceName: 'pcc-2', datacenterId: 3 }] });
    t.clock.now += 90_000;
    expect((await exchange(lobby.token)).statusCode).toBe(200);

    const response = await call('GET', '/api/displays', admin);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const list = DisplayListSchema.parse(response.json());
    expect(list.items.map((d) => d.name)).toEqual(['Alpha NOC', 'Lobby wall']);
    expect(list.items[1]).toEqual({ ...lobby.display, lastSeenAt: t.clock.now });
    expect(list.items[0]).toEqual(noc.display);
    for (const secret of [lobby.token, noc.token]) expect(response.body).not.toContain(secret);
    const hashes = t.db.prepare('SELECT token_hash FROM displays').pluck().all() as Buffer[];
    for (const hash of hashes) {
      expect(response.body).not.toContain(hash.toString('hex'));
      expect(response.body).not.toContain(hash.toString('base64'));
    }
    expect(response.body).not.toMatch(/token/i);
  });
});

describe('PATCH /api/displays/:id', () => {
  it('renames and merges wall settings, leaving the rest as it was', async () => {
    const { display } = await create();
    const response = await call('PATCH', `/api/displays/${display.id}`, admin, {
      name: 'Lobby (east)',
      wall: { theme: 'light', locked: true },
    });
    expect(response.statusCode).toBe(200);
    expect(DisplayResponseSchema.parse(response.json()).display).toEqual({
      ...display,
      name: 'Lobby (east)',
      wall: { ...display.wall, theme: 'light', locked: true },
    });
    expect(t.displays.get(display.id)?.name).toBe('Lobby (east)');
  });

  it("applies a new name, wall and scope to the screen's live session on its next request", async () => {
    const { display, token } = await create();
    const { session } = browserCookies(await exchange(token));
    expect((await call('GET', '/api/services/pcc-1/datacenters/1/hosts', session)).statusCode).toBe(200);

    const changed = await call('PATCH', `/api/displays/${display.id}`, admin, {
      name: 'Roubaix wall',
      scope: [{ serviceName: 'pcc-2', datacenterId: 3 }],
      wall: { rotateSeconds: 30 },
    });
    expect(changed.statusCode).toBe(200);

    expect((await call('GET', '/api/services/pcc-1/datacenters/1/hosts', session)).statusCode).toBe(403);
    expect((await call('GET', '/api/services/pcc-2/datacenters/3/hosts', session)).statusCode).toBe(200);
    const me = await call('GET', '/api/session', session);
    expect(me.json()).toMatchObject({
      user: {
        username: 'Roubaix wall',
        display: {
          id: display.id,
          name: 'Roubaix wall',
          scope: [{ serviceName: 'pcc-2', datacenterId: 3 }],
          wall: { rotateSeconds: 30 },
        },
      },
    });
  });

  it.each([
    [{}, /Nothing to change/],
    [{ name: '' }, /name is required/],
    [{ scope: [] }, /scope must name at least one datacenter/],
    [{ wall: { rotateSeconds: 9 } }, /rotateSeconds must be 0 \(no rotation\) or at least 10/],
    [{ wall: 'dark' }, /wall must be an object/],
    [{ nmae: 'typo' }, /Unknown field\(s\): nmae/],
  ])('refuses %j with 400', async (body, message) => {
    const { display } = await create();
    const response = await call('PATCH', `/api/displays/${display.id}`, admin, body);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toMatch(message);
    expect(t.displays.get(display.id)).toEqual(display);
  });

  it('answers for the display before the body: 404 for none, 403 out of rights, whatever is sent', async () => {
    expect((await call('PATCH', '/api/displays/nope', admin, { nmae: 'typo' })).statusCode).toBe(404);
    const wider = await create({
      name: 'Both',
      scope: [...LOBBY.scope, { serviceName: 'pcc-2', datacenterId: 3 }],
    });
    const refused = await call('PATCH', `/api/displays/${wider.display.id}`, t.cookieFor(NOC_ADMIN), {});
    expect(refused.statusCode).toBe(403);
  });

  it('refuses a scope naming a datacenter that does not exist with 400', async () => {
    const { display } = await create();
    const response = await call('PATCH', `/api/displays/${display.id}`, admin, {
      scope: [{ serviceName: 'pcc-2', datacenterId: 4 }],
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toBe('scope names datacenters that do not exist: pcc-2/4.');
  });
});

describe('POST /api/displays/:id/rotate-token', () => {
  it('issues a new token once; the old token and every session made from it stop working', async () => {
    const { display, token: old } = await create();
    const { session } = browserCookies(await exchange(old));

    const response = await call('POST', `/api/displays/${display.id}/rotate-token`, admin);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const rotated = DisplayWithTokenSchema.parse(response.json());
    expect(rotated.token).not.toBe(old);
    expect(rotated.link).toBe(`/wall#token=${rotated.token}`);
    expect(rotated.display.id).toBe(display.id);

    expect((await call('GET', '/api/services', session)).statusCode).toBe(401);
    const withOld = await exchange(old);
    expect(withOld.statusCode).toBe(401);
    expect(errorOf(withOld).code).toBe('invalid_credentials');
    expect((await exchange(rotated.token)).statusCode).toBe(200);
    expect(JSON.stringify(t.displays.list())).not.toContain(rotated.token);
  });
});

describe('DELETE /api/displays/:id', () => {
  it('revokes the display and ends its sessions at once; the screen cannot sign in again', async () => {
    const { display, token } = await create();
    const other = await create({ name: 'Other', scope: LOBBY.scope });
    const screen = browserCookies(await exchange(token));
    const otherScreen = browserCookies(await exchange(other.token));
    t.clock.now += 5_000;

    const response = await call('DELETE', `/api/displays/${display.id}`, admin);
    expect(response.statusCode).toBe(200);
    const revoked = DisplayResponseSchema.parse(response.json()).display;
    expect(revoked).toMatchObject({ id: display.id, revoked: true, revokedAt: t.clock.now });

    const next = await call('GET', '/api/services/pcc-1/datacenters/1/hosts', screen.session);
    expect(next.statusCode).toBe(401);
    expect(errorOf(next).code).toBe('unauthenticated');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/display-session',
      headers: { cookie: screen.display },
    });
    expect(again.statusCode).toBe(401);
    expect(errorOf(again).code).toBe('display_revoked');
    expect((await exchange(token)).statusCode).toBe(401);
    // Other displays carry on.
    expect((await call('GET', '/api/services', otherScreen.session)).statusCode).toBe(200);

    // Still listed, as revoked; revoking again changes nothing; it can no longer be changed.
    t.clock.now += 5_000;
    const twice = await call('DELETE', `/api/displays/${display.id}`, admin);
    expect(DisplayResponseSchema.parse(twice.json()).display).toEqual(revoked);
    expect(DisplayListSchema.parse((await call('GET', '/api/displays', admin)).json()).items).toContainEqual(
      revoked,
    );
    for (const [method, url, body] of [
      ['PATCH', `/api/displays/${display.id}`, { name: 'Back' }],
      ['POST', `/api/displays/${display.id}/rotate-token`, undefined],
    ] as const) {
      const refused = await call(method, url, admin, body);
      expect(refused.statusCode).toBe(409);
      expect(errorOf(refused).code).toBe('conflict');
    }
  });
});

describe('who may manage displays', () => {
  const routes = (id: string) =>
    [
      ['GET', '/api/displays', undefined],
      ['POST', '/api/displays', LOBBY],
      ['PATCH', `/api/displays/${id}`, { name: 'x' }],
      ['POST', `/api/displays/${id}/rotate-token`, undefined],
      ['DELETE', `/api/displays/${id}`, undefined],
    ] as const;

  it('refuses viewers and display sessions with 403, and anonymous callers with 401', async () => {
    const { display, token } = await create();
    const viewer = t.cookieFor(VIEWER);
    const { session: screen } = browserCookies(await exchange(token));
    for (const [method, url, body] of routes(display.id)) {
      for (const cookie of [viewer, screen]) {
        const response = await call(method, url, cookie, body);
        expect(response.statusCode, `${method} ${url}`).toBe(403);
        expect(errorOf(response).code).toBe('forbidden');
      }
      const anonymous = await call(method, url, '', body);
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
    }
    expect(t.displays.get(display.id)).toEqual({ ...display, lastSeenAt: t.clock.now });
  });

  it('refuses a caller without a session before reading the body, whatever it holds', async () => {
    for (const [method, url] of routes('some-id').slice(1)) {
      const broken = await t.app.inject({
        method,
        url,
        headers: { 'content-type': 'application/json' },
        payload: '{"name": ',
      });
      expect(broken.statusCode, `${method} ${url}`).toBe(401);
      const huge = await t.app.inject({
        method,
        url,
        headers: { 'content-type': 'application/json' },
        payload: `{"name": ${'['.repeat(500_000)}${']'.repeat(500_000)}}`,
      });
      expect(huge.statusCode, `${method} ${url}`).toBe(401);
      // A body that could never be taken is not received; one within the limit keeps the connection.
      expect(huge.headers.connection).toBe('close');
      expect(broken.headers.connection).not.toBe('close');
    }
  });

  it('takes a body no larger than the largest valid one', async () => {
    const largest = {
      name: '\u2028'.repeat(100),
      scope: Array.from({ length: 100 }, () => ({ serviceName: 'p'.repeat(100), datacenterId: 2 ** 53 - 1 })),
      wall: { pages: ['overview', 'hosts', 'vms', 'filers', 'alerts'], rotateSeconds: 86_400 },
    };
    // Within the limit even pretty-printed: refused for its content (no such datacenters), not its size.
    const valid = await t.app.inject({
      method: 'POST',
      url: '/api/displays',
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: JSON.stringify(largest, null, 2).replace(/\u2028/g, '\\u2028'),
    });
    expect(errorOf(valid).code).toBe('bad_request');
    const tooLarge = await call('POST', '/api/displays', admin, { ...largest, padding: 'x'.repeat(70_000) });
    expect(tooLarge.statusCode).toBe(413);
    expect(errorOf(tooLarge).code).toBe('payload_too_large');
  });

  it('answers 404 for an unknown display', async () => {
    for (const [method, url, body] of routes('no-such-display').slice(2)) {
      const response = await call(method, url, admin, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(errorOf(response)).toEqual({ code: 'not_found', message: 'No display no-such-display.' });
    }
  });
});

describe('an administrator limited to some datacenters', () => {
  // NOC_ADMIN's PCC rights cover pcc-1 datacenter 1 only.
  let noc: string;
  beforeEach(() => {
    noc = t.cookieFor(NOC_ADMIN);
  });

  it('lists only the displays whose whole scope is within their rights', async () => {
    const inside = await create();
    await create({ name: 'Both', scope: [...LOBBY.scope, { serviceName: 'pcc-2', datacenterId: 3 }] });
    await create({ name: 'Other', scope: [{ serviceName: 'pcc-1', datacenterId: 2 }] });
    const listed = DisplayListSchema.parse((await call('GET', '/api/displays', noc)).json()).items;
    expect(listed.map((d) => d.name)).toEqual([inside.display.name]);
    expect(DisplayListSchema.parse((await call('GET', '/api/displays', admin)).json()).items).toHaveLength(3);
  });

  it('cannot change, rotate or revoke a display reaching beyond their rights, which keeps working', async () => {
    const wider = await create({
      name: 'Both',
      scope: [...LOBBY.scope, { serviceName: 'pcc-2', datacenterId: 3 }],
    });
    const { session: screen } = browserCookies(await exchange(wider.token));
    for (const [method, url, body] of [
      ['PATCH', `/api/displays/${wider.display.id}`, { scope: LOBBY.scope }],
      ['POST', `/api/displays/${wider.display.id}/rotate-token`, undefined],
      ['DELETE', `/api/displays/${wider.display.id}`, undefined],
    ] as const) {
      const refused = await call(method, url, noc, body);
      expect(refused.statusCode, `${method} ${url}`).toBe(403);
      expect(errorOf(refused)).toEqual({
        code: 'forbidden',
        message: 'This display shows datacenters you have no rights on.',
      });
    }
    expect(t.displays.get(wider.display.id)).toMatchObject({ scope: wider.display.scope, revoked: false });
    expect((await exchange(wider.token)).statusCode).toBe(200);
    const services = await t.app.inject({ method: 'GET', url: '/api/services', headers: { cookie: screen } });
    expect(services.statusCode).toBe(200);
  });

  it('manages the displays within their rights', async () => {
    const { display } = await create();
    expect((await call('PATCH', `/api/displays/${display.id}`, noc, { name: 'Renamed' })).statusCode).toBe(
      200,
    );
    expect((await call('POST', `/api/displays/${display.id}/rotate-token`, noc)).statusCode).toBe(200);
    expect((await call('DELETE', `/api/displays/${display.id}`, noc)).statusCode).toBe(200);
  });
});

describe('the audit trail', () => {
  it('names the acting administrator on every change, and on a refused one', async () => {
    const lines: Record<string, unknown>[] = [];
    const logged = await displayTestApp({
      logs: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    try {
      const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) =>
        logged.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
      const alice = logged.cookieFor(ADMIN);
      const created = DisplayWithTokenSchema.parse(
        (await send('POST', '/api/displays', alice, LOBBY)).json(),
      );
      const id = created.display.id;
      await send('PATCH', `/api/displays/${id}`, alice, { name: 'Hall' });
      await send('POST', `/api/displays/${id}/rotate-token`, alice);
      const other = DisplayWithTokenSchema.parse(
        (
          await send('POST', '/api/displays', alice, {
            name: 'Roubaix',
            scope: [{ serviceName: 'pcc-2', datacenterId: 3 }],
          })
        ).json(),
      );
      await send('POST', `/api/displays/${other.display.id}/rotate-token`, logged.cookieFor(NOC_ADMIN));
      await send('DELETE', `/api/displays/${id}`, alice);
      const actions = lines
        .filter((line) => typeof line.msg === 'string' && String(line.msg).startsWith('display '))
        .map((line) => [line.msg, line.actor]);
      expect(actions).toEqual([
        ['display created', 'alice'],
        ['display changed', 'alice'],
        ['display token rotated', 'alice'],
        ['display created', 'alice'],
        ['display change refused: out of rights', 'pam'],
        ['display revoked', 'alice'],
      ]);
    } finally {
      await logged.close();
    }
  });
});
