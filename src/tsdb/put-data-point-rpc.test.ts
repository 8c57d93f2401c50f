import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store';
import { WRITE_CHUNK_POINTS } from './put-data-point-rpc';
import { createTsdbServer } from './server';
import { SqliteStore } from './sqlite-store';
import type { IncomingPoint } from './store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const T0 = 1_700_000_000;

function body(count: number, perSeries: number, start = T0): string {
  const points = Array.from(
    { length: count },
    (_, i) =>
      `{"metric":"m","timestamp":${start + (i % perSeries) * 60},"value":${i},"tags":{"host":"h${Math.floor(i / perSeries)}"}}`,
  );
  return `[${points.join(',')}]`;
}

const countQuery = (start: number, end: number) =>
  JSON.stringify({
    start,
    end,
    queries: [
      {
        metric: 'm',
        aggregator: 'sum',
        downsample: '0all-count',
        filters: [{ type: 'wildcard', tagk: 'host', filter: '*', groupBy: false }],
      },
    ],
  });

/** A store whose `failOnWrite`-th write fails, as a full disk would fail one SQLite transaction. */
class FailingStore extends MemoryStore {
  private writes = 0;

  constructor(private readonly failOnWrite: number) {
    super();
  }

  override write(points: readonly IncomingPoint[]): Promise<void> {
    if (++this.writes === this.failOnWrite) return Promise.reject(new Error('database or disk is full'));
    return super.write(points);
  }
}

describe('POST /api/put of many points', () => {
  // In one go, the put held the event loop from its first point to its last: a request made meanwhile waited
  // for all of it. Chunked, the longest wait is one chunk's work, a small part of the put however loaded the
  // machine is.
  it('lets other requests through while it is written, and answers once every point is stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsdb-put-'));
    dirs.push(dir);
    const now = Date.now();
    const start = Math.floor(now / 1000) - 18 * 3600;
    const app = await createTsdbServer({ store: SqliteStore.open(dir, { now: () => now }), now: () => now });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const total = 200_000;
      let putDone = false;
      const putStarted = performance.now();
      const put = fetch(`${base}/api/put?summary`, { method: 'POST', body: body(total, 1_000, start) }).then(
        async (r) => {
          putDone = true;
          return { status: r.status, json: (await r.json()) as unknown, ms: performance.now() - putStarted };
        },
      );
      const gaps: number[] = [];
      let last = performance.now();
      while (!putDone) {
        const r = await fetch(`${base}/api/version`);
        expect(r.status).toBe(200);
        const t = performance.now();
        if (!putDone) gaps.push(t - last);
        last = t;
      }
      const answer = await put;
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ failed: 0, success: total });
      expect(gaps.length).toBeGreaterThan(10);
      expect(Math.max(...gaps)).toBeLessThan(answer.ms / 4);
      const stored = await fetch(`${base}/api/query`, {
        method: 'POST',
        body: countQuery(start, start + 60_000),
      });
      expect(await stored.json()).toMatchObject([{ dps: { [start]: total } }]);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('reports a chunk the store failed as OpenTSDB reports storage exceptions, keeping the other chunks', async () => {
    const app = await createTsdbServer({ store: new FailingStore(2) });
    const total = WRITE_CHUNK_POINTS * 2 + 10;
    const put = (qs: string) =>
      app.inject({ method: 'POST', url: `/api/put${qs}`, payload: body(total, 5_000) });
    const details = await put('?details');
    // Only points refused by validation make a ?details answer a 400.
    expect(details.statusCode).toBe(200);
    const json = details.json<{
      success: number;
      failed: number;
      errors: { datapoint: unknown; error: string }[];
    }>();
    expect(json.success).toBe(total - WRITE_CHUNK_POINTS);
    expect(json.failed).toBe(WRITE_CHUNK_POINTS);
    expect(json.errors).toHaveLength(WRITE_CHUNK_POINTS);
    expect(json.errors[0]).toEqual({
      datapoint: {
        metric: 'm',
        timestamp: (T0 + WRITE_CHUNK_POINTS * 60) * 1000,
        value: WRITE_CHUNK_POINTS,
        tags: { host: 'h0' },
      },
      error: 'Storage exception: database or disk is full',
    });
    const stored = await app.inject({
      method: 'POST',
      url: '/api/query',
      payload: countQuery(T0, T0 + 400_000),
    });
    expect(stored.json()).toMatchObject([{ dps: { [T0]: total - WRITE_CHUNK_POINTS } }]);
    await app.close();

    const plain = await createTsdbServer({ store: new FailingStore(1) });
    const r = await plain.inject({ method: 'POST', url: '/api/put', payload: body(10, 10) });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: { message: 'One or more data points had errors' } });
    await plain.close();
  });

  it('stores nothing when the body is not JSON to its end', async () => {
    const app = await createTsdbServer({ store: new MemoryStore() });
    const text = body(WRITE_CHUNK_POINTS * 3, 10_000);
    const r = await app.inject({ method: 'POST', url: '/api/put', payload: `${text.slice(0, -1)},}` });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: { message: 'Unable to parse the given JSON' } });
    const q = await app.inject({ method: 'POST', url: '/api/query', payload: countQuery(T0, T0 + 86_400) });
    expect(q.json()).toMatchObject({ error: { code: 400, message: "No such name for 'metrics': 'm'" } });
    await app.close();
  });

  it('refuses a body over the put limit with 413, and a query body over its own smaller limit', async () => {
    const app = await createTsdbServer({ store: new MemoryStore(), putBodyLimit: 1_000 });
    const r = await app.inject({ method: 'POST', url: '/api/put', payload: body(20, 20) });
    expect(r.statusCode).toBe(413);
    expect(r.json()).toEqual({
      error: { code: 413, message: 'Request body is larger than the limit of 1000 bytes' },
    });
    expect((await app.inject({ method: 'POST', url: '/api/put', payload: body(5, 5) })).statusCode).toBe(204);
    const big = await app.inject({ method: 'POST', url: '/api/query', payload: ' '.repeat(2 * 1024 * 1024) });
    expect(big.statusCode).toBe(413);
    await app.close();
  });
});
