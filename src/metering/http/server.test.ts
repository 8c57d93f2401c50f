import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MeteringClient } from '../testing/metering-client';
import { meteringClient } from '../testing/metering-client';

// Every literal status and body below was taken from Gnocchi 4.4.2 (auth_mode = basic) answering the same
// request, except where a comment says the engine differs on purpose.

const NOW_MS = Date.UTC(2026, 11, 6, 3, 0, 0);
let client: MeteringClient;

afterEach(async () => {
  await client.close();
});

async function open(dataDir?: string): Promise<MeteringClient> {
  client = await meteringClient({ now: () => NOW_MS, ...(dataDir ? { dataDir } : {}) });
  return client;
}

describe('the envelope', () => {
  it('answers 401 without basic auth, 415 for another content type, 400 for a body it cannot read', async () => {
    const c = await open();
    expect(await c.request('POST', '/v1/resource/generic', { id: 'x' }, { user: null })).toMatchObject({
      status: 401,
      body: { code: 401, title: 'Unauthorized', description: '' },
    });
    expect(await c.request('POST', '/v1/resource/generic', {}, { contentType: 'text/plain' })).toMatchObject({
      status: 415,
      body: { code: 415, title: 'Unsupported Media Type', description: '' },
    });
    expect(await c.request('POST', '/v1/resource/generic', undefined, { raw: '{bad' })).toMatchObject({
      status: 400,
      body: {
        code: 400,
        title: 'Bad Request',
        description: { cause: 'Unable to decode body', reason: 'Expected object or value', detail: [] },
      },
    });
    expect(await c.request('GET', '/v1/foo')).toMatchObject({
      status: 404,
      body: { code: 404, title: 'Not Found', description: null },
    });
  });

  it('refuses deep nesting and oversized bodies in the envelope', async () => {
    const c = await open();
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const nested = await c.request('POST', '/v1/resource/generic', undefined, { raw: deep });
    expect(nested.status).toBe(400);
    expect(nested.body).toMatchObject({ code: 400, title: 'Bad Request' });
    const huge = await c.request('POST', '/v1/resource/generic', undefined, {
      raw: `"${'x'.repeat(65 * 1024 * 1024)}"`,
    });
    expect(huge).toMatchObject({ status: 413, body: { code: 413, title: 'Request Entity Too Large' } });
  });

  it('refuses operations nested beyond any stack, and answers a range over all time', async () => {
    const c = await open();
    const id = ((await c.request('POST', '/v1/metric', {})).body as { id: string }).id;
    await c.request('POST', `/v1/metric/${id}/measures`, [{ timestamp: '2026-12-05T10:00:00', value: 1 }]);
    const deepString = `${'('.repeat(20_000)}metric ${id} mean${')'.repeat(20_000)}`;
    expect(await c.request('POST', '/v1/aggregates', { operations: deepString })).toMatchObject({
      status: 400,
      body: { code: 400, description: { cause: 'Invalid operations' } },
    });
    const deepList = `{"operations": ${'["absolute", '.repeat(5_000)}["metric", "${id}", "mean"]${']'.repeat(5_000)}}`;
    const list = await c.request('POST', '/v1/aggregates', undefined, { raw: deepList });
    expect([200, 400]).toContain(list.status);
    expect(
      await c.request('GET', `/v1/metric/${id}/measures?start=1&stop=9999-12-31T23:59:59`),
    ).toMatchObject({ status: 200, body: [['2026-12-05T10:00:00+00:00', 300, 1]] });
    expect((await c.request('GET', `/v1/metric/${id}/measures?stop=99999-01-01`)).body).toMatchObject({
      description: {
        cause: 'Argument value error',
        detail: 'stop',
        reason: 'Must be a datetime or a timestamp',
      },
    });
  });

  it('serves the version documents gnocchiclient reads', async () => {
    const c = await open();
    const root = await c.request('GET', '/');
    expect(root.status).toBe(200);
    expect(root.body).toMatchObject({ build: '4.4.2', versions: [{ status: 'CURRENT', id: 'v1.0' }] });
  });
});

describe('archive policies and resource types', () => {
  it('starts with gnocchi-upgrade policies and the generic type', async () => {
    const c = await open();
    const low = await c.request('GET', '/v1/archive_policy/low');
    expect(low.status).toBe(200);
    expect(low.body).toMatchObject({
      name: 'low',
      back_window: 0,
      definition: [{ timespan: '30 days, 0:00:00', granularity: '0:05:00', points: 8640 }],
    });
    expect(await c.request('GET', '/v1/archive_policy/nope')).toMatchObject({
      status: 404,
      body: { description: 'Archive policy nope does not exist' },
    });
    expect(
      await c.request('POST', '/v1/archive_policy', {
        name: 'low',
        definition: [{ granularity: '1s', points: 3 }],
      }),
    ).toMatchObject({
      status: 409,
      body: { code: 409, title: 'Conflict', description: 'Archive policy low already exists' },
    });
    await c.request('POST', '/v1/archive_policy', {
      name: 'p',
      definition: [{ granularity: '1m', points: 10 }],
    });
    expect(
      await c.request('PATCH', '/v1/archive_policy/p', { definition: [{ granularity: '1m', points: 20 }] }),
    ).toMatchObject({
      status: 200,
      body: {
        name: 'p',
        back_window: 0,
        definition: [{ timespan: '0:20:00', granularity: '0:01:00', points: 20 }],
      },
    });
    expect(
      await c.request('PATCH', '/v1/archive_policy/p', { definition: [{ granularity: '2m', points: 20 }] }),
    ).toMatchObject({
      status: 400,
      body: {
        description: 'Archive policy p does not support change: 60.0 granularity interval was changed',
      },
    });
    expect(await c.request('DELETE', '/v1/archive_policy/p')).toMatchObject({ status: 204 });
    expect(await c.request('GET', '/v1/resource_type/generic')).toMatchObject({
      status: 200,
      body: { name: 'generic', attributes: {}, state: 'active' },
    });
    expect(await c.request('POST', '/v1/resource_type', { name: 'generic' })).toMatchObject({
      status: 409,
      body: { description: 'Resource type generic already exists' },
    });
  });

  it('creates a type with each attribute kind and checks resources against it', async () => {
    const c = await open();
    const created = await c.request('POST', '/v1/resource_type', {
      name: 't1',
      attributes: {
        host: { type: 'string', required: true, max_length: 10 },
        cores: { type: 'number', required: false, min: 1 },
        ok: { type: 'bool', required: false },
        u: { type: 'uuid', required: false },
        d: { type: 'datetime', required: false },
      },
    });
    expect(created.status).toBe(201);
    expect(created.text).toBe(
      '{"name":"t1","attributes":{"host":{"type":"string","required":true,"max_length":10,"min_length":0},' +
        '"cores":{"type":"number","required":false,"min":1,"max":null},"ok":{"type":"bool","required":false},' +
        '"u":{"type":"uuid","required":false},"d":{"type":"datetime","required":false}},"state":"active"}',
    );
    expect((await c.request('POST', '/v1/resource/t1', { id: 'x1' })).body).toMatchObject({
      description: {
        cause: 'Invalid input',
        reason: "required key not provided @ data['host']",
        detail: ['host'],
      },
    });
    expect(
      (await c.request('POST', '/v1/resource/t1', { id: 'x1', host: 'aaaaaaaaaaaaa' })).body,
    ).toMatchObject({
      description: {
        cause: 'Invalid input',
        reason: "length of value must be at most 10 for dictionary value @ data['host']",
        detail: ['host'],
      },
    });
    expect(
      (await c.request('POST', '/v1/resource/t1', { id: 'x1', host: 'a', cores: 0 })).body,
    ).toMatchObject({
      description: { reason: "value must be at least 1 for dictionary value @ data['cores']" },
    });
    const resource = await c.request('POST', '/v1/resource/t1', {
      id: 'x1',
      host: 'a',
      cores: 2,
      d: '2020-01-01T00:00:00Z',
      u: 'AAAAAAAA-AAAA-AAAA-AAAA-AAAAAAAAAAAA',
    });
    expect(resource.status).toBe(201);
    expect(Object.keys(resource.body as object)).toEqual([
      'creator',
      'started_at',
      'revision_start',
      'ended_at',
      'user_id',
      'project_id',
      'original_resource_id',
      'id',
      'type',
      'host',
      'cores',
      'ok',
      'u',
      'd',
      'revision_end',
      'metrics',
      'created_by_user_id',
      'created_by_project_id',
    ]);
    expect(resource.body).toMatchObject({
      creator: 'admin',
      original_resource_id: 'x1',
      // uuid5 of "x1" and the creator, as Gnocchi 4.4.2 stored it
      id: '1ecd7f48-f672-54b5-81d3-83959eb0d7d3',
      type: 't1',
      host: 'a',
      cores: 2,
      ok: null,
      u: 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa',
      d: '2020-01-01T00:00:00+00:00',
      revision_end: null,
      metrics: {},
      created_by_user_id: 'admin',
      created_by_project_id: '',
    });
    expect((await c.request('PATCH', '/v1/resource/t1/x1', { cores: 'x' })).body).toMatchObject({
      description: { reason: "expected Real for dictionary value @ data['cores']", detail: ['cores'] },
    });
  });
});

describe('resources, history and metrics', () => {
  it('keeps a revision per PATCH and finds a resource by its original id', async () => {
    const c = await open();
    const created = await c.request('POST', '/v1/resource/generic', {
      id: 'vm-1',
      user_id: 'bob',
      metrics: { cpu: { archive_policy_name: 'low' } },
    });
    expect(created.status).toBe(201);
    // Gnocchi 4.4.2 stored admin's "vm-1" under this id.
    expect(created.body).toMatchObject({
      id: '9d39a774-01a9-55f4-8fb2-99893e191076',
      original_resource_id: 'vm-1',
    });
    expect(await c.request('POST', '/v1/resource/generic', { id: 'vm-1' })).toMatchObject({
      status: 409,
      body: { description: 'Resource 9d39a774-01a9-55f4-8fb2-99893e191076 already exists' },
    });
    const patched = await c.request('PATCH', '/v1/resource/generic/vm-1', { user_id: 'u9' });
    expect(patched).toMatchObject({ status: 200, body: { user_id: 'u9', revision_end: null } });
    const history = await c.request('GET', '/v1/resource/generic/vm-1/history');
    expect(history.body).toMatchObject([{ user_id: 'bob' }, { user_id: 'u9', revision_end: null }]);
    const [first] = history.body as { revision_end: string }[];
    expect(first!.revision_end).toBe((patched.body as { revision_start: string }).revision_start);
    // In a history row revision_end comes before type, as Gnocchi's history query orders its columns.
    expect(Object.keys(first!).indexOf('revision_end')).toBeLessThan(Object.keys(first!).indexOf('type'));
    expect(await c.request('PATCH', '/v1/resource/generic/vm-1', { id: 'x' })).toMatchObject({
      status: 400,
      body: {
        description: {
          cause: 'Invalid input',
          reason: "extra keys not allowed @ data['id']",
          detail: ['id'],
        },
      },
    });
    expect(await c.request('GET', '/v1/resource/generic/nonexist')).toMatchObject({
      status: 404,
      body: { description: 'Resource 3e59baef-6c83-575f-b6fc-239322e23e21 does not exist' },
    });
    expect(await c.request('GET', '/v1/resource/nope')).toMatchObject({
      status: 404,
      body: { description: 'Resource type nope does not exist' },
    });
    expect(await c.request('DELETE', '/v1/resource/generic/vm-1')).toMatchObject({ status: 204, text: '' });
  });

  it('creates metrics, takes measures (202) and reads them back per granularity', async () => {
    const c = await open();
    expect(await c.request('POST', '/v1/metric', { resource_id: 'm1' })).toMatchObject({
      status: 400,
      body: {
        description: {
          cause: 'Attribute value error',
          detail: 'name',
          reason: 'Name cannot be null if resource_id is not null',
        },
      },
    });
    expect(await c.request('POST', '/v1/metric', { archive_policy_name: 'nope' })).toMatchObject({
      status: 400,
      body: { description: 'Archive policy nope does not exist' },
    });
    const created = await c.request('POST', '/v1/metric', {});
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect(Object.keys(created.body as object)).toEqual([
      'id',
      'creator',
      'name',
      'unit',
      'resource_id',
      'archive_policy_name',
      'created_by_user_id',
      'created_by_project_id',
    ]);
    expect(created.body).toMatchObject({ creator: 'admin', name: null, archive_policy_name: 'low' });
    expect(
      await c.request('POST', `/v1/metric/${id}/measures`, [
        { timestamp: '2026-12-05T10:00:00', value: 'x' },
      ]),
    ).toMatchObject({
      status: 400,
      body: { description: { cause: 'Invalid input', reason: 'unexpected measures value', detail: [] } },
    });
    expect(
      await c.request('POST', `/v1/metric/${id}/measures`, [{ timestamp: 'bad', value: 1 }]),
    ).toMatchObject({
      status: 400,
      body: { description: { reason: "unexpected timestamp 'Unable to convert timestamps'" } },
    });
    const posted = await c.request('POST', `/v1/metric/${id}/measures`, [
      { timestamp: '2026-12-05T10:00:00', value: 1 },
      { timestamp: '2026-12-05T10:06:00', value: 2 },
      { timestamp: '2026-12-05T10:07:00', value: 4 },
    ]);
    expect(posted).toMatchObject({ status: 202, text: '' });
    const read = await c.request('GET', `/v1/metric/${id}/measures?refresh=true`);
    expect(read.body).toEqual([
      ['2026-12-05T10:00:00+00:00', 300, 1],
      ['2026-12-05T10:05:00+00:00', 300, 3],
    ]);
    expect((await c.request('GET', `/v1/metric/${id}/measures?granularity=300&resample=600`)).body).toEqual([
      ['2026-12-05T10:00:00+00:00', 600, 2],
    ]);
    const details = await c.request('POST', '/v1/aggregates?details=true', {
      operations: `(metric ${id} mean)`,
    });
    expect(details.body).toMatchObject({
      measures: {
        [id]: {
          mean: [
            ['2026-12-05T10:00:00+00:00', 300, 1],
            ['2026-12-05T10:05:00+00:00', 300, 3],
          ],
        },
      },
      references: [{ id, creator: 'admin', name: null, resource_id: null, archive_policy: { name: 'low' } }],
    });
    expect((await c.request('GET', `/v1/metric/${id}/measures?aggregation=foo`)).body).toEqual({
      code: 404,
      title: 'Not Found',
      description: {
        cause: 'Aggregation method does not exist for this metric',
        detail: { metric: id, aggregation_method: 'foo' },
      },
    });
    expect((await c.request('GET', `/v1/metric/${id}/measures?granularity=7`)).body).toMatchObject({
      description: `Aggregation method 'mean' at granularity '7.0' for metric ${id} does not exist`,
    });
    expect((await c.request('GET', `/v1/metric/${id}/measures?refresh=maybe`)).body).toMatchObject({
      description: "Unable to parse `refresh': invalid truth value 'maybe'",
    });
    expect(await c.request('GET', '/v1/metric/nope')).toMatchObject({
      status: 404,
      body: { description: 'Metric nope does not exist' },
    });
    expect(await c.request('DELETE', `/v1/metric/${id}`)).toMatchObject({ status: 204 });
  });

  it('keeps everything across a restart with --data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metering-'));
    try {
      let c = await open(dir);
      await c.request('POST', '/v1/resource_type', { name: 't', attributes: { host: { type: 'string' } } });
      await c.request('POST', '/v1/resource/t', {
        id: 'a',
        host: 'h',
        metrics: { cpu: { archive_policy_name: 'low' } },
      });
      await c.request('PATCH', '/v1/resource/t/a', { host: 'h2' });
      await c.request('POST', '/v1/resource/t/a/metric/cpu/measures', [
        { timestamp: '2026-12-05T10:00:00', value: 5 },
      ]);
      await c.close();
      c = await open(dir);
      expect((await c.request('GET', '/v1/resource/t/a')).body).toMatchObject({ host: 'h2' });
      expect((await c.request('GET', '/v1/resource/t/a/history')).body).toHaveLength(2);
      expect((await c.request('GET', '/v1/resource/t/a/metric/cpu/measures')).body).toEqual([
        ['2026-12-05T10:00:00+00:00', 300, 5],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('batches', () => {
  it('creates missing metrics with create_metrics and names unknown ones otherwise', async () => {
    const c = await open();
    await c.request('POST', '/v1/resource/generic', { id: 'r1' });
    const body = {
      r1: { mem: { archive_policy_name: 'low', measures: [{ timestamp: '2026-12-05T10:00:00', value: 3 }] } },
    };
    const unknown = await c.request('POST', '/v1/batch/resources/metrics/measures', body);
    expect(unknown.status).toBe(400);
    expect((unknown.body as { description: string }).description).toMatch(
      /^Unknown metrics: [0-9a-f-]{36}\/mem$/,
    );
    expect(
      await c.request('POST', '/v1/batch/resources/metrics/measures?create_metrics=true', body),
    ).toMatchObject({
      status: 202,
    });
    expect((await c.request('GET', '/v1/resource/generic/r1/metric/mem/measures')).body).toEqual([
      ['2026-12-05T10:00:00+00:00', 300, 3],
    ]);
    const missing = '00000000-0000-0000-0000-000000000000';
    expect(await c.request('POST', '/v1/batch/metrics/measures', { [missing]: [] })).toMatchObject({
      status: 400,
      body: { description: `Unknown metrics: ${missing}` },
    });
  });
});
