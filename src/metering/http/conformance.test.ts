import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSearchQueryString } from '../search/query-string';
import type { Vector } from '../testing/conformance-runner';
import { closeTo, expectedFor, runAggregateVector } from '../testing/conformance-runner';
import type { MeteringClient } from '../testing/metering-client';
import { meteringClient } from '../testing/metering-client';

// Every vector of the shared conformance file (src/metering/conformance/gnocchi-public.json, a copy of ../shared/conformance/gnocchi-public.json), through
// the HTTP API. The file was recorded from Gnocchi's own
// tests and a local run of Gnocchi; see each vector's `source` and `notes`.

const VECTORS = JSON.parse(
  readFileSync(new URL('../conformance/gnocchi-public.json', import.meta.url), 'utf8'),
) as Vector[];

let client: MeteringClient;
beforeEach(async () => {
  client = await meteringClient();
});
afterEach(async () => {
  await client.close();
});

describe('aggregate vectors', () => {
  const vectors = VECTORS.filter((v) => v.kind === 'aggregate');
  it('has them all', () => expect(vectors).toHaveLength(27));
  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
    const outcome = await runAggregateVector(client, vector);
    const expected = expectedFor(vector, outcome.ids);
    expect(outcome.status).toBe(expected.status);
    if (!closeTo(outcome.body, expected.body)) expect(outcome.body).toEqual(expected.body);
  });
});

describe('search-parse vectors', () => {
  const vectors = VECTORS.filter((v) => v.kind === 'search-parse');
  it('has them all', () => expect(vectors).toHaveLength(12));

  /** Resources the filters can tell apart; every attribute the vectors name exists on the type. */
  async function seed(): Promise<void> {
    const attributes = Object.fromEntries(
      ['foo', 'bar', 'cat', 'flavor_id', 'a'].map((n) => [n, { type: 'string', required: false }]),
    );
    expect((await client.request('POST', '/v1/resource_type', { name: 'searched', attributes })).status).toBe(
      201,
    );
    for (const id of [
      'faef212f-0bf4-4030-a461-2186fef79be0',
      'df7e5e75-6a1d-4ff7-85cb-38eb9d75da7e',
      'other',
    ]) {
      expect((await client.request('POST', '/v1/resource/generic', { id, project_id: 'p' })).status).toBe(
        201,
      );
    }
  }

  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
    await seed();
    const input = vector.input as { filter?: string; json_filter?: unknown; endpoint?: string };
    const expected = vector.expected as {
      filter?: unknown;
      http_result_len?: number;
      error?: { status: number; body_prefix?: string; description?: Record<string, unknown> };
    };
    const byQuery = async (type: string) =>
      client.request('POST', `/v1/search/resource/${type}?filter=${encodeURIComponent(input.filter ?? '')}`);
    if (expected.error) {
      const response =
        input.json_filter === undefined
          ? await byQuery('generic')
          : await client.request('POST', '/v1/search/resource/generic', input.json_filter);
      expect(response.status).toBe(expected.error.status);
      const description = (response.body as { description: unknown }).description;
      if (expected.error.body_prefix !== undefined)
        expect(String(description)).toMatch(new RegExp(`^${expected.error.body_prefix}`));
      if (expected.error.description !== undefined)
        expect(closeTo(description, expected.error.description)).toBe(true);
      return;
    }
    // The accepted filter: the parser's tree is the expected one, and the query string finds through HTTP
    // exactly what the expected JSON filter finds.
    expect(parseSearchQueryString(input.filter!)).toEqual(expected.filter);
    const type = expected.http_result_len === undefined ? 'searched' : 'generic';
    const viaQuery = await byQuery(type);
    const viaJson = await client.request('POST', `/v1/search/resource/${type}`, expected.filter);
    expect(viaQuery.status).toBe(viaJson.status);
    expect(viaQuery.body).toEqual(viaJson.body);
    if (expected.http_result_len !== undefined) {
      expect(viaQuery.status).toBe(200);
      expect(viaQuery.body).toHaveLength(expected.http_result_len);
    }
  });
});
