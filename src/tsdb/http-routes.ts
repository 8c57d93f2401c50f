import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AGGREGATOR_NAMES } from './aggregators';
import { badRequest, errorBody, TsdbError } from './errors';
import { JsonSyntaxError, parseJsonKeepingNumberKinds } from './json-number-kinds';
import { serializeResults } from './json-output';
import type { PutError } from './put-points';
import { parsePutBody } from './put-points';
import { runQuery } from './query-engine';
import type { QueryString } from './query-string-parse';
import { parseQueryBody } from './query-parse';
import { hasFlag, parseQueryString } from './query-string-parse';
import type { TsdbStore } from './store';
import { ReadOnlyStoreError } from './store';
import { FILTER_TYPES } from './tag-filters';

// The OpenTSDB 2.x HTTP API as a Fastify plugin, mountable under any prefix (the simulator serves it under
// /metrics behind its own auth hook). Bodies are read as text whatever the content type, as OpenTSDB does,
// so malformed JSON gets OpenTSDB's error body and /api/put can tell `1` from `1.0`.

export interface TsdbRoutesOptions {
  readonly store: TsdbStore;
  /** Clock for relative times (`1h-ago`) and a missing `end`; injectable for tests. */
  readonly now?: () => number;
  /** The most data points one query may make (OpenTSDB's tsd.query.limits.data_points); see query-limits. */
  readonly maxDataPoints?: number;
}

/** Large enough for batched puts of thousands of points. */
const BODY_LIMIT = 64 * 1024 * 1024;

export const OPENTSDB_VERSION = '2.4.0';

export const tsdbRoutes: FastifyPluginAsync<TsdbRoutesOptions> = (app, opts) => {
  const { store } = opts;
  const now = opts.now ?? Date.now;

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof TsdbError) return reply.code(error.status).send(errorBody(error));
    if (error instanceof ReadOnlyStoreError)
      return reply.code(405).send(errorBody(new TsdbError(405, error.message)));
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 500;
    if (status === 500) request.log.error({ err: error }, 'tsdb request failed');
    return reply.code(status).send(errorBody(new TsdbError(status, error.message)));
  });

  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send(errorBody(new TsdbError(404, 'Endpoint not found'))),
  );

  const query = async (request: FastifyRequest, reply: FastifyReply) => {
    const qs = request.query as QueryString;
    const parsed =
      request.method === 'GET'
        ? parseQueryString(qs, now())
        : parseQueryBody(parseJsonBody(request.body), now(), { arrays: hasFlag(qs, 'arrays') });
    const results = await runQuery(store, parsed, { maxDataPoints: opts.maxDataPoints });
    return reply.type('application/json; charset=UTF-8').send(serializeResults(results, parsed));
  };
  app.get('/api/query', query);
  app.post('/api/query', query);

  app.post('/api/put', async (request, reply) => {
    const qs = request.query as QueryString;
    const text = bodyText(request.body);
    let json;
    try {
      json = parseJsonKeepingNumberKinds(text);
    } catch (e) {
      throw badRequest(
        'Unable to parse the given JSON',
        e instanceof JsonSyntaxError ? e.message : undefined,
      );
    }
    const { points, errors } = parsePutBody(json);
    if (points.length > 0) await store.write(points);
    return sendPutResult(reply, qs, points.length, errors);
  });

  const suggest = async (request: FastifyRequest, reply: FastifyReply) => {
    const params = (request.method === 'GET' ? request.query : parseJsonBody(request.body)) as Record<
      string,
      unknown
    >;
    const type = typeof params.type === 'string' ? params.type : '';
    if (!type) throw badRequest("Missing 'type' parameter");
    if (type !== 'metrics' && type !== 'tagk' && type !== 'tagv')
      throw badRequest(`Invalid 'type' parameter:${type}`);
    const q = typeof params.q === 'string' ? params.q : '';
    const maxText =
      typeof params.max === 'string' || typeof params.max === 'number' ? String(params.max) : '25';
    const max = Number(maxText);
    if (!Number.isInteger(max) || max <= 0) throw badRequest(`Invalid 'max' parameter: ${maxText}`);
    return reply.send(await store.suggest(type, q, max));
  };
  app.get('/api/suggest', suggest);
  app.post('/api/suggest', suggest);

  app.get('/api/aggregators', (_request, reply) => reply.send(AGGREGATOR_NAMES));
  app.get('/api/config/filters', (_request, reply) => reply.send(FILTER_TYPES));
  app.get('/api/version', (_request, reply) =>
    reply.send({
      version: OPENTSDB_VERSION,
      short_revision: 'vscope',
      full_revision: 'vscope-embedded-tsdb',
      repo: 'vscope',
      repo_status: 'MINT',
      host: 'localhost',
      user: 'vscope',
      branch: 'main',
      timestamp: '0',
    }),
  );
  return Promise.resolve();
};

function bodyText(body: unknown): string {
  const text = typeof body === 'string' ? body : '';
  if (text.trim() === '') throw badRequest('Missing request content');
  return text;
}

function parseJsonBody(body: unknown): unknown {
  const text = bodyText(body);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badRequest('Unable to parse the given JSON', e instanceof Error ? e.message : undefined);
  }
}

/** PutDataPointRpc's answers: 204 when all is well, `?summary` / `?details` bodies, 400 when any point failed. */
function sendPutResult(reply: FastifyReply, qs: QueryString, success: number, errors: readonly PutError[]) {
  const failed = errors.length;
  const status = failed > 0 ? 400 : hasFlag(qs, 'details') || hasFlag(qs, 'summary') ? 200 : 204;
  if (hasFlag(qs, 'details')) return reply.code(status).send({ errors, failed, success });
  if (hasFlag(qs, 'summary')) return reply.code(status).send({ failed, success });
  if (failed > 0) {
    return reply
      .code(400)
      .send(
        errorBody(
          new TsdbError(
            400,
            'One or more data points had errors',
            'Please see the TSD logs or append "details" to the put request',
          ),
        ),
      );
  }
  return reply.code(204).send();
}
