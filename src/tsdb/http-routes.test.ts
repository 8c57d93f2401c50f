import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store';
import { MAX_NAME_LENGTH } from './name-limits';
import { DEFAULT_MAX_DATA_POINTS } from './query-limits';
import { createTsdbServer } from './server';

const T0 = 1356998400;

async function server() {
  const app = await createTsdbServer({ store: new MemoryStore(), now: () => (T0 + 3600) * 1000 });
  const put = (body: string, qs = '') => app.inject({ method: 'POST', url: `/api/put${qs}`, payload: body });
  const query = (body: unknown) =>
    app.inject({
      method: 'POST',
      url: '/api/query',
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { app, put, query };
}

const point = (ts: number, value: string, host = 'web01') =>
  `{"metric":"sys.cpu.user","timestamp":${ts},"value":${value},"tags":{"host":"${host}"}}`;

describe('POST /api/put', () => {
  it('answers 204, stores both s and ms timestamps, and keeps 1.0 a float', async () => {
    const { app, put, query } = await server();
    const r = await put(`[${point(T0, '1')},${point((T0 + 30) * 1000, '2.0')}]`);
    expect(r.statusCode).toBe(204);
    const q = await query({
      start: T0,
      end: T0 + 60,
      queries: [{ metric: 'sys.cpu.user', aggregator: 'sum' }],
    });
    // The integer 1 is written 1.0: OpenTSDB leaves integer mode as soon as the next value is a float.
    expect(q.body).toBe(
      `[{"metric":"sys.cpu.user","tags":{"host":"web01"},"aggregateTags":[],"dps":{"${T0}":1.0,"${T0 + 30}":2.0}}]`,
    );
    const ints = await put(`[${point(T0 + 60, '3', 'web02')},${point(T0 + 90, '4', 'web02')}]`);
    expect(ints.statusCode).toBe(204);
    const q2 = await query({
      start: T0,
      end: T0 + 120,
      queries: [{ metric: 'sys.cpu.user', aggregator: 'sum', tags: { host: 'web02' } }],
    });
    expect(q2.body).toContain(`"dps":{"${T0 + 60}":3,"${T0 + 90}":4}`);
    await app.close();
  });

  it('reports bad points with ?details, stores the good ones, and answers 400', async () => {
    const { app, put, query } = await server();
    const bad = `{"metric":"sys.cpu.user","timestamp":${T0},"value":"x","tags":{"host":"a"}}`;
    const noTags = `{"metric":"sys.cpu.user","timestamp":${T0},"value":1,"tags":{}}`;
    const r = await put(`[${point(T0, '5')},${bad},${noTags}]`, '?details');
    expect(r.statusCode).toBe(400);
    const body = r.json<{ success: number; failed: number; errors: { error: string }[] }>();
    expect(body).toMatchObject({ success: 1, failed: 2 });
    expect(body.errors.map((e) => e.error)).toEqual(['Unable to parse value to a number', 'Missing tags']);
    const q = await query({
      start: T0,
      end: T0 + 60,
      queries: [{ metric: 'sys.cpu.user', aggregator: 'sum' }],
    });
    expect(q.json()).toEqual([
      { metric: 'sys.cpu.user', tags: { host: 'web01' }, aggregateTags: [], dps: { [T0]: 5 } },
    ]);
    await app.close();
  });

  it('refuses names longer than the cap, point by point', async () => {
    const { app, put } = await server();
    const long = 'v'.repeat(MAX_NAME_LENGTH + 1);
    const r = await put(
      `[${point(T0, '1', long)},${point(T0, '2', 'v'.repeat(MAX_NAME_LENGTH))}]`,
      '?details',
    );
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({
      success: 1,
      failed: 1,
      errors: [
        { error: `Invalid tag value (${MAX_NAME_LENGTH + 1} characters): longer than the limit of 256` },
      ],
    });
    await app.close();
  });

  it('answers ?summary with counts and plain failures with the OpenTSDB error body', async () => {
    const { app, put } = await server();
    expect((await put(point(T0, '1'), '?summary')).json()).toEqual({ failed: 0, success: 1 });
    const r = await put(`{"metric":"","timestamp":${T0},"value":1,"tags":{"h":"a"}}`);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 400, message: 'One or more data points had errors' } });
    await app.close();
  });
});

describe('/api/query errors', () => {
  /** A sum of sys.cpu.user from T0, with `sub` in its one sub-query and `top` at the top level. */
  const body = (sub: object, top: object = {}) => ({
    start: T0,
    ...top,
    queries: [{ metric: 'sys.cpu.user', aggregator: 'sum', ...sub }],
  });
  const cases: [string, unknown, string][] = [
    ['malformed JSON', '{"start":', 'Unable to parse the given JSON'],
    ['empty body', '', 'Missing request content'],
    ['missing start', { queries: [{ metric: 'sys.cpu.user', aggregator: 'sum' }] }, 'Missing start time'],
    ['missing queries', { start: T0 }, 'Missing queries'],
    ['unknown aggregator', body({ aggregator: 'foo' }), 'No such aggregation function: foo'],
    ['case-sensitive aggregator', body({ aggregator: 'SUM' }), 'No such aggregation function: SUM'],
    [
      'downsample without function',
      body({ downsample: '1m' }),
      "Invalid downsampling specifier '1m': must provide at least interval and function",
    ],
    ['unknown downsample function', body({ downsample: '1m-hurp' }), 'No such downsampling function: hurp'],
    ['bad fill policy', body({ downsample: '1m-avg-badbadbad' }), 'Unrecognized fill policy: badbadbad'],
    [
      'none as downsampler',
      body({ downsample: '1m-none' }),
      'cannot use the NONE aggregator for downsampling',
    ],
    ['zero interval', body({ downsample: '0m-avg' }), 'Zero or negative duration: 0m'],
    ['bad unit', body({ downsample: '1j-avg' }), 'Invalid duration (suffix): 1j'],
    [
      'end before start',
      body({}, { start: T0 + 10, end: T0 }),
      `End time [${T0 * 1000}] must be greater than the start time [${(T0 + 10) * 1000}]`,
    ],
    ['bad time', body({}, { start: 'yesterday' }), 'Invalid time: yesterday. For input string: "yesterday"'],
    ['bad timezone', body({}, { timezone: 'Mars/Olympus' }), 'The timezone specification could not be found'],
    [
      'unknown filter type',
      body({ filters: [{ type: 'nope', tagk: 'host', filter: 'a' }] }),
      'Unable to parse the given JSON',
    ],
    [
      'regexp RE2 cannot run',
      body({ filters: [{ type: 'regexp', tagk: 'host', filter: '(web)\\1' }] }),
      'Invalid regular expression: (web)\\1',
    ],
    [
      'metric name over the cap',
      body({ metric: 'm'.repeat(MAX_NAME_LENGTH + 1) }),
      `Invalid metric (${MAX_NAME_LENGTH + 1} characters)`,
    ],
    [
      'filter tag key over the cap',
      body({ tags: { ['k'.repeat(300)]: '*' } }),
      'Invalid tag key (300 characters)',
    ],
    ['unknown metric', body({ metric: 'nope' }), "No such name for 'metrics': 'nope'"],
  ];

  it.each(cases)('%s → 400 with the OpenTSDB error body', async (_name, body, message) => {
    const { app, put, query } = await server();
    await put(point(T0, '1'));
    const r = await query(body);
    expect(r.statusCode).toBe(400);
    const json = r.json<{ error: { code: number; message: string } }>();
    expect(json.error.code).toBe(400);
    expect(json.error.message.startsWith(message), json.error.message).toBe(true);
    await app.close();
  });

  it('answers unknown endpoints with a 404 error body', async () => {
    const { app } = await server();
    const r = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ error: { code: 404, message: 'Endpoint not found' } });
    await app.close();
  });
});

describe('data point limit', () => {
  const DAY_S = 86_400;
  const tooMany = (max: number) => ({
    error: {
      code: 413,
      message: `Sorry, you have attempted to fetch more than our limit of ${max} data points. Please try filtering using more tags or decrease your time range.`,
    },
  });

  // 420 days at 1m-avg-zero is 604 800 buckets per series, under the former per-series guard of a million;
  // grouped by host, two series make 1.2 million points and 30 MB of JSON.
  it('refuses a grouped, filled query whose series together pass the default limit with 413', async () => {
    const { app, put, query } = await server();
    const start = T0 - 420 * DAY_S;
    await put(`[${['a', 'b'].map((h) => `${point(start, '1', h)},${point(T0, '2', h)}`).join(',')}]`);
    const grouped = await query({
      start,
      end: T0,
      queries: [
        { metric: 'sys.cpu.user', aggregator: 'sum', downsample: '1m-avg-zero', tags: { host: '*' } },
      ],
    });
    expect(grouped.statusCode).toBe(413);
    expect(grouped.json()).toEqual(tooMany(DEFAULT_MAX_DATA_POINTS));
    await app.close();
  }, 30_000);

  // 1.4 trillion buckets: only a refusal made before the first bucket answers at all.
  it('refuses a filled downsample from its bucket count, before making any', async () => {
    const { app, put, query } = await server();
    await put(point(T0, '1'));
    const r = await query({
      start: 1,
      end: T0,
      queries: [{ metric: 'sys.cpu.user', aggregator: 'sum', downsample: '1ms-avg-nan' }],
    });
    expect(r.statusCode).toBe(413);
    expect(r.json()).toEqual(tooMany(DEFAULT_MAX_DATA_POINTS));
    await app.close();
  });

  it('counts every series of every sub-query against the limit the routes are given', async () => {
    const app = await createTsdbServer({ store: new MemoryStore(), maxDataPoints: 100 });
    const hosts = ['a', 'b', 'c'];
    const points = hosts.flatMap((h) => Array.from({ length: 40 }, (_, i) => point(T0 + i * 60, '1', h)));
    await app.inject({ method: 'POST', url: '/api/put', payload: `[${points.join(',')}]` });
    const run = (queries: object[]) =>
      app.inject({
        method: 'POST',
        url: '/api/query',
        payload: JSON.stringify({ start: T0, end: T0 + 3600, queries }),
      });
    const sub = (aggregator: string, host: string) => ({
      metric: 'sys.cpu.user',
      aggregator,
      tags: { host },
    });
    expect((await run([sub('sum', 'a'), sub('sum', 'b')])).statusCode).toBe(200);
    // Summed into one line of 40 points, the three series still make 120.
    const summed = await run([sub('sum', 'a|b|c')]);
    expect(summed.statusCode).toBe(413);
    expect(summed.json()).toEqual(tooMany(100));
    expect((await run([sub('sum', 'a'), sub('sum', 'b'), sub('sum', 'c')])).statusCode).toBe(413);
    await app.close();
  });
});

describe('GET /api/query', () => {
  it('parses m= with rate options, downsample, braces and presence flags', async () => {
    const { app, put } = await server();
    await put(
      `[${point(T0 + 30, '45')},${point(T0 + 60, '75')},${point(T0 + 90, '5')},${point(T0 + 30, '1', 'web02')}]`,
    );
    const m = encodeURIComponent('sum:rate{counter,100}:sys.cpu.user{host=web01}');
    const r = await app.inject({
      method: 'GET',
      url: `/api/query?start=${T0}&end=${T0 + 120}&m=${m}&arrays&ms`,
    });
    expect(r.json()).toEqual([
      {
        metric: 'sys.cpu.user',
        tags: { host: 'web01' },
        aggregateTags: [],
        dps: [
          [(T0 + 60) * 1000, 1],
          [(T0 + 90) * 1000, 1],
        ],
      },
    ]);
    const g = await app.inject({
      method: 'GET',
      url: `/api/query?start=${T0}&end=${T0 + 120}&m=${encodeURIComponent('max:1m-max:sys.cpu.user{}{host=wildcard(web*)}')}`,
    });
    expect(g.json()).toEqual([
      { metric: 'sys.cpu.user', tags: {}, aggregateTags: ['host'], dps: { [T0]: 45, [T0 + 60]: 75 } },
    ]);
    await app.close();
  });
});

describe('query features', () => {
  it('writes null for the null fill policy and echoes the sub-query with showQuery', async () => {
    const { app, put, query } = await server();
    await put(`[${point(T0, '1')},${point(T0 + 120, '3')}]`);
    const r = await query({
      start: T0,
      end: T0 + 120,
      showQuery: true,
      queries: [
        { metric: 'sys.cpu.user', aggregator: 'sum', downsample: '1m-avg-null', tags: { host: '*' } },
      ],
    });
    const [result] = r.json<{ dps: Record<string, unknown>; query: Record<string, unknown> }[]>();
    expect(result?.dps).toEqual({ [T0]: 1, [T0 + 60]: null, [T0 + 120]: 3 });
    expect(result?.query).toMatchObject({ index: 0, aggregator: 'sum', tags: { host: 'wildcard(*)' } });
    await app.close();
  });

  it('groups by a literal_or filter, one group per value, and drops non-matching series', async () => {
    const { app, put, query } = await server();
    await put(`[${point(T0, '1', 'a')},${point(T0, '2', 'b')},${point(T0, '4', 'c')}]`);
    const r = await query({
      start: T0,
      end: T0 + 60,
      queries: [
        {
          metric: 'sys.cpu.user',
          aggregator: 'sum',
          filters: [{ type: 'literal_or', tagk: 'host', filter: 'a|b', groupBy: true }],
        },
      ],
    });
    const results = r.json<{ tags: Record<string, string>; dps: Record<string, number> }[]>();
    expect(results.map((x) => [x.tags.host, x.dps[T0]]).sort()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    const neg = await query({
      start: T0,
      end: T0 + 60,
      queries: [
        {
          metric: 'sys.cpu.user',
          aggregator: 'sum',
          filters: [{ type: 'not_literal_or', tagk: 'host', filter: 'a|b' }],
        },
      ],
    });
    expect(neg.json()).toEqual([
      { metric: 'sys.cpu.user', tags: { host: 'c' }, aggregateTags: [], dps: { [T0]: 4 } },
    ]);
    await app.close();
  });

  it('resolves relative times against the clock', async () => {
    const { app, put, query } = await server();
    await put(`[${point(T0 + 1800, '7')},${point(T0 - 100, '1')}]`);
    const r = await query({ start: '1h-ago', queries: [{ metric: 'sys.cpu.user', aggregator: 'sum' }] });
    expect(r.json()).toEqual([
      { metric: 'sys.cpu.user', tags: { host: 'web01' }, aggregateTags: [], dps: { [T0 + 1800]: 7 } },
    ]);
    await app.close();
  });
});

describe('metadata endpoints', () => {
  it('serves suggest, aggregators, version and config/filters', async () => {
    const { app, put } = await server();
    await put(`[${point(T0, '1', 'web01')},${point(T0, '1', 'db01')}]`);
    const get = (url: string) =>
      app.inject({ method: 'GET', url }).then((r) => ({ status: r.statusCode, body: r.json<unknown>() }));
    expect((await get('/api/suggest?type=metrics&q=sys')).body).toEqual(['sys.cpu.user']);
    expect((await get('/api/suggest?type=tagv&q=&max=1')).body).toEqual(['db01']);
    expect((await get('/api/suggest?type=tagk')).body).toEqual(['host']);
    expect((await get('/api/suggest?type=bogus')).status).toBe(400);
    expect((await get('/api/suggest')).status).toBe(400);
    expect((await get('/api/aggregators')).body).toEqual(
      expect.arrayContaining(['sum', 'avg', 'zimsum', 'pfsum', 'p99', 'ep999r7', 'none']),
    );
    expect((await get('/api/version')).body).toMatchObject({
      version: expect.stringMatching(/^2\./) as unknown,
    });
    expect(Object.keys((await get('/api/config/filters')).body as object)).toEqual(
      expect.arrayContaining(['literal_or', 'iliteral_or', 'not_literal_or', 'wildcard', 'regexp']),
    );
    await app.close();
  });

  it('serves the API under a prefix as a plugin', async () => {
    const { default: Fastify } = await import('fastify');
    const { tsdbRoutes } = await import('./http-routes');
    const app = Fastify();
    await app.register(tsdbRoutes, { prefix: '/metrics', store: new MemoryStore() });
    const r = await app.inject({ method: 'GET', url: '/metrics/api/aggregators' });
    expect(r.statusCode).toBe(200);
    await app.close();
  });
});
