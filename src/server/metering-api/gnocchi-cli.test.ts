import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gnocchiCliInstalled, runGnocchiCli } from '@/metering/testing/gnocchi-cli';
import {
  meteringTestApp,
  VM_DC1,
  VM_DC2,
  meteringTestMounts,
  type MeteringTestApp,
} from './metering-test-fixture';

// Debian's `gnocchi` command line (python3-gnocchiclient) against the metering API mounted on the dashboard,
// with an API token sent as gnocchiclient sends a token: keystoneauth's admin_token plugin, X-Auth-Token. The
// mount reads the embedded engine, or a remote Gnocchi through the proxy: the engine on loopback, and the
// real Gnocchi 4.4.2 when GNOCCHI_REFERENCE_URL names one (METERING_URL's path end to end).

const INSTALLED = gnocchiCliInstalled('metering-api/gnocchi-cli.test');
const MOUNTS = meteringTestMounts('metering-api/gnocchi-cli.test');

describe.skipIf(!INSTALLED).each(MOUNTS)(
  'the gnocchi command line against /metering over %s',
  (_name, mount) => {
    let t: MeteringTestApp;
    let endpoint = '';
    let secret = '';

    const gnocchi = (auth: string[], ...args: string[]) =>
      runGnocchiCli([...auth, '--endpoint', endpoint, ...args, '-f', 'json']);
    // `=`: a secret may start with '-', which argparse would take for an option.
    const withToken = (...args: string[]) =>
      gnocchi(['--os-auth-type', 'admin_token', `--os-token=${secret}`], ...args);

    beforeAll(async () => {
      t = await meteringTestApp({ mount });
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
      const basic = ['--os-auth-type', 'gnocchi-basic', `--user=${secret}`];
      const found = (await gnocchi(basic, 'resource', 'list', '--type', 'vm')) as { id: string }[];
      expect(found.map((r) => r.id)).toEqual([VM_DC1]);
      await expect(
        withToken('resource', 'update', '--type', 'vm', '-a', 'name:renamed', VM_DC1),
      ).rejects.toThrow(/403|forbidden/i);
      t.tokens.revoke(t.tokens.list()[0]!.id);
      await expect(withToken('resource', 'list', '--type', 'vm')).rejects.toThrow(/401|unauthori/i);
    }, 120_000);
  },
);
