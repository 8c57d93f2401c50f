import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const appKey = { OVH_APPLICATION_KEY: 'ak', OVH_APPLICATION_SECRET: 'as', OVH_CONSUMER_KEY: 'ck' };

describe('loadConfig', () => {
  it('defaults to demo mode on 127.0.0.1:8080 with no setting at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'demo', host: '127.0.0.1', port: 8080, pollIntervalMs: 120_000 });
    expect(config.ovh).toBeUndefined();
    expect(config.recorderEnabled).toBe(false);
    expect(config.sessions).toEqual({ idleMs: 12 * 3_600_000, absoluteMs: 7 * 86_400_000 });
  });

  it('switches to ovh mode with application-key credentials and resolves named endpoints', () => {
    const config = loadConfig({ ...appKey, OVH_ENDPOINT: 'ovh-ca' });
    expect(config.mode).toBe('ovh');
    expect(config.ovh).toEqual({
      baseUrl: 'https://ca.api.ovh.com/1.0',
      credentials: {
        kind: 'application-key',
        applicationKey: 'ak',
        applicationSecret: 'as',
        consumerKey: 'ck',
      },
    });
    expect(config.recorderEnabled).toBe(true);
  });

  it('accepts an endpoint URL and OAuth2 client credentials', () => {
    const config = loadConfig({
      OVH_ENDPOINT: 'http://127.0.0.1:9000/ovh/1.0/',
      OVH_CLIENT_ID: 'id',
      OVH_CLIENT_SECRET: 'secret',
      OVH_OAUTH2_TOKEN_URL: 'http://127.0.0.1:9000/auth/oauth2/token',
    });
    expect(config.ovh?.baseUrl).toBe('http://127.0.0.1:9000/ovh/1.0');
    expect(config.ovh?.credentials).toEqual({
      kind: 'oauth2',
      clientId: 'id',
      clientSecret: 'secret',
      tokenUrl: 'http://127.0.0.1:9000/auth/oauth2/token',
    });
  });

  it('reads TRUST_PROXY as no proxy, a hop count, or proxy addresses; true is the one proxy in front', () => {
    const trust = (TRUST_PROXY: string) => loadConfig({ TRUST_PROXY }).trustProxy;
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('true')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, 192.0.2.1 ,::1,fd00::/8,loopback')).toEqual([
      '10.0.0.0/8',
      '192.0.2.1',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/33,proxy.example' })).toEqual([
      'TRUST_PROXY: expected false, a number of proxy hops (1–10), or proxy addresses and CIDRs separated by commas; not an address or CIDR: 10.0.0.0/33, proxy.example',
    ]);
  });

  it('reads ALLOWED_HOSTS as lower-case host names, a leading dot for a whole domain', () => {
    expect(loadConfig({}).allowedHosts).toEqual([]);
    expect(loadConfig({ ALLOWED_HOSTS: 'Vscope.example.net, .noc.example.org' }).allowedHosts).toEqual([
      'vscope.example.net',
      '.noc.example.org',
    ]);
    expect(problemsOf({ ALLOWED_HOSTS: 'ok.example, http://bad.example/' })).toEqual([
      'ALLOWED_HOSTS: not a host name: http://bad.example/',
    ]);
  });

  it('names every bad or missing setting at once', () => {
    const problems = problemsOf({ PORT: 'eighty', OVH_APPLICATION_KEY: 'ak', POLL_INTERVAL_SECONDS: '5' });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/^PORT: /m);
    expect(problems.join('\n')).toMatch(/^POLL_INTERVAL_SECONDS: /m);
    expect(problems.join('\n')).toMatch(/^OVH_APPLICATION_SECRET: required/m);
    expect(problems.join('\n')).toMatch(/^OVH_CONSUMER_KEY: required/m);
  });

  it('refuses ovh mode without credentials, and both credential kinds together', () => {
    expect(problemsOf({ VSCOPE_MODE: 'ovh' })[0]).toMatch(/^VSCOPE_MODE: ovh mode needs/);
    expect(problemsOf({ ...appKey, OVH_CLIENT_ID: 'i', OVH_CLIENT_SECRET: 's' })).toContain(
      'OVH_CLIENT_ID: set either application-key credentials or OAuth2 client credentials, not both',
    );
  });

  it('picks where history comes from: the simulator in demo, the embedded tsdb in ovh mode, or an OpenTSDB URL', () => {
    expect(loadConfig({}).history).toEqual({ source: 'metrics-token', pccUser: 'admin' });
    expect(loadConfig(appKey).history).toEqual({ source: 'embedded' });
    expect(
      loadConfig({ ...appKey, OPENTSDB_URL: 'https://tsdb.example:4242', OPENTSDB_TOKEN: 't' }).history,
    ).toEqual({
      source: 'opentsdb',
      url: 'https://tsdb.example:4242',
      token: 't',
    });
    expect(problemsOf({ HISTORY_SOURCE: 'opentsdb' })).toEqual([
      'OPENTSDB_URL: required when HISTORY_SOURCE is opentsdb',
    ]);
    expect(problemsOf({ HISTORY_SOURCE: 'metrics-token', RECORDER_ENABLED: 'true' })[0]).toMatch(
      /^RECORDER_ENABLED: /,
    );
  });

  it('rejects a non-http OpenTSDB URL and a token without URL', () => {
    expect(problemsOf({ OPENTSDB_URL: 'ftp://x' })[0]).toMatch(/^OPENTSDB_URL: /);
    expect(problemsOf({ OPENTSDB_TOKEN: 't' })[0]).toMatch(/^OPENTSDB_URL: required/);
  });

  it('reads a JSON config file that the environment overrides, and rejects unknown keys in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vscope-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ PORT: 9090, POLL_INTERVAL_SECONDS: 300, HOST: '0.0.0.0' }));
    const config = loadConfig({ VSCOPE_CONFIG: file, HOST: '127.0.0.2' });
    expect(config).toMatchObject({ port: 9090, pollIntervalMs: 300_000, host: '127.0.0.2' });

    writeFileSync(file, JSON.stringify({ PROT: 1 }));
    expect(problemsOf({ VSCOPE_CONFIG: file })).toEqual([`PROT: unknown setting in ${file}`]);
    writeFileSync(file, '{nope');
    expect(problemsOf({ VSCOPE_CONFIG: file })[0]).toMatch(/is not valid JSON/);
  });

  it('refuses demo mode on an address others reach, unless DEMO_ALLOW_REMOTE says so', () => {
    expect(problemsOf({ HOST: '0.0.0.0' })).toEqual([
      'HOST: demo mode on 0.0.0.0 lets anyone who reaches it sign in with the published demo admin account: ' +
        'keep HOST on loopback (127.0.0.1, ::1 or localhost), or set DEMO_ALLOW_REMOTE=true to accept that',
    ]);
    expect(problemsOf({ HOST: '192.168.1.10', VSCOPE_MODE: 'demo' })[0]).toMatch(/^HOST: demo mode on 192/);
    expect(problemsOf({ HOST: '::', DEMO_ALLOW_REMOTE: 'false' })[0]).toMatch(/^HOST: demo mode on ::/);
    expect(loadConfig({ HOST: '0.0.0.0', DEMO_ALLOW_REMOTE: 'true' })).toMatchObject({
      mode: 'demo',
      host: '0.0.0.0',
    });
    for (const host of ['127.0.0.1', 'localhost', '::1']) expect(loadConfig({ HOST: host }).host).toBe(host);
    // ovh mode creates no published account.
    expect(loadConfig({ ...appKey, HOST: '0.0.0.0' }).mode).toBe('ovh');
    expect(problemsOf({ DEMO_ALLOW_REMOTE: 'sure' })[0]).toMatch(/^DEMO_ALLOW_REMOTE: /);
  });

  it('never echoes a secret in its messages', () => {
    const problems = problemsOf({ OVH_APPLICATION_SECRET: 'super-secret-value' });
    expect(problems.join('\n')).not.toContain('super-secret-value');
  });

  it('reads the guest service in ovh mode, with its zone, rule and silence threshold', () => {
    const config = loadConfig({
      ...appKey,
      GUEST_URL: 'https://guest.example/wsgi_app.py',
      GUEST_USER: 'vscope',
      GUEST_PASSWORD: 'pw',
      GUEST_TIME_ZONE: 'Asia/Shanghai',
      GUEST_MAPPING_FILE: '/etc/vscope/guest.csv',
      GUEST_INSTANCE_ID_TEMPLATE: '{name}',
      GUEST_SILENT_MINUTES: '5',
    });
    expect(config.guest).toEqual({
      service: { url: 'https://guest.example/wsgi_app.py', user: 'vscope', password: 'pw' },
      timeZone: 'Asia/Shanghai',
      mappingFile: '/etc/vscope/guest.csv',
      instanceIdTemplate: '{name}',
      silentAfterMs: 300_000,
    });
    expect(loadConfig({}).guest).toEqual({ timeZone: 'UTC', silentAfterMs: 900_000 });
  });

  it('refuses a partial guest service, an unknown zone and a GUEST_URL in demo mode', () => {
    expect(problemsOf({ ...appKey, GUEST_URL: 'https://guest.example/wsgi_app.py' })).toEqual([
      'GUEST_USER: required with GUEST_URL',
      'GUEST_PASSWORD: required with GUEST_URL',
    ]);
    expect(problemsOf({ ...appKey, GUEST_PASSWORD: 'super-secret-value' })).toEqual([
      'GUEST_PASSWORD: only used with GUEST_URL, which is not set',
    ]);
    expect(problemsOf({ GUEST_TIME_ZONE: 'Mars/Olympus' })[0]).toMatch(/^GUEST_TIME_ZONE: expected an IANA/);
    expect(problemsOf({ GUEST_SILENT_MINUTES: '0' })[0]).toMatch(/^GUEST_SILENT_MINUTES: /);
    expect(
      problemsOf({ GUEST_URL: 'https://guest.example/wsgi_app.py', GUEST_USER: 'u', GUEST_PASSWORD: 'p' }),
    ).toEqual(["GUEST_URL: demo mode reads the simulator's guest service: unset it or set VSCOPE_MODE=ovh"]);
  });

  it('writes capacity into the embedded engine, or into a Gnocchi cluster with basic auth or a token', () => {
    expect(loadConfig({}).metering).toEqual({ kind: 'embedded' });
    expect(
      loadConfig({ METERING_URL: 'http://gnocchi.example:8041/', METERING_USER: 'vscope' }).metering,
    ).toEqual({
      kind: 'remote',
      url: 'http://gnocchi.example:8041',
      auth: { kind: 'basic', user: 'vscope', password: '' },
    });
    expect(
      loadConfig({ METERING_URL: 'https://g.example/metering', METERING_TOKEN: 'tok' }).metering,
    ).toEqual({ kind: 'remote', url: 'https://g.example/metering', auth: { kind: 'token', token: 'tok' } });
  });

  it('refuses Gnocchi credentials without METERING_URL, a cluster without credentials, and both kinds', () => {
    expect(problemsOf({ METERING_TOKEN: 'super-secret-value', METERING_USER: 'u' })).toEqual([
      'METERING_USER: only used with METERING_URL, which is not set',
      'METERING_TOKEN: only used with METERING_URL, which is not set',
    ]);
    expect(problemsOf({ METERING_URL: 'http://g.example' })).toEqual([
      'METERING_USER: required with METERING_URL (the Gnocchi user the server writes as), or set METERING_TOKEN',
    ]);
    const both = problemsOf({
      METERING_URL: 'http://g.example',
      METERING_USER: 'u',
      METERING_TOKEN: 'secret',
    });
    expect(both).toEqual([
      'METERING_TOKEN: set either METERING_USER (and METERING_PASSWORD) for basic auth or METERING_TOKEN, not both',
    ]);
    expect(problemsOf({ METERING_URL: 'gnocchi:8041', METERING_USER: 'u' })[0]).toMatch(/^METERING_URL: /);
  });
});
