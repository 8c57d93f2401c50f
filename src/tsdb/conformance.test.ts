import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store';
import { createTsdbServer } from './server';

// Every vector of OpenTSDB's own test suite (src/tsdb/conformance, copied from ../shared/conformance) is run
// through the real HTTP API: put the series, run the query, compare with the expected body.

interface Vector {
  name: string;
  series: {
    metric: string;
    tags: Record<string, string>;
    value_type: 'integer' | 'float';
    points: [number, number][];
  }[];
  query?: unknown;
  request?: string;
  expected_status: number;
  expected: unknown;
  tolerance: number;
  partial?: boolean;
  assert_points?: unknown;
}

interface ResultBody {
  metric: string;
  tags: Record<string, string>;
  aggregateTags: string[];
  dps: Record<string, number | string | null>;
}

// TSDB_CONFORMANCE_FILE runs another vector file of the same shape (e.g. the full suite) through this harness.
const vectorFile =
  process.env.TSDB_CONFORMANCE_FILE ?? new URL('./conformance/opentsdb-public.json', import.meta.url);
const vectors = JSON.parse(readFileSync(vectorFile, 'utf8')) as Vector[];

/** Floats are written with a decimal point so the server stores them as doubles, as OpenTSDB would. */
function putBody(series: Vector['series']): string {
  const points = series.flatMap((s) =>
    s.points.map(([ts, v]) => {
      const value = s.value_type === 'float' && Number.isInteger(v) ? `${v}.0` : String(v);
      return `{"metric":${JSON.stringify(s.metric)},"timestamp":${ts},"value":${value},"tags":${JSON.stringify(s.tags)}}`;
    }),
  );
  return `[${points.join(',')}]`;
}

function tagsKey(tags: Record<string, string>): string {
  return JSON.stringify(Object.entries(tags).sort());
}

function expectSameValue(actual: unknown, expected: unknown, tolerance: number, where: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      tolerance + 1e-9 * Math.abs(expected),
    );
  } else {
    expect(actual, where).toEqual(expected);
  }
}

function compareResults(actual: ResultBody[], vector: Vector): void {
  const expected = vector.expected as ResultBody[];
  expect(actual.length).toBe(expected.length);
  const byTags = new Map(actual.map((r) => [tagsKey(r.tags), r]));
  for (const exp of expected) {
    const got = byTags.get(tagsKey(exp.tags));
    expect(got, `result for tags ${tagsKey(exp.tags)}`).toBeDefined();
    if (!got) continue;
    expect(got.metric).toBe(exp.metric);
    expect([...got.aggregateTags].sort()).toEqual([...exp.aggregateTags].sort());
    const expKeys = Object.keys(exp.dps);
    if (!vector.partial) expect(Object.keys(got.dps).sort()).toEqual([...expKeys].sort());
    if (typeof vector.assert_points === 'number')
      expect(Object.keys(got.dps).length).toBe(vector.assert_points);
    for (const key of expKeys) expectSameValue(got.dps[key], exp.dps[key], vector.tolerance, `dps[${key}]`);
  }
}

describe('OpenTSDB conformance vectors over HTTP', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
    const app = await createTsdbServer({ store: new MemoryStore() });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      if (vector.series.length > 0) {
        const put = await fetch(`${base}/api/put?details`, { method: 'POST', body: putBody(vector.series) });
        expect(put.status, await put.clone().text()).toBe(200);
      }
      const response = vector.request
        ? await fetch(`${base}${vector.request}`)
        : await fetch(`${base}/api/query`, { method: 'POST', body: JSON.stringify(vector.query) });
      const body = (await response.json()) as unknown;
      expect(response.status, JSON.stringify(body).slice(0, 500)).toBe(vector.expected_status);
      if (vector.expected_status !== 200) {
        expect(body).toMatchObject(vector.expected as object);
        return;
      }
      compareResults(body as ResultBody[], vector);
    } finally {
      await app.close();
    }
  });
});
