import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

describe('compression and ETags', () => {
  const vms = () => `/api/services/${h.serviceName}/datacenters/${h.datacenterIds[0]}/vms`;

  it('compresses JSON for clients that accept it', async () => {
    const gzip = await h.request(vms(), { cookie, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(((await gzip.json()) as { items: unknown[] }).items.length).toBeGreaterThan(10);
    const brotli = await h.request(vms(), { cookie, headers: { 'accept-encoding': 'br' } });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    const identity = await h.request(vms(), { cookie, headers: { 'accept-encoding': 'identity' } });
    expect(identity.headers.get('content-encoding')).toBeNull();
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
