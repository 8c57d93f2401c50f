import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiTokenListSchema,
  ApiTokenResponseSchema,
  ApiTokenWithSecretSchema,
  type ApiTokenWithSecret,
} from '@/shared/api/api-tokens';
import { ADMIN, NOC_ADMIN, VIEWER } from '../displays/display-test-app';
import { tokenTestApp, type TokenTestApp } from './token-test-app';

let t: TokenTestApp;
let admin: string;
let logs: string[];
beforeEach(async () => {
  logs = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  t = await tokenTestApp({ logs: sink });
  admin = t.cookieFor(ADMIN);
});
afterEach(() => t.close());

const REPORTS = { name: 'Capacity reports', scope: [{ serviceName: 'pcc-1', datacenterId: 1 }] };
const URL = '/api/admin/api-tokens';

function call(method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function create(body: unknown = REPORTS, cookie = admin): Promise<ApiTokenWithSecret> {
  const response = await call('POST', URL, cookie, body);
  expect(response.statusCode, response.body).toBe(201);
  return ApiTokenWithSecretSchema.parse(response.json());
}

function errorOf(response: LightMyRequestResponse) {
  return response.json<{ error: { code: string; message: string } }>().error;
}

describe('POST /api/admin/api-tokens', () => {
  it('creates a token and returns its secret once, storing only its SHA-256', async () => {
    const response = await call('POST', URL, admin, REPORTS);
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const created = ApiTokenWithSecretSchema.parse(response.json());
    expect(Buffer.from(created.secret, 'base64url')).toHaveLength(32);
    expect(created.token).toEqual({
      id: expect.any(String) as string,
      name: 'Capacity reports',
      scope: REPORTS.scope,
      createdAt: t.clock.now,
      createdBy: 'alice',
      lastUsedAt: null,
      revoked: false,
      revokedAt: null,
    });
    const row = t.db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(created.token.id) as Record<
      string,
      unknown
    >;
    expect(row.token_hash).toEqual(createHash('sha256').update(created.secret).digest());
    for (const value of Object.values(row)) expect(String(value)).not.toContain(created.secret);
    expect((await create()).secret).not.toBe(created.secret);
  });

  it.each([
    [{ scope: REPORTS.scope }, /name is required/],
    [{ ...REPORTS, name: ' ' }, /name is required/],
    [{ name: 'x' }, /scope must be a list/],
    [{ ...REPORTS, scope: [] }, /scope must name at least one datacenter/],
    [{ ...REPORTS, secret: 'mine' }, /Unknown field\(s\): secret/],
    [['x'], /Expected a JSON object with name and scope/],
  ])('refuses %j with 400 and says why', async (body, message) => {
    const response = await call('POST', URL, admin, body);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toEqual({
      code: 'bad_request',
      message: expect.stringMatching(message) as string,
    });
    expect(t.tokens.list()).toEqual([]);
  });

  it('refuses datacenters that do not exist with 400, and beyond the creator’s rights with 403', async () => {
    const ghost = await call('POST', URL, admin, {
      name: 'Ghost',
      scope: [{ serviceName: 'pcc-9', datacenterId: 1 }],
    });
    expect(ghost.statusCode).toBe(400);
    expect(errorOf(ghost).message).toBe('scope names datacenters that do not exist: pcc-9/1.');
    const noc = t.cookieFor(NOC_ADMIN);
    const wide = await call('POST', URL, noc, {
      name: 'Wide',
      scope: [{ serviceName: 'pcc-1', datacenterId: 2 }],
    });
    expect(wide.statusCode).toBe(403);
    expect((await call('POST', URL, noc, REPORTS)).statusCode).toBe(201);
  });
});

describe('GET /api/admin/api-tokens', () => {
  it('lists tokens by name, never a secret or its hash; a limited administrator sees only those within reach', async () => {
    const reports = await create();
    const both = await create({
      name: 'All of Paris',
      scope: [...REPORTS.scope, { serviceName: 'pcc-1', datacenterId: 2 }],
    });
    const response = await call('GET', URL, admin);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const list = ApiTokenListSchema.parse(response.json());
    expect(list.items).toEqual([both.token, reports.token]);
    for (const secret of [reports.secret, both.secret]) expect(response.body).not.toContain(secret);
    const hashes = t.db.prepare('SELECT token_hash FROM api_tokens').pluck().all() as Buffer[];
    for (const hash of hashes) {
      expect(response.body).not.toContain(hash.toString('hex'));
      expect(response.body).not.toContain(hash.toString('base64'));
    }

    const noc = ApiTokenListSchema.parse((await call('GET', URL, t.cookieFor(NOC_ADMIN))).json());
    expect(noc.items.map((token) => token.name)).toEqual(['Capacity reports']);
  });
});

describe('DELETE /api/admin/api-tokens/:id', () => {
  it('revokes the token; it stays listed as revoked and revoking again keeps the first date', async () => {
    const { token, secret } = await create();
    expect(t.tokens.use(secret)?.id).toBe(token.id);
    t.clock.now += 5_000;
    const response = await call('DELETE', `${URL}/${token.id}`, admin);
    expect(response.statusCode).toBe(200);
    const revoked = ApiTokenResponseSchema.parse(response.json()).token;
    expect(revoked).toMatchObject({ id: token.id, revoked: true, revokedAt: t.clock.now });
    expect(t.tokens.use(secret)).toBeUndefined();

    t.clock.now += 5_000;
    const again = await call('DELETE', `${URL}/${token.id}`, admin);
    expect(ApiTokenResponseSchema.parse(again.json()).token).toEqual(revoked);
    expect(ApiTokenListSchema.parse((await call('GET', URL, admin)).json()).items).toEqual([revoked]);
  });

  it('answers 404 for no such token and 403 for one reaching beyond the administrator’s rights', async () => {
    expect((await call('DELETE', `${URL}/nope`, admin)).statusCode).toBe(404);
    const wide = await create({ name: 'Wide', scope: [{ serviceName: 'pcc-2', datacenterId: 3 }] });
    const refused = await call('DELETE', `${URL}/${wide.token.id}`, t.cookieFor(NOC_ADMIN));
    expect(refused.statusCode).toBe(403);
    expect(t.tokens.get(wide.token.id)?.revoked).toBe(false);
  });
});

describe('who may manage API tokens', () => {
  it('answers 401 without a session and 403 for a viewer, on every route', async () => {
    const { token } = await create();
    const viewer = t.cookieFor(VIEWER);
    for (const [method, url] of [
      ['GET', URL],
      ['POST', URL],
      ['DELETE', `${URL}/${token.id}`],
    ] as const) {
      expect((await call(method, url, '', REPORTS)).statusCode, `${method} ${url}`).toBe(401);
      expect((await call(method, url, viewer, REPORTS)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect(t.tokens.list()).toHaveLength(1);
  });
});

describe('secrets in logs', () => {
  it('logs who created and revoked a token, never its secret', async () => {
    const { token, secret } = await create();
    await call('DELETE', `${URL}/${token.id}`, admin);
    const text = logs.join('');
    expect(text).toContain('API token created');
    expect(text).toContain('API token revoked');
    expect(text).not.toContain(secret);
  });
});
