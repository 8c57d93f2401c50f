import { afterEach, describe, expect, it } from 'vitest';
import type { MeteringClient } from '../testing/metering-client';
import { meteringClient } from '../testing/metering-client';
import type { MeteringAccess } from './access';
import type { MeteringEngine } from './engine';
import { openEngine } from './server';

// A host application's access: one app writes with every right, another reads the same engine confined to
// the resources of datacenter "a". Whatever route the confined one takes, datacenter "b" does not exist for
// it, and nothing it sends changes anything.

const NOW_MS = Date.UTC(2026, 11, 6, 3, 0, 0);
const T0 = NOW_MS / 1000 - 3600;

let engine: MeteringEngine;
const clients: MeteringClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  engine.indexer.close();
  await engine.store.close();
});

const inA: MeteringAccess = {
  user: 'viewer',
  canSee: (resource) => resource.attributes.dc === 'a',
  canWrite: false,
};

async function setUp(): Promise<{
  writer: MeteringClient;
  viewer: MeteringClient;
  ids: { a: string; b: string; metricA: string; metricB: string; orphan: string };
}> {
  engine = openEngine({ now: () => NOW_MS });
  const writer = await meteringClient({ engine });
  const viewer = await meteringClient({ engine, authenticate: () => inA });
  clients.push(writer, viewer);
  await writer.request('POST', '/v1/archive_policy', {
    name: 'p',
    definition: [{ granularity: 60, timespan: '1 day' }],
    aggregation_methods: ['mean', 'sum'],
  });
  await writer.request('POST', '/v1/resource_type', {
    name: 'vm',
    attributes: { dc: { type: 'string', required: false }, folder: { type: 'string', required: false } },
  });
  const created: Record<string, { id: string; metrics: { cpu: string } }> = {};
  for (const dc of ['a', 'b']) {
    const response = await writer.request('POST', '/v1/resource/vm', {
      id: `vm-${dc}`,
      dc,
      folder: `f-${dc}`,
      metrics: { cpu: { archive_policy_name: 'p' } },
    });
    created[dc] = response.body as { id: string; metrics: { cpu: string } };
    await writer.request('POST', `/v1/metric/${created[dc].metrics.cpu}/measures`, [
      { timestamp: T0, value: dc === 'a' ? 1 : 100 },
    ]);
  }
  const orphan = (await writer.request('POST', '/v1/metric', { archive_policy_name: 'p' })).body as {
    id: string;
  };
  return {
    writer,
    viewer,
    ids: {
      a: created.a!.id,
      b: created.b!.id,
      metricA: created.a!.metrics.cpu,
      metricB: created.b!.metrics.cpu,
      orphan: orphan.id,
    },
  };
}

const idsOf = (body: unknown) => (body as { id: string }[]).map((r) => r.id);

describe('a confined access', () => {
  it('lists, gets and searches only the resources it may see', async () => {
    const { viewer, writer, ids } = await setUp();
    expect(idsOf((await writer.request('GET', '/v1/resource/vm')).body)).toHaveLength(2);
    expect(idsOf((await viewer.request('GET', '/v1/resource/vm')).body)).toEqual([ids.a]);
    expect(idsOf((await viewer.request('GET', '/v1/resource/generic')).body)).toEqual([ids.a]);
    expect((await viewer.request('GET', `/v1/resource/vm/${ids.a}`)).status).toBe(200);
    for (const path of [
      `/v1/resource/vm/${ids.b}`,
      `/v1/resource/generic/${ids.b}`,
      `/v1/resource/vm/${ids.b}/history`,
      `/v1/resource/vm/${ids.b}/metric/cpu/measures`,
    ]) {
      expect(await viewer.request('GET', path)).toMatchObject({
        status: 404,
        body: { description: `Resource ${ids.b} does not exist` },
      });
    }
    const everything = await viewer.request('POST', '/v1/search/resource/vm', {});
    expect(idsOf(everything.body)).toEqual([ids.a]);
    const theOther = await viewer.request('POST', '/v1/search/resource/vm', { '=': { dc: 'b' } });
    expect(theOther).toMatchObject({ status: 200, body: [] });
    const byText = await viewer.request('POST', '/v1/search/resource/vm?filter=folder%20%3D%20%22f-b%22');
    expect(byText).toMatchObject({ status: 200, body: [] });
  });

  it('reaches only the metrics of those resources, and no metric without a resource', async () => {
    const { viewer, ids } = await setUp();
    expect(idsOf((await viewer.request('GET', '/v1/metric')).body)).toEqual([ids.metricA]);
    expect((await viewer.request('GET', `/v1/metric/${ids.metricA}/measures`)).status).toBe(200);
    for (const id of [ids.metricB, ids.orphan]) {
      for (const path of [`/v1/metric/${id}`, `/v1/metric/${id}/measures`]) {
        expect(await viewer.request('GET', path)).toMatchObject({
          status: 404,
          body: { description: `Metric ${id} does not exist` },
        });
      }
    }
  });

  it('aggregates over what it may see, in resource and in metric-id mode', async () => {
    const { viewer, writer, ids } = await setUp();
    const query = `start=${T0 - 60}&stop=${T0 + 60}`;
    const body = { operations: '(aggregate sum (metric cpu mean))', resource_type: 'vm', search: {} };
    const all = await writer.request('POST', `/v1/aggregates?${query}`, body);
    expect(all.body).toMatchObject({ measures: { aggregated: [[expect.any(String), 60, 101]] } });
    const mine = await viewer.request('POST', `/v1/aggregates?${query}`, body);
    expect(mine.body).toMatchObject({ measures: { aggregated: [[expect.any(String), 60, 1]] } });
    const grouped = await viewer.request('POST', `/v1/aggregates?${query}&groupby=folder`, body);
    expect((grouped.body as { group: unknown }[]).map((g) => g.group)).toEqual([{ folder: 'f-a' }]);
    const byId = await viewer.request('POST', `/v1/aggregates?${query}`, {
      operations: `(aggregate sum (metric (${ids.metricA} mean) (${ids.metricB} mean)))`,
    });
    expect(byId).toMatchObject({
      status: 404,
      body: { description: { cause: 'Unknown metrics', detail: [ids.metricB] } },
    });
  });

  it('changes nothing: every write answers 403 before its body is read', async () => {
    const { viewer, writer, ids } = await setUp();
    const writes: [method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown][] = [
      ['POST', '/v1/resource/vm', { id: 'vm-c', dc: 'a' }],
      ['PATCH', `/v1/resource/vm/${ids.a}`, { folder: 'x' }],
      ['DELETE', `/v1/resource/vm/${ids.a}`],
      ['POST', `/v1/metric/${ids.metricA}/measures`, [{ timestamp: T0 + 60, value: 5 }]],
      ['POST', '/v1/batch/resources/metrics/measures', { [ids.a]: { cpu: [{ timestamp: T0, value: 9 }] } }],
      ['POST', '/v1/archive_policy', { name: 'q', definition: [{ granularity: 60, points: 2 }] }],
      ['DELETE', '/v1/resource_type/vm'],
    ];
    for (const [method, path, body] of writes) {
      expect(await viewer.request(method, path, body)).toMatchObject({
        status: 403,
        body: { code: 403, title: 'Forbidden' },
      });
    }
    // A body it may not send is refused before it is parsed.
    expect((await viewer.request('POST', '/v1/resource/vm', undefined, { raw: '{bad' })).status).toBe(403);
    expect(idsOf((await writer.request('GET', '/v1/resource/vm')).body)).toHaveLength(2);
    const measures = await writer.request('GET', `/v1/metric/${ids.metricA}/measures`);
    expect(measures.body).toEqual([[expect.any(String), 60, 1]]);
  });

  it('is asked for nothing on the version documents and on unknown routes', async () => {
    engine = openEngine({ now: () => NOW_MS });
    const refusing = await meteringClient({
      engine,
      authenticate: () => {
        throw new Error('no credentials are asked for here');
      },
    });
    clients.push(refusing);
    expect((await refusing.request('GET', '/', undefined, { user: null })).status).toBe(200);
    expect((await refusing.request('GET', '/v1', undefined, { user: null })).status).toBe(200);
    expect((await refusing.request('GET', '/v1/nothing', undefined, { user: null })).status).toBe(404);
  });
});
