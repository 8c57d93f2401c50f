import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VmListSchema } from '../shared/api/inventory';
import { BUCKET_MS } from '../shared/metrics/catalog';
import { DEMO_APPLICATION } from '../simulator/ovh/auth';
import { DEMO_ADMIN, DEMO_VIEWER, startApiHarness, type ApiHarness } from './testing/api-harness';

// What every response carries, whoever asks: security headers on the API and the SPA, compression, ETags,
// and logs that never hold a secret.

let h: ApiHarness;
let cookie: string;
let webRoot: string;
beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'vscope-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>vScope</title><div id="root"></div>');
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'assets', 'index-Cpjzibmp.js'), 'console.log(1);');
  h = await startApiHarness({ webRoot });
  cookie = await h.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
});
afterAll(async () => {
  await h.close();
  rmSync(webRoot, { recursive: true, force: true });
});

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(' ')[0]!, d.slice(d.indexOf(' ') + 1)]),
  );
}

describe('security headers', () => {
  it.each(['/', '/dc/pcc-37-187-228-180/886/vms', '/api/health', '/api/services'])(
    'are on %s',
    async (path) => {
      const response = await h.request(path, { cookie });
      expect(response.status).toBe(200);
      const csp = directives(response.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toBe("'self'");
      // No inline or eval'd script can run, whatever ends up in a page.
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  it('serves the SPA for client-side routes, and JSON 404s for unknown API routes', async () => {
    const page = await h.request('/dc/pcc-37-187-228-180/886/hosts');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<div id="root">');
    const api = await h.request('/api/nothing-here', { cookie });
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({
      error: { code: 'not_found', message: 'No route GET /api/nothing-here' },
    });
  });
});

describe('caching', () => {
  it('lets no cache keep an API answer without revalidating it', async () => {
    for (const path of ['/api/health', '/api/services']) {
      const response = await h.request(path, { cookie });
      expect(response.headers.get('cache-control'), path).toBe('private, no-cache');
    }
    // Answers that carry who one is, or a token, are not kept at all.
    expect((await h.request('/api/session', { cookie })).headers.get('cache-control')).toBe('no-store');
  });

  it('keeps hashed assets for a year, and checks index.html on every load', async () => {
    const asset = await h.request('/assets/index-Cpjzibmp.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/dc/pcc-37-187-228-180/886/vms']) {
      expect((await h.request(path)).headers.get('cache-control'), path).toBe('no-cache');
    }
  });

  it('answers 404 for a missing asset instead of the SPA page', async () => {
    const missing = await h.request('/assets/index-0ld0ld.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/json/);
  });
});

describe('host names', () => {
  const inject = (host: string, extra: Record<string, string> = {}) =>
    h.server.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { host, ...extra },
      payload: { username: DEMO_ADMIN.username, password: DEMO_ADMIN.password },
    });

  it('refuses with 421 a Host it does not answer for, even with a matching Origin (DNS rebinding)', async () => {
    const rebound = await inject('rebind.evil.example:8080', { origin: 'http://rebind.evil.example:8080' });
    expect(rebound.statusCode).toBe(421);
    expect(rebound.json()).toEqual({
      error: {
        code: 'misdirected',
        message: 'This server does not answer for that host name; add it to ALLOWED_HOSTS if it is yours.',
      },
    });
    expect(rebound.headers['set-cookie']).toBeUndefined();
    const page = await h.server.app.inject({
      method: 'GET',
      url: '/',
      headers: { host: 'rebind.evil.example' },
    });
    expect(page.statusCode).toBe(421);
  });

  it.each(['127.0.0.1:8080', 'localhost:8080', '[::1]:8080', '10.1.2.3', 'dash.localhost'])(
    'answers for %s',
    async (host) => {
      expect((await inject(host)).statusCode).toBe(200);
    },
  );
});

describe('malformed requests', () => {
  const errorOf = async (response: Response) => ((await response.json()) as { error: unknown }).error;

  it('answers a URL the router cannot read in the one error shape', async () => {
    const response = await h.request('/api/%');
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({ code: 'bad_request', message: 'The URL is not valid.' });
  });

  it('refuses a bad URL parameter and a bad body in one format, in zod’s words, naming the field', async () => {
    const badParam = await h.request(`/api/services/${h.serviceName}/datacenters/-3/summary`, { cookie });
    const badBody = await h.request('/api/session', { method: 'POST', body: { username: 'admin' } });
    expect([badParam.status, badBody.status]).toEqual([400, 400]);
    expect(await errorOf(badParam)).toEqual({
      code: 'bad_request',
      message: '✖ datacenterId must be positive.\n  → at datacenterId',
    });
    expect(await errorOf(badBody)).toEqual({
      code: 'bad_request',
      message: '✖ password is required.\n  → at password',
    });
  });

  it('does not echo an overlong URL back', async () => {
    const long = 'a'.repeat(6_000);
    const response = await h.request(`/api/services/${long}/datacenters/1/vms`, { cookie });
    expect(response.status).toBe(414);
    const text = await response.text();
    expect(text).not.toContain(long.slice(0, 200));
    expect(JSON.parse(text)).toEqual({
      error: { code: 'bad_request', message: 'A part of the URL is too long.' },
    });
  });

  it('says a body is too large as such', async () => {
    const response = await h.request('/api/session', {
      method: 'POST',
      body: { username: 'admin', password: 'x'.repeat(100_000) },
    });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toEqual({
      code: 'payload_too_large',
      message: 'The request body is larger than this route accepts.',
    });
  });

  it('answers oversized headers, refused by the HTTP parser itself, in the one error shape', async () => {
    const { port } = new URL(h.base);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      });
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'bad_request', message: 'The request headers are too large.' },
    });
  });
});

describe('compression and ETags', () => {
  const vms = () => `/api/services/${h.serviceName}/datacenters/${h.datacenterIds[0]}/vms`;

  it('compresses JSON for clients that accept it', async () => {
    const gzip = await h.request(vms(), { cookie, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const brotli = await h.request(vms(), { cookie, headers: { 'accept-encoding': 'br' } });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    const identity = await h.request(vms(), { cookie, headers: { 'accept-encoding': 'identity' } });
    expect(identity.headers.get('content-encoding')).toBeNull();
    const deflate = await h.request(vms(), { cookie, headers: { 'accept-encoding': 'deflate' } });
    expect(deflate.headers.get('content-encoding')).toBe('deflate');
    const [plain, ...decoded] = await Promise.all([identity, gzip, brotli, deflate].map((r) => r.text()));
    expect(VmListSchema.parse(JSON.parse(plain!)).items.length).toBeGreaterThan(10);
    for (const text of decoded) expect(text).toBe(plain);
    for (const answer of [gzip, brotli, identity])
      expect(answer.headers.get('vary')).toMatch(/accept-encoding/i);
  });

  it('gives each encoding of a list its own ETag, and a 304 only for the bytes the client holds', async () => {
    const etagIn = async (encoding: string) =>
      (await h.request(vms(), { cookie, headers: { 'accept-encoding': encoding } })).headers.get('etag')!;
    const [br, gzip, identity] = await Promise.all([etagIn('br'), etagIn('gzip'), etagIn('identity')]);
    expect(new Set([br, gzip, identity]).size).toBe(3);
    const revalidate = (encoding: string, etag: string) =>
      h.request(vms(), { cookie, headers: { 'accept-encoding': encoding, 'if-none-match': etag } });
    expect((await revalidate('br', br)).status).toBe(304);
    expect((await revalidate('gzip', br)).status).toBe(200);
    expect((await revalidate('gzip', gzip)).status).toBe(304);
  });

  it('answers 304 to a matching If-None-Match, and a new ETag once the data changes', async () => {
    const first = await h.request(vms(), { cookie });
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await h.request(vms(), { cookie, headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    // The next refresh brings the next 5-minute bucket's live values.
    h.clock.advance(BUCKET_MS);
    const changed = await h.request(vms(), { cookie, headers: { 'if-none-match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });
});

describe('logs', () => {
  it('hold no password, application secret, consumer key or session token', async () => {
    const lines: string[] = [];
    const logged = await startApiHarness({
      env: { LOG_LEVEL: 'trace' },
      logs: { write: (line: string) => void lines.push(line) },
    });
    try {
      const viewer = await logged.login(DEMO_VIEWER.username, DEMO_VIEWER.password);
      const hosts = `/api/services/${logged.serviceName}/datacenters/${logged.datacenterIds[0]}/hosts`;
      expect((await logged.request(hosts, { cookie: viewer })).status).toBe(200);
      // A failing upstream makes the client log its retries, with the paths it called.
      await logged.simAdmin('POST', '/services/ovh/down', { mode: '503' });
      logged.clock.advance(120_000);
      expect((await logged.request(hosts, { cookie: viewer })).status).toBe(200);
      // The answer is the cached copy: the refresh fails in the background, after the client's retries.
      await vi.waitFor(() => expect(lines.join('')).toContain('inventory refresh failed'), {
        timeout: 10_000,
        interval: 100,
      });
      await logged.simAdmin('POST', '/services/ovh/up');
      const wrong = await logged.request('/api/session', {
        method: 'POST',
        body: { username: 'viewer', password: 'a-wrong-secret-password' },
      });
      expect(wrong.status).toBe(401);

      const text = lines.join('');
      // The capture saw what matters: the sign-in, the requests, and the upstream failure.
      expect(text).toContain('signed in');
      expect(text).toContain('sign-in refused');
      expect(text).toContain('OVH API request failed, retrying');
      expect(text).toContain('inventory refresh failed, serving last good data');
      for (const secret of [
        DEMO_VIEWER.password,
        'a-wrong-secret-password',
        DEMO_APPLICATION.applicationSecret,
        DEMO_APPLICATION.consumerKey,
        viewer.split('=')[1]!,
      ]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await logged.close();
    }
  });
});
