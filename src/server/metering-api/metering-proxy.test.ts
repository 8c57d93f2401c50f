import { request } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpTransport } from '@/server/metering/gnocchi-transport';
import { ADMIN } from '../displays/display-test-app';
import { tokenTestApp, type TokenTestApp } from '../tokens/token-test-app';

// What only the proxy does, against a stand-in Gnocchi on loopback that records what it is asked: whose
// credentials go upstream and what comes back, what is sent for a caller's scope, and how an upstream that
// fails is told. (The rights themselves are metering-api.test.ts's, for both mounts.)

const MINE = '7d2c2f4a-1e7b-5c3e-9a51-000000000001';
const UPSTREAM_AUTH = `Basic ${Buffer.from('vscope:upstream-password').toString('base64')}`;

interface Asked {
  method: string;
  url: string;
  headers: Record<string, unknown>;
  body: string;
}

let upstream: FastifyInstance;
let asked: Asked[] = [];
/** The stand-in's answer to anything not scripted below. */
let answer: { status: number; body: string } = { status: 200, body: '[]' };

let t: TokenTestApp;
let dc1Secret: string;

beforeAll(async () => {
  upstream = Fastify();
  upstream.removeAllContentTypeParsers();
  upstream.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  upstream.all('/*', (request, reply) => {
    asked.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: typeof request.body === 'string' ? request.body : '',
    });
    const path = request.url.split('?')[0]!;
    if (path === '/' || path === '/v1')
      return reply.type('application/json').send({
        version: '1.0',
        links: [{ rel: 'self', href: 'http://gnocchi.internal:8041/v1/' }],
      });
    if (path === '/v1/resource_type/vm')
      return reply.send({
        name: 'vm',
        attributes: { service: { type: 'string' }, datacenter_id: { type: 'number' } },
      });
    if (path === `/v1/resource/vm/${MINE}`)
      return reply.send({ id: MINE, type: 'vm', service: 'pcc-1', datacenter_id: 1 });
    // What a Gnocchi behind a proxy or in keystone mode may add: none of it is the caller's.
    void reply.header('set-cookie', 'upstream=secret').header('www-authenticate', 'Basic realm="gnocchi"');
    void reply.header('x-upstream', 'internal');
    return reply.code(answer.status).type('application/json').send(answer.body);
  });
  const url = await upstream.listen({ port: 0, host: '127.0.0.1' });
  t = await tokenTestApp({
    extra: {
      metering: {
        kind: 'gnocchi',
        upstream: httpTransport({
          url,
          auth: { kind: 'basic', user: 'vscope', password: 'upstream-password' },
        }),
      },
    },
  });
  dc1Secret = t.tokens.create({
    name: 'dc1',
    scope: [{ serviceName: 'pcc-1', datacenterId: 1 }],
    createdBy: 'alice',
  }).secret;
});
afterAll(async () => {
  await t?.close();
  await upstream?.close();
});
afterEach(() => {
  asked = [];
  answer = { status: 200, body: '[]' };
});

const asToken = (secret: string) => ({ 'x-auth-token': secret });

describe('credentials and headers', () => {
  it('asks with the server’s credentials, never the caller’s, and hands back none of the upstream’s headers', async () => {
    answer = { status: 200, body: '[{"id":"a"}]' };
    const response = await t.app.inject({
      method: 'GET',
      url: '/metering/v1/archive_policy',
      headers: { ...asToken(dc1Secret), cookie: 'vscope_session=x' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([{ id: 'a' }]);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.headers.authorization).toBe(UPSTREAM_AUTH);
    expect(asked[0]!.headers['x-auth-token']).toBeUndefined();
    expect(asked[0]!.headers.cookie).toBeUndefined();
    for (const name of ['set-cookie', 'www-authenticate', 'x-upstream'])
      expect(response.headers[name], name).toBeUndefined();
  });

  it('answers 401 itself, before asking upstream, for a caller without credentials', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/metering/v1/archive_policy' });
    expect(response.statusCode).toBe(401);
    expect(asked).toEqual([]);
  });

  it('names the dashboard, not the upstream, in the version documents', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/metering/v1',
      headers: { host: 'localhost' },
    });
    expect(response.json()).toEqual({
      version: '1.0',
      links: [{ rel: 'self', href: 'http://localhost/metering/v1/' }],
    });
  });
});

describe('the scope sent upstream', () => {
  const DC1 = { or: [{ and: [{ '=': { service: 'pcc-1' } }, { '=': { datacenter_id: 1 } }] }] };

  it('turns a listing into a search with the scope, paging kept', async () => {
    await t.app.inject({
      method: 'GET',
      url: '/metering/v1/resource/vm?limit=2&sort=name:asc',
      headers: asToken(dc1Secret),
    });
    const search = asked.find((a) => a.method === 'POST')!;
    expect(search.url).toBe('/v1/search/resource/vm?limit=2&sort=name%3Aasc');
    expect(JSON.parse(search.body)).toEqual(DC1);
  });

  it('ands a text filter, parsed, beside the scope, and drops it from the query', async () => {
    await t.app.inject({
      method: 'POST',
      url: `/metering/v1/search/resource/vm?filter=${encodeURIComponent('name = "x" or datacenter_id = 2')}`,
      headers: asToken(dc1Secret),
    });
    const search = asked.find((a) => a.method === 'POST')!;
    expect(search.url).toBe('/v1/search/resource/vm');
    expect(JSON.parse(search.body)).toEqual({
      and: [DC1, { or: [{ '=': { datacenter_id: 2 } }, { '=': { name: 'x' } }] }],
    });
  });

  it('ands an aggregate’s string search beside the scope, the rest of the body kept', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/metering/v1/aggregates?granularity=300',
      headers: asToken(dc1Secret),
      payload: { operations: '(metric vcpus mean)', resource_type: 'vm', search: 'name = "x"' },
    });
    const aggregates = asked.find((a) => a.url.startsWith('/v1/aggregates'))!;
    expect(aggregates.url).toBe('/v1/aggregates?granularity=300');
    expect(JSON.parse(aggregates.body)).toEqual({
      operations: '(metric vcpus mean)',
      resource_type: 'vm',
      search: { and: [DC1, { '=': { name: 'x' } }] },
    });
  });

  it('refuses an aggregate it cannot scope or check, without asking upstream', async () => {
    for (const payload of [
      {},
      [1],
      { operations: '(metric vcpus mean)', resource_type: 5, search: 'name = "x"' },
      { operations: '(metric not-a-uuid mean)' },
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/metering/v1/aggregates',
        headers: asToken(dc1Secret),
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json(), JSON.stringify(payload)).toMatchObject({ code: 400, title: 'Bad Request' });
    }
    expect(asked).toEqual([]);
  });

  it('answers an empty list without asking upstream when the caller sees no datacenter', async () => {
    // An API token scoped to a datacenter that has since left the inventory sees nothing.
    const { secret } = t.tokens.create({
      name: 'gone',
      scope: [{ serviceName: 'pcc-9', datacenterId: 9 }],
      createdBy: 'alice',
    });
    for (const [method, url] of [
      ['GET', '/metering/v1/resource/vm'],
      ['POST', '/metering/v1/search/resource/vm'],
    ] as const) {
      const response = await t.app.inject({ method, url, headers: asToken(secret) });
      expect(response.json(), url).toEqual([]);
    }
    expect(asked).toEqual([]);
  });

  it('forwards an unlimited administrator’s search as it was sent', async () => {
    const body = '{"=": {"name": 1.0}}';
    await t.app.inject({
      method: 'POST',
      url: '/metering/v1/search/resource/vm',
      headers: { cookie: t.cookieFor(ADMIN), 'content-type': 'application/json' },
      payload: body,
    });
    expect(asked.map((a) => [a.url, a.body])).toEqual([['/v1/search/resource/vm', body]]);
  });
});

/** A GET whose path is sent exactly as written: inject and fetch would resolve its dot segments first. */
function rawGet(origin: string, path: string, headers: Record<string, string>): Promise<number> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('paths', () => {
  it('never send upstream a path that resolves past the resource it checked', async () => {
    const origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    for (const path of [
      `/metering/v1/resource/vm/${MINE}/../OTHER`,
      `/metering/v1/resource/vm/${MINE}/history/%2e%2e/%2E%2E/OTHER`,
      `/metering/v1/resource/vm/${MINE}/metric/..\\..\\OTHER/measures`,
      `/metering/v1/resource/vm/${MINE}/metric/vcpus%2F..%2F..%2FOTHER/measures`,
      '/metering/v1/archive_policy/..%2Fresource%2Fvm%2FOTHER',
    ]) {
      expect(await rawGet(origin, path, asToken(dc1Secret)), path).toBe(404);
      expect(
        asked.filter((a) => a.url !== `/v1/resource/vm/${MINE}`),
        path,
      ).toEqual([]);
    }
  });
});

describe('an upstream that fails', () => {
  const readPolicies = () =>
    t.app.inject({ method: 'GET', url: '/metering/v1/archive_policy', headers: asToken(dc1Secret) });

  it('passes Gnocchi’s own errors through with their status and description', async () => {
    answer = {
      status: 400,
      body: '{"code": 400, "title": "Bad Request", "description": "Invalid pagination: `sort\' is bad"}',
    };
    const response = await readPolicies();
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 400, description: "Invalid pagination: `sort' is bad" });
  });

  it('shows no upstream page that is not Gnocchi’s envelope', async () => {
    answer = { status: 500, body: '<html>Traceback at /srv/gnocchi …</html>' };
    const response = await readPolicies();
    expect(response.statusCode).toBe(502);
    expect(response.body).not.toContain('Traceback');
  });

  it('says the server’s credentials were refused, not the caller’s', async () => {
    answer = { status: 401, body: '{"code": 401, "title": "Unauthorized", "description": ""}' };
    const response = await readPolicies();
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ code: 502, description: /refused the dashboard’s credentials/ });
  });

  it('answers 503 without the upstream’s address or credentials when it cannot be reached', async () => {
    const unreachable = await tokenTestApp({
      extra: {
        metering: {
          kind: 'gnocchi',
          upstream: httpTransport({
            url: 'http://127.0.0.1:9',
            auth: { kind: 'basic', user: 'vscope', password: 'upstream-password' },
          }),
        },
      },
    });
    try {
      const response = await unreachable.app.inject({
        method: 'GET',
        url: '/metering/v1/resource/vm',
        headers: { cookie: unreachable.cookieFor(ADMIN) },
      });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        code: 503,
        title: 'Service Unavailable',
        description: 'The metering service cannot be reached.',
      });
      expect(response.body).not.toContain('127.0.0.1:9');
    } finally {
      await unreachable.close();
    }
  });
});
