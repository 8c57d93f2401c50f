import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AGGREGATOR_NAMES } from './aggregators';
import { badRequest, errorBody, TsdbError } from './errors';
import { serializeResults } from './json-output';
import type { PutOutcome } from './put-data-point-rpc';
import { putDataPoints } from './put-data-point-rpc';
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
  /** The largest /api/put body, in bytes (413 above it). */
  readonly putBodyLimit?: number;
}

/**
 * Some 150 000 data points of 100 bytes: fifty of the recorder's 2 000-point batches, while the points a put
 * holds in memory (about ten times its body) stay near 200 MB.
 */
export const DEFAULT_PUT_BODY_LIMIT = 16 * 1024 * 1024;
/** A query is a few kB; a literal_or of a thousand host names still fits. */
const QUERY_BODY_LIMIT = 1024 * 1024;

export const OPENTSDB_VERSION = '2.4.0';

export async function tsdbRoutes(app: FastifyInstance, options: TsdbRoutesOptions): Promise<void> {
  const { store } = options;
  const now = options.now ?? Date.now;
  const putBodyLimit = options.putBodyLimit ?? DEFAULT_PUT_BODY_LIMIT;

  app.removeAllContentTypeParsers();
  // /api/put raises the limit for itself (a route's bodyLimit wins over the parser's).
  app.addContentTypeParser(
    '*',
    { parseAs: 'string', bodyLimit: QUERY_BODY_LIMIT },
    async (_req: FastifyRequest, body: string) => body,
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof TsdbError) return reply.code(error.status).send(errorBody(error));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit;
      return reply
        .code(413)
        .send(errorBody(new TsdbError(413, `Request body is larger than the limit of ${limit} bytes`)));
    }
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
    const results = await runQuery(store, parsed, { maxDataPoints: options.maxDataPoints });
    return reply.type('application/json; charset=UTF-8').send(serializeResults(results, parsed));
  };
  app.get('/api/query', query);
  app.post('/api/query', query);

  app.post('/api/put', { bodyLimit: putBodyLimit }, async (request, reply) => {
    const outcome = await putDataPoints(store, bodyText(request.body), request.log);
    return sendPutResult(reply, request.query as QueryString, outcome);
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
}

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

/**
 * PutDataPointRpc's answers: 204 when all is well, 400 when any point failed, and with `?summary` / `?details`
 * the counts, where only points that failed validation make it a 400: a storage failure alone is a 200 with
 * `failed` above zero, as OpenTSDB's GroupCB answers.
 */
function sendPutResult(reply: FastifyReply, qs: QueryString, outcome: PutOutcome) {
  const { success, errors } = outcome;
  const failed = outcome.invalid + outcome.unstored;
  const status = outcome.invalid > 0 ? 400 : 200;
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
