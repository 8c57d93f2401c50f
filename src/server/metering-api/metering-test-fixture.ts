import type { DestinationStream } from 'pino';
import { createMeteringServer, openEngine } from '@/metering';
import { CAPACITY_POLICY, CAPACITY_RESOURCE_TYPES } from '@/shared/capacity/catalog';
import type { MeteringSource } from '@/server/metering/metering-backend';
import { httpTransport, injectTransport, type GnocchiTransport } from '@/server/metering/gnocchi-transport';
import { tokenTestApp, type TokenTestApp } from '../tokens/token-test-app';

// Test support for the mounted metering API: the dashboard app (token-test-app's fixed inventory: pcc-1 with
// datacenters 1 and 2, pcc-2 with 3) reading a Gnocchi that a full-rights writer, playing the server's sync,
// filled with one VM in each of pcc-1's datacenters, each with a `vcpus` metric and a measure. What /metering
// reads is the embedded engine itself, or the proxy in front of that engine listening on loopback, or the
// proxy in front of a real Gnocchi: the same tests hold for all three.

export const VM_DC1 = '7d2c2f4a-1e7b-5c3e-9a51-000000000001';
export const VM_DC2 = '7d2c2f4a-1e7b-5c3e-9a51-000000000002';
export const MEASURED_AT = '2026-12-06T11:00:00+00:00';

/** What /metering reads: the engine, the proxy over the engine, or the proxy over the Gnocchi at `gnocchiUrl`. */
export type MeteringTestMount = 'engine' | 'proxy' | { readonly gnocchiUrl: string };

/**
 * Each mount by name: the engine, the proxy to it, and the proxy to Gnocchi 4.4.2 when GNOCCHI_REFERENCE_URL
 * names one; else `test` says on stderr that it skips that one.
 */
export function meteringTestMounts(test: string): [string, MeteringTestMount][] {
  const reference = process.env.GNOCCHI_REFERENCE_URL;
  if (!reference)
    process.stderr.write(
      `${test}: the proxy to a real Gnocchi is skipped: start one with \`../shared/tools/gnocchi-reference ` +
        'start` and run with GNOCCHI_REFERENCE_URL=<the URL it prints last>\n',
    );
  return [
    ['the embedded engine', 'engine'],
    ['the proxy to the engine', 'proxy'],
    ...(reference
      ? [['the proxy to Gnocchi 4.4.2', { gnocchiUrl: reference }] as [string, MeteringTestMount]]
      : []),
  ];
}

export interface MeteringTestApp extends TokenTestApp {
  /** The `vcpus` metric id of each VM. */
  metricOf: Record<string, string>;
}

async function write(
  writer: GnocchiTransport,
  method: 'POST' | 'PATCH' | 'GET',
  path: string,
  payload?: unknown,
  { tolerate = [] as number[] } = {},
) {
  const answer = await writer.request(method, path, payload);
  if (answer.status >= 300 && !tolerate.includes(answer.status))
    throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
  return answer.status >= 300 || answer.text === ''
    ? {}
    : (JSON.parse(answer.text) as Record<string, unknown>);
}

/** The policy, the `vm` type and the two VMs; a real Gnocchi may hold them from an earlier run, and keeps them. */
async function fill(writer: GnocchiTransport): Promise<Record<string, string>> {
  await write(writer, 'POST', '/v1/archive_policy', CAPACITY_POLICY, { tolerate: [409] });
  await write(
    writer,
    'POST',
    '/v1/resource_type',
    {
      name: 'vm',
      attributes: Object.fromEntries(
        Object.entries(CAPACITY_RESOURCE_TYPES.vm).map(([name, type]) => [name, { type, required: false }]),
      ),
    },
    { tolerate: [409] },
  );
  const metricOf: Record<string, string> = {};
  for (const [id, datacenterId, vcpus] of [
    [VM_DC1, 1, 2],
    [VM_DC2, 2, 8],
  ] as const) {
    const body = {
      id,
      name: `vm-dc${datacenterId}`,
      service: 'pcc-1',
      datacenter: `pcc-1-dc${datacenterId}`,
      datacenter_id: datacenterId,
      power_state: 'poweredOn',
      metrics: { vcpus: { archive_policy_name: CAPACITY_POLICY.name } },
    };
    const created = await write(writer, 'POST', '/v1/resource/vm', body, { tolerate: [409] });
    const vm = 'metrics' in created ? created : await write(writer, 'GET', `/v1/resource/vm/${id}`);
    const metric = (vm.metrics as Record<string, string>).vcpus!;
    metricOf[id] = metric;
    await write(writer, 'POST', `/v1/resource/vm/${id}/metric/vcpus/measures`, [
      { timestamp: MEASURED_AT, value: vcpus },
    ]);
    // Gnocchi aggregates measures in the background: this read makes it do so now.
    await write(writer, 'GET', `/v1/metric/${metric}/measures?refresh=true`);
    // A revision, so the history route has something to hide.
    await write(writer, 'PATCH', `/v1/resource/vm/${id}`, { power_state: 'poweredOff' });
  }
  return metricOf;
}

/** A full-rights writer on the engine or a real Gnocchi, the source the app mounts, and what closes them. */
async function meteringSource(
  mount: MeteringTestMount,
): Promise<{ writer: GnocchiTransport; source: MeteringSource; close: () => Promise<void> }> {
  if (typeof mount === 'object') {
    // Gnocchi's basic auth mode: `admin` has every right, as the server's own METERING_USER would.
    const upstream = httpTransport({
      url: mount.gnocchiUrl,
      auth: { kind: 'basic', user: 'admin', password: '' },
    });
    return { writer: upstream, source: { kind: 'gnocchi', upstream }, close: () => Promise.resolve() };
  }
  const engine = openEngine({ now: () => Date.parse('2026-12-06T12:00:00Z') });
  const server = await createMeteringServer({ engine });
  const close = async () => {
    await server.close();
    engine.indexer.close();
    await engine.store.close();
  };
  if (mount === 'engine')
    return { writer: injectTransport(server, 'sync'), source: { kind: 'engine', engine }, close };
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  const upstream = httpTransport({ url, auth: { kind: 'basic', user: 'sync', password: '' } });
  return { writer: upstream, source: { kind: 'gnocchi', upstream }, close };
}

export async function meteringTestApp(
  options: { logs?: DestinationStream; mount?: MeteringTestMount } = {},
): Promise<MeteringTestApp> {
  const { writer, source, close } = await meteringSource(options.mount ?? 'engine');
  const metricOf = await fill(writer);
  const app = await tokenTestApp({ logs: options.logs, extra: { metering: source } });
  return {
    ...app,
    metricOf,
    close: async () => {
      await app.close();
      await close();
    },
  };
}
