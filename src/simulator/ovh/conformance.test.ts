import { describe, expect, it } from 'vitest';
import { checkModel } from '@/shared/ovh/reference-conformance';
import { createSimulator } from '../simulator';
import { crawlOvhApi, type CrawledResponse } from '../testing/crawl';

// Every object every route returns must match OVH's schema exactly: all keys, right types, enums, nullability,
// nothing extra. Checked against the vendored reference models, not against our own zod transcription.

const now = Date.UTC(2026, 10, 23, 14, 0);

function violations(responses: CrawledResponse[]): string[] {
  const problems: string[] = [];
  for (const response of responses) {
    if (response.status !== 200) problems.push(`${response.path}: status ${response.status}`);
    const json: unknown = JSON.parse(response.body);
    if (response.model === null) {
      if (!Array.isArray(json) || !json.every((id) => Number.isInteger(id) || typeof id === 'string')) {
        problems.push(`${response.path}: not an id list`);
      }
      continue;
    }
    const items = Array.isArray(json)
      ? (json as { value: unknown; error: unknown }[])
      : [{ value: json, error: null }];
    for (const item of items) {
      if (item.error) problems.push(`${response.path}: ${JSON.stringify(item.error)}`);
      for (const problem of checkModel(response.model, item.value))
        problems.push(`${response.path}: ${problem}`);
    }
  }
  return problems;
}

describe('schema conformance of every route', () => {
  it('holds for the default model, object by object', async () => {
    const { app } = createSimulator({ now: () => now });
    const responses = await crawlOvhApi(app, now);
    expect(responses.filter((r) => r.model === 'dedicatedCloud.Vm')).toHaveLength(120);
    expect(violations(responses)).toEqual([]);
  });

  it('holds for a 10 000-VM model fetched in batches of 40', async () => {
    const { app } = createSimulator({ now: () => now, size: { vms: 10_000, hosts: 20 } });
    const responses = await crawlOvhApi(app, now, true);
    const vms = responses
      .filter((r) => r.model === 'dedicatedCloud.Vm')
      .reduce((n, r) => n + (JSON.parse(r.body) as unknown[]).length, 0);
    expect(vms).toBe(10_000);
    expect(violations(responses)).toEqual([]);
  });

  it('reports a violation when the output breaks the schema (the check can fail)', () => {
    const broken: CrawledResponse = {
      path: '/x',
      status: 200,
      model: 'dedicatedCloud.Datacenter',
      body: JSON.stringify({ datacenterId: 1.5, extra: true }),
    };
    expect(violations([broken]).length).toBeGreaterThan(2);
  });
});
