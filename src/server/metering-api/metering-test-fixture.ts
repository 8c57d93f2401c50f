import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { createMeteringServer, openEngine, type MeteringEngine } from '@/metering';
import { CAPACITY_POLICY, CAPACITY_RESOURCE_TYPES } from '@/shared/capacity/catalog';
import { tokenTestApp, type TokenTestApp } from '../tokens/token-test-app';

// Test support for the mounted metering API: the dashboard app (token-test-app's fixed inventory: pcc-1 with
// datacenters 1 and 2, pcc-2 with 3) sharing an engine with a full-rights writer that plays the server's sync,
// and one VM in each of pcc-1's datacenters with a `vcpus` metric and a measure.

export const VM_DC1 = '7d2c2f4a-1e7b-5c3e-9a51-000000000001';
export const VM_DC2 = '7d2c2f4a-1e7b-5c3e-9a51-000000000002';
export const MEASURED_AT = '2026-12-06T11:00:00+00:00';

export interface MeteringTestApp extends TokenTestApp {
  engine: MeteringEngine;
  writer: FastifyInstance;
  /** The `vcpus` metric id of each VM. */
  metricOf: Record<string, string>;
}

async function write(writer: FastifyInstance, method: 'POST' | 'PATCH', url: string, payload: unknown) {
  const response = await writer.inject({
    method,
    url,
    payload: payload as object,
    headers: { authorization: `Basic ${Buffer.from('sync:').toString('base64')}` },
  });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body === '' ? {} : response.json<Record<string, unknown>>();
}

export async function meteringTestApp(options: { logs?: DestinationStream } = {}): Promise<MeteringTestApp> {
  const engine = openEngine({ now: () => Date.parse('2026-12-06T12:00:00Z') });
  const writer = await createMeteringServer({ engine });
  await write(writer, 'POST', '/v1/archive_policy', CAPACITY_POLICY);
  await write(writer, 'POST', '/v1/resource_type', {
    name: 'vm',
    attributes: Object.fromEntries(
      Object.entries(CAPACITY_RESOURCE_TYPES.vm).map(([name, type]) => [name, { type, required: false }]),
    ),
  });
  const metricOf: Record<string, string> = {};
  for (const [id, datacenterId, vcpus] of [
    [VM_DC1, 1, 2],
    [VM_DC2, 2, 8],
  ] as const) {
    const vm = await write(writer, 'POST', '/v1/resource/vm', {
      id,
      name: `vm-dc${datacenterId}`,
      service: 'pcc-1',
      datacenter: `pcc-1-dc${datacenterId}`,
      datacenter_id: datacenterId,
      power_state: 'poweredOn',
      metrics: { vcpus: { archive_policy_name: CAPACITY_POLICY.name } },
    });
    metricOf[id] = (vm.metrics as Record<string, string>).vcpus!;
    await write(writer, 'POST', `/v1/resource/vm/${id}/metric/vcpus/measures`, [
      { timestamp: MEASURED_AT, value: vcpus },
    ]);
    // A revision, so the history route has something to hide.
    await write(writer, 'PATCH', `/v1/resource/vm/${id}`, { power_state: 'poweredOff' });
  }
  const app = await tokenTestApp({ logs: options.logs, extra: { meteringEngine: engine } });
  return {
    ...app,
    engine,
    writer,
    metricOf,
    close: async () => {
      await app.close();
      await writer.close();
      engine.indexer.close();
      engine.store.close();
    },
  };
}
