import { execFile, execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meteringTestApp, VM_DC1, VM_DC2, type MeteringTestApp } from './metering-test-fixture';

// Debian's `gnocchi` command line (python3-gnocchiclient) against the metering API mounted on the dashboard,
// with an API token sent as gnocchiclient sends a token: keystoneauth's admin_token plugin, X-Auth-Token.

function gnocchiInstalled(): boolean {
  try {
    execFileSync('gnocchi', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const INSTALLED = gnocchiInstalled();
if (!INSTALLED)
  process.stderr.write(
    'metering-api/gnocchi-cli.test: skipped, the `gnocchi` command is not installed (apt-get install python3-gnocchiclient)\n',
  );

let t: MeteringTestApp;
let endpoint = '';
let secret = '';

function gnocchi(auth: string[], ...args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(
      'gnocchi',
      [...auth, '--endpoint', endpoint, ...args, '-f', 'json'],
      { timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`gnocchi ${args.join(' ')}: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as unknown);
      },
    );
  });
}

const withToken = (...args: string[]) =>
  gnocchi(['--os-auth-type', 'admin_token', '--os-token', secret], ...args);

describe.skipIf(!INSTALLED)('the gnocchi command line against /metering with an API token', () => {
  beforeAll(async () => {
    t = await meteringTestApp();
    secret = t.tokens.create({
      name: 'cli',
      scope: [{ serviceName: 'pcc-1', datacenterId: 1 }],
      createdBy: 'alice',
    }).secret;
    endpoint = `${await t.app.listen({ port: 0, host: '127.0.0.1' })}/metering`;
  });
  afterAll(() => t?.close());

  it('searches, aggregates with --resource-type vm and a search, and shows measures, within the token’s scope', async () => {
    const found = (await withToken('resource', 'search', '--type', 'vm', "service='pcc-1'")) as {
      id: string;
    }[];
    expect(found.map((r) => r.id)).toEqual([VM_DC1]);

    expect(
      await withToken(
        'aggregates',
        '--resource-type',
        'vm',
        '--granularity',
        '300',
        '(aggregate sum (metric vcpus mean))',
        "service='pcc-1'",
      ),
    ).toEqual([{ name: 'aggregated', timestamp: '2026-12-06T11:00:00+00:00', granularity: 300, value: 2 }]);

    expect(await withToken('measures', 'show', '-r', VM_DC1, '--granularity', '300', 'vcpus')).toEqual([
      { timestamp: '2026-12-06T11:00:00+00:00', granularity: 300, value: 2 },
    ]);
    await expect(withToken('measures', 'show', '-r', VM_DC2, 'vcpus')).rejects.toThrow(
      /does not exist \(HTTP 404\)/,
    );
  }, 120_000);

  it('works with the token as gnocchi-basic’s user, and refuses writes and a revoked token', async () => {
    const basic = ['--os-auth-type', 'gnocchi-basic', '--user', secret];
    const found = (await gnocchi(basic, 'resource', 'list', '--type', 'vm')) as { id: string }[];
    expect(found.map((r) => r.id)).toEqual([VM_DC1]);
    await expect(
      withToken('resource', 'update', '--type', 'vm', '-a', 'name:renamed', VM_DC1),
    ).rejects.toThrow(/403|forbidden/i);
    t.tokens.revoke(t.tokens.list()[0]!.id);
    await expect(withToken('resource', 'list', '--type', 'vm')).rejects.toThrow(/401|unauthori/i);
  }, 120_000);
});
