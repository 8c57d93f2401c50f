import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, NOC_ADMIN, VIEWER } from '../displays/display-test-app';
import { tokenTestApp } from '../tokens/token-test-app';
import {
  meteringTestApp,
  VM_DC1,
  VM_DC2,
  meteringTestMounts,
  type MeteringTestApp,
} from './metering-test-fixture';

// The mounted metering API's rights: a caller limited to pcc-1's datacenter 1 (a scoped token, or an
// administrator whose PCC rights stop there) never gets datacenter 2's VM, whichever route it asks through,
// whether /metering is the embedded engine or the proxy to a remote Gnocchi (here the engine on loopback).

const MOUNTS = meteringTestMounts('metering-api.test');

describe.each(MOUNTS)('/metering over %s', (_name, mount) => {
  let t: MeteringTestApp;
  let logs: string[];
  let scopedSecret: string;
  beforeAll(async () => {
    logs = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    t = await meteringTestApp({ logs: sink, mount });
    scopedSecret = t.tokens.create({
      name: 'dc1 reports',
      scope: [{ serviceName: 'pcc-1', datacenterId: 1 }],
      createdBy: 'alice',
    }).secret;
  });
  afterAll(() => t.close());

  type Headers = Record<string, string>;
  const basic = (user: string, password: string) => ({
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
  });

  function call(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: Headers,
    payload?: unknown,
  ) {
    return t.app.inject({
      method,
      url: `/metering${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }

  /** The ways a caller limited to datacenter 1 reaches the API. */
  function limitedCallers(): [string, Headers][] {
    return [
      ['a token as X-Auth-Token', { 'x-auth-token': scopedSecret }],
      ['a token as the Basic password', basic('anything', scopedSecret)],
      ['a token as the Basic user (gnocchi-basic)', basic(scopedSecret, '')],
      [
        'the session of an administrator with rights on datacenter 1 only',
        { cookie: t.cookieFor(NOC_ADMIN) },
      ],
    ];
  }

  const idsOf = (body: unknown) => (body as { id: string }[]).map((r) => r.id).sort();
  const AGGREGATE = '(aggregate sum (metric vcpus mean))';

  describe('a caller limited to one datacenter, through every route', () => {
    it('lists, gets and searches only its datacenter’s resources', async () => {
      for (const [who, headers] of limitedCallers()) {
        const list = await call('GET', '/v1/resource/vm', headers);
        expect(list.statusCode, who).toBe(200);
        expect(idsOf(list.json()), who).toEqual([VM_DC1]);
        expect(idsOf((await call('GET', '/v1/resource/generic', headers)).json()), who).toEqual([VM_DC1]);

        expect((await call('GET', `/v1/resource/vm/${VM_DC1}`, headers)).statusCode, who).toBe(200);
        expect((await call('GET', `/v1/resource/vm/${VM_DC2}`, headers)).statusCode, who).toBe(404);
        expect((await call('GET', `/v1/resource/generic/${VM_DC2}`, headers)).statusCode, who).toBe(404);

        const history = await call('GET', `/v1/resource/vm/${VM_DC1}/history`, headers);
        expect(history.json<unknown[]>(), who).toHaveLength(2);
        expect((await call('GET', `/v1/resource/vm/${VM_DC2}/history`, headers)).statusCode, who).toBe(404);

        for (const filter of [{}, { '=': { service: 'pcc-1' } }, { '=': { datacenter_id: 2 } }]) {
          const found = await call('POST', '/v1/search/resource/vm', headers, filter);
          expect(found.statusCode, who).toBe(200);
          expect(idsOf(found.json()), `${who} ${JSON.stringify(filter)}`).toEqual(
            'datacenter_id' in (filter['='] ?? {}) ? [] : [VM_DC1],
          );
        }
        const byQueryString = await call(
          'POST',
          `/v1/search/resource/vm?filter=${encodeURIComponent('name != "x"')}`,
          headers,
        );
        expect(idsOf(byQueryString.json()), who).toEqual([VM_DC1]);
      }
    });

    it('reads only its datacenter’s metrics and measures', async () => {
      const mine = t.metricOf[VM_DC1]!;
      const other = t.metricOf[VM_DC2]!;
      for (const [who, headers] of limitedCallers()) {
        const metrics = await call('GET', '/v1/metric', headers);
        if (mount === 'engine') expect(idsOf(metrics.json()), who).toEqual([mine]);
        // Gnocchi cannot list metrics by their resource's attributes: the proxy keeps the listing to callers
        // who see everything (metering-proxy.ts).
        else expect(metrics.json(), who).toMatchObject({ code: 403, description: /search the resources/ });
        expect((await call('GET', `/v1/metric/${mine}`, headers)).statusCode, who).toBe(200);
        expect((await call('GET', `/v1/metric/${other}`, headers)).statusCode, who).toBe(404);

        const measures = await call(
          'GET',
          `/v1/metric/${mine}/measures?refresh=true&granularity=300`,
          headers,
        );
        expect(measures.json(), who).toEqual([['2026-12-06T11:00:00+00:00', 300, 2]]);
        expect((await call('GET', `/v1/metric/${other}/measures`, headers)).statusCode, who).toBe(404);
        expect(
          (await call('GET', `/v1/resource/vm/${VM_DC2}/metric/vcpus/measures`, headers)).statusCode,
          who,
        ).toBe(404);
      }
    });

    it('aggregates only its datacenter’s resources, by search and by metric id', async () => {
      const mine = t.metricOf[VM_DC1]!;
      const other = t.metricOf[VM_DC2]!;
      for (const [who, headers] of limitedCallers()) {
        const byResource = await call('POST', '/v1/aggregates?granularity=300', headers, {
          operations: AGGREGATE,
          resource_type: 'vm',
          search: 'service = "pcc-1"',
        });
        expect(byResource.statusCode, `${who}: ${byResource.body}`).toBe(200);
        expect(byResource.json(), who).toMatchObject({
          measures: { aggregated: [['2026-12-06T11:00:00+00:00', 300, 2]] },
        });

        const grouped = await call('POST', '/v1/aggregates?granularity=300&groupby=datacenter_id', headers, {
          operations: AGGREGATE,
          resource_type: 'vm',
          search: 'service = "pcc-1"',
        });
        expect(
          grouped.json<{ group: unknown }[]>().map((g) => g.group),
          who,
        ).toEqual([{ datacenter_id: 1 }]);

        const byId = await call('POST', '/v1/aggregates?granularity=300', headers, {
          operations: `(metric ${mine} mean)`,
        });
        expect(byId.statusCode, who).toBe(200);
        for (const operations of [`(metric ${other} mean)`, `(metric (${mine} mean) (${other} mean))`]) {
          const refused = await call('POST', '/v1/aggregates?granularity=300', headers, { operations });
          expect(refused.statusCode, `${who} ${operations}`).toBe(404);
          expect(refused.body, who).not.toContain('"value"');
        }
      }
    });

    it('sees both datacenters with an unlimited administrator’s session', async () => {
      const all = await call('GET', '/v1/resource/vm', { cookie: t.cookieFor(ADMIN) });
      expect(idsOf(all.json())).toEqual([VM_DC1, VM_DC2].sort());
    });
  });

  describe('writes', () => {
    it('are refused with 403 to every caller, the unlimited administrator included', async () => {
      const callers: [string, Headers][] = [
        ...limitedCallers(),
        ['an unlimited administrator', { cookie: t.cookieFor(ADMIN) }],
      ];
      for (const [who, headers] of callers) {
        for (const [method, url, body] of [
          ['POST', '/v1/resource/vm', { id: 'new', service: 'pcc-1', datacenter_id: 1 }],
          ['PATCH', `/v1/resource/vm/${VM_DC1}`, { name: 'renamed' }],
          ['DELETE', `/v1/resource/vm/${VM_DC1}`, undefined],
          [
            'POST',
            `/v1/resource/vm/${VM_DC1}/metric/vcpus/measures`,
            [{ timestamp: '2026-12-06T11:05:00', value: 64 }],
          ],
          [
            'POST',
            '/v1/batch/resources/metrics/measures',
            { [VM_DC1]: { vcpus: [{ timestamp: '2026-12-06T11:05:00', value: 64 }] } },
          ],
          ['POST', '/v1/archive_policy', { name: 'mine', definition: [{ granularity: 60, points: 10 }] }],
          ['DELETE', `/v1/metric/${t.metricOf[VM_DC1]!}`, undefined],
        ] as const) {
          const response = await call(method, url, headers, body);
          expect(response.statusCode, `${who}: ${method} ${url}`).toBe(403);
          expect(response.json(), who).toMatchObject({ code: 403, title: 'Forbidden' });
        }
      }
      const vm = await call('GET', `/v1/resource/vm/${VM_DC1}`, { cookie: t.cookieFor(ADMIN) });
      expect(vm.json()).toMatchObject({ name: 'vm-dc1' });
    });
  });

  describe('the dashboard’s own checks', () => {
    it('refuse a cross-site POST and a foreign Host in Gnocchi’s envelope, not as a server error', async () => {
      const crossSite = await call(
        'POST',
        '/v1/search/resource/vm',
        {
          'x-auth-token': scopedSecret,
          origin: 'https://evil.example',
        },
        {},
      );
      expect(crossSite.statusCode).toBe(403);
      expect(crossSite.json()).toMatchObject({ code: 403, title: 'Forbidden' });
      const foreign = await call('GET', '/v1/resource/vm', {
        'x-auth-token': scopedSecret,
        host: 'evil.example',
      });
      expect(foreign.statusCode).toBe(421);
      expect(foreign.json()).toMatchObject({ code: 421 });
    });

    it('answers gnocchiclient’s trailing slashes and caches nothing shared', async () => {
      const types = await call('GET', '/v1/resource/vm/', { 'x-auth-token': scopedSecret });
      expect(types.statusCode).toBe(200);
      expect(types.headers['cache-control']).toBe('private, no-cache');
    });
  });

  describe('credentials', () => {
    it('answers 401 in Gnocchi’s envelope without any, with a wrong or revoked token, and for gnocchi-basic’s admin', async () => {
      const { token, secret } = t.tokens.create({
        name: 'short-lived',
        scope: [{ serviceName: 'pcc-1', datacenterId: 1 }],
        createdBy: 'alice',
      });
      expect((await call('GET', '/v1/resource/vm', { 'x-auth-token': secret })).statusCode).toBe(200);
      t.tokens.revoke(token.id);
      for (const headers of [
        {} as Headers,
        { 'x-auth-token': secret },
        basic('x', secret),
        { 'x-auth-token': 'A'.repeat(43) },
        basic('admin', ''),
        { authorization: `Bearer ${scopedSecret}` },
        // A wrong token is refused even beside a valid session: it is not silently ignored.
        { 'x-auth-token': secret, cookie: t.cookieFor(ADMIN) },
      ]) {
        const response = await call('GET', '/v1/resource/vm', headers);
        expect(response.statusCode, JSON.stringify(headers)).toBe(401);
        expect(response.json()).toEqual({ code: 401, title: 'Unauthorized', description: '' });
      }
    });

    it('takes a viewer’s session with the viewer’s rights, and records a token’s last use', async () => {
      const viewer = await call('GET', '/v1/resource/vm', { cookie: t.cookieFor(VIEWER) });
      expect(idsOf(viewer.json())).toEqual([VM_DC1, VM_DC2].sort());
      const { token, secret } = t.tokens.create({
        name: 'usage',
        scope: [{ serviceName: 'pcc-2', datacenterId: 3 }],
        createdBy: 'alice',
      });
      expect(t.tokens.get(token.id)?.lastUsedAt).toBeNull();
      const none = await call('GET', '/v1/resource/vm', { 'x-auth-token': secret });
      expect(none.json()).toEqual([]);
      expect(t.tokens.get(token.id)?.lastUsedAt).toBe(t.clock.now);
    });

    it('never writes a token into the logs', () => {
      const text = logs.join('');
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toContain(scopedSecret);
      expect(text).not.toContain(Buffer.from(`anything:${scopedSecret}`).toString('base64'));
    });
  });
});

describe('without a metering source', () => {
  it('mounts nothing at /metering, while the token routes stay', async () => {
    const bare = await tokenTestApp();
    try {
      const response = await bare.app.inject({ method: 'GET', url: '/metering/v1/resource/vm' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
      const tokens = await bare.app.inject({
        method: 'GET',
        url: '/api/admin/api-tokens',
        headers: { cookie: bare.cookieFor(ADMIN) },
      });
      expect(tokens.statusCode).toBe(200);
    } finally {
      await bare.close();
    }
  });
});
