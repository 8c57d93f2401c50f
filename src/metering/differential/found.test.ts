import { afterEach, describe, expect, it } from 'vitest';
import type { MeteringClient } from '../testing/metering-client';
import { meteringClient } from '../testing/metering-client';
import { parseGnocchiJson } from './target';
import { operationTokens } from './differences';
import { firstDifference, normalise } from './normalise';

// What the differential test found against Gnocchi 4.4.2, pinned so it stays fixed without a Gnocchi at hand,
// and the helpers its comparison rests on.

let client: MeteringClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

async function withVms(): Promise<MeteringClient> {
  const c = await meteringClient();
  client = c;
  await c.request('POST', '/v1/resource_type', {
    name: 'vm',
    attributes: { folder: { type: 'string', required: false } },
  });
  for (const [id, folder] of [
    ['vm-1', 'f1'],
    ['vm-2', null],
    ['vm-3', 'f0'],
  ] as const) {
    const body = { id, metrics: { cpu: { archive_policy_name: 'low' } }, ...(folder ? { folder } : {}) };
    expect((await c.request('POST', '/v1/resource/vm', body)).status).toBe(201);
  }
  return c;
}

describe('differences the differential test found, fixed', () => {
  it('searches with a like pattern holding a dash (it was a 500)', async () => {
    const c = await withVms();
    const json = await c.request('POST', '/v1/search/resource/vm', {
      like: { original_resource_id: 'vm-%' },
    });
    expect(json.status).toBe(200);
    expect(
      (json.body as { original_resource_id: string }[]).map((r) => r.original_resource_id).sort(),
    ).toEqual(['vm-1', 'vm-2', 'vm-3']);
    const text = await c.request(
      'POST',
      `/v1/search/resource/vm?filter=${encodeURIComponent('original_resource_id like "vm-_"')}`,
    );
    expect((text.body as unknown[]).length).toBe(3);
  });

  it('puts the group of a null attribute last, as PostgreSQL sorts it', async () => {
    const c = await withVms();
    const answer = await c.request('POST', '/v1/aggregates?groupby=folder', {
      operations: '(metric cpu mean)',
      resource_type: 'vm',
      search: {},
    });
    expect(answer.status).toBe(200);
    expect((answer.body as { group: unknown }[]).map((g) => g.group)).toEqual([
      { folder: 'f0' },
      { folder: 'f1' },
      { folder: null },
    ]);
  });
});

describe('the comparison', () => {
  it("reads Gnocchi's bare NaN and Infinity tokens, leaving strings alone", () => {
    expect(parseGnocchiJson('[NaN, -Infinity, Infinity, "NaN x", 1.5]')).toEqual([
      'NaN',
      '-Infinity',
      'Infinity',
      'NaN x',
      1.5,
    ]);
  });

  it('names metrics alike on both sides, drops bookkeeping and sorts sets', () => {
    const id = '0b8a8f0e-5e5e-4c3c-8a0a-1e6f2f7d9c02';
    const names = new Map([[id, 'r0/cpu']]);
    expect(
      normalise(
        {
          [id]: { mean: [] },
          creator: 'admin',
          aggregation_methods: ['max', 'mean'],
          description: `metric ${id} does not exist`,
        },
        names,
      ),
    ).toEqual({
      'r0/cpu': { mean: [] },
      aggregation_methods: ['max', 'mean'],
      description: 'metric r0/cpu does not exist',
    });
  });

  it('tolerates the last bits of a float but nothing more', () => {
    expect(firstDifference([0.1 + 0.2], [0.3])).toBeUndefined();
    expect(firstDifference({ a: [1, 2] }, { a: [1, 2.001] })).toBe('$.a[1]: 2 ≠ 2.001');
  });

  it('reads the atoms of both forms of operations', () => {
    expect(operationTokens({ operations: '(aggregate count (metric x mean))' })).toEqual([
      'aggregate',
      'count',
      'metric',
      'x',
      'mean',
    ]);
    expect(operationTokens({ operations: ['eq', ['metric', 'x', 'mean'], 1] })).toEqual([
      'eq',
      'metric',
      'x',
      'mean',
      '1',
    ]);
  });
});

describe('differences the differential test found in aggregates, fixed', () => {
  it('broadcasts one column against none as numpy does: an empty answer, not a 500', async () => {
    const c = await withVms();
    const id = ((await c.request('GET', '/v1/resource/vm/vm-1')).body as { id: string }).id;
    await c.request('POST', `/v1/resource/vm/${id}/metric/cpu/measures`, [
      { timestamp: '2026-01-05T00:00:00', value: 1 },
      { timestamp: '2026-01-05T00:05:00', value: 2 },
    ]);
    const answer = await c.request('POST', '/v1/aggregates', {
      operations: '(aggregate mean (= (metric cpu mean) (metric nosuch mean)))',
      resource_type: 'vm',
      search: { '=': { original_resource_id: 'vm-1' } },
    });
    expect(answer).toMatchObject({ status: 200, body: { measures: { aggregated: [] } } });
  });
});

describe('numpy errors Gnocchi answers with a 500, kept', () => {
  it('refuses min or max across no column as numpy does (zero-size reduction)', async () => {
    const c = await withVms();
    const id = ((await c.request('GET', '/v1/resource/vm/vm-1')).body as { id: string }).id;
    await c.request('POST', `/v1/resource/vm/${id}/metric/cpu/measures`, [
      { timestamp: '2026-01-05T00:00:00', value: 1 },
    ]);
    const ask = (reducer: string) =>
      c.request('POST', '/v1/aggregates', {
        operations: `(aggregate ${reducer} (* (metric cpu mean) (metric nosuch mean)))`,
        resource_type: 'vm',
        search: { '=': { original_resource_id: 'vm-1' } },
      });
    expect(await ask('min')).toMatchObject({
      status: 500,
      body: { description: 'zero-size array to reduction operation fmin which has no identity' },
    });
    expect(await ask('sum')).toMatchObject({
      status: 200,
      body: { measures: { aggregated: [[expect.any(String), 300, 0]] } },
    });
  });
});
