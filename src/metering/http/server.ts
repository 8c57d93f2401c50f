import Fastify from 'fastify';
import type { FastifyError, FastifyInstance, FastifyPluginAsync } from 'fastify';
import { DEFAULT_ARCHIVE_POLICIES } from '../carbonara/archive-policy';
import { asGnocchiError, GnocchiError, gnocchiErrorBody } from '../errors';
import { Indexer } from '../indexer/indexer';
import { memoryJournal, sqliteJournal } from '../indexer/journal';
import { openMeasureStore, type MeasureStore } from '../storage/measure-store';
import type { Authenticate, MeteringRouteConfig } from './access';
import { accessHook, basicAuthentication } from './access';
import { readBatchBody } from './batch-body-reader';
import type { MeteringEngine } from './engine';
import type { NonFiniteStyle } from './json-writer';
import { writeJson } from './json-writer';
import { registerAggregates } from './routes-aggregates';
import { registerArchivePolicies } from './routes-archive-policy';
import { registerBatch } from './routes-batch';
import { registerMetrics } from './routes-metric';
import { registerResources } from './routes-resource';
import { registerResourceTypes } from './routes-resource-type';
import { registerSearch } from './routes-search';
import { registerVersions } from './routes-version';

// The Gnocchi 4.x REST subset as a Fastify plugin. Every failure, Fastify's own included, leaves in Gnocchi's
// envelope {code, title, description}.

/** A body above this is refused with 413 before it is parsed (Gnocchi has no limit of its own; a batch of a
 *  million measures is about 50 MB). */
export const BODY_LIMIT_BYTES = 64 * 1024 * 1024;

export interface MeteringPluginOptions {
  readonly engine: MeteringEngine;
  /** Who each request is and what it may reach; Gnocchi's basic auth with every right when absent. */
  readonly authenticate?: Authenticate;
}

export const meteringPlugin: FastifyPluginAsync<MeteringPluginOptions> = (
  app,
  { engine, authenticate = basicAuthentication },
) => {
  app.decorateRequest('meteringAccess', null);
  app.decorateRequest('meteringIndexer', null);
  app.addHook('onRequest', accessHook(authenticate, engine.indexer));
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES },
    (request, bytes, done) => {
      const shape = (request.routeOptions.config as MeteringRouteConfig).batchBody;
      const decoded = shape === undefined ? null : readBatchBody(bytes as Buffer, shape);
      if (decoded) {
        done(null, decoded);
        return;
      }
      const text = (bytes as Buffer).toString('utf8');
      try {
        done(null, text === '' ? undefined : (JSON.parse(text) as unknown));
      } catch {
        // ujson's words for a body it cannot read; JSON.parse's own (or a stack overflow on deep nesting)
        // would name the engine's internals.
        done(
          new GnocchiError(400, {
            cause: 'Unable to decode body',
            reason: 'Expected object or value',
            detail: [],
          }),
          undefined,
        );
      }
    },
  );
  // Any other type reaches the route, which answers 415 where it reads a body (jsonBody).
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES }, (_request, _body, done) =>
    done(null, undefined),
  );

  app.setErrorHandler((error: FastifyError | GnocchiError, _request, reply) => {
    let gnocchi = asGnocchiError(error);
    if (gnocchi === undefined) {
      reply.log.error(error);
      gnocchi = new GnocchiError(500, '');
    }
    return reply
      .code(gnocchi.status)
      .type('application/json')
      .send(writeJson(gnocchiErrorBody(gnocchi), engine.nonFinite));
  });
  app.setNotFoundHandler((_request, reply) =>
    reply
      .code(404)
      .type('application/json')
      .send(writeJson({ code: 404, title: 'Not Found', description: null }, engine.nonFinite)),
  );

  registerVersions(app, engine);
  registerArchivePolicies(app, engine);
  registerResourceTypes(app, engine);
  registerResources(app, engine);
  registerMetrics(app, engine);
  registerBatch(app, engine);
  registerSearch(app, engine);
  registerAggregates(app, engine);
  return Promise.resolve();
};

export interface MeteringServerOptions {
  /** SQLite files in this directory; in memory without it. */
  readonly dataDir?: string;
  /** The measure store, opened by the caller on `dataDir` (the dashboard's sends its writes to a thread). */
  readonly store?: MeasureStore;
  /** The clock, in milliseconds since the epoch (tests pin it). */
  readonly now?: () => number;
  /** How NaN and ±Infinity are written: JSON strings (default) or Gnocchi's bare tokens. */
  readonly nonFinite?: NonFiniteStyle;
  readonly logger?: boolean;
}

export function openEngine(options: MeteringServerOptions): MeteringEngine {
  const now = options.now ?? Date.now;
  const journal = options.dataDir === undefined ? memoryJournal() : sqliteJournal(options.dataDir);
  const indexer = new Indexer({ journal, defaultPolicies: DEFAULT_ARCHIVE_POLICIES });
  const store =
    options.store ?? openMeasureStore(options.dataDir === undefined ? {} : { dataDir: options.dataDir });
  let lastUs = 0;
  return {
    indexer,
    store,
    // Revisions are ordered by their start: two changes within one clock tick still get distinct instants.
    nowUs: () => {
      const us = Math.max(Math.round(now() * 1000), lastUs + 1);
      lastUs = us;
      return us;
    },
    nonFinite: options.nonFinite ?? 'string',
  };
}

export interface MeteringAppOptions extends MeteringServerOptions {
  /** An engine opened by the caller, who closes it (several apps may share one); else one of its own. */
  readonly engine?: MeteringEngine;
  readonly authenticate?: Authenticate;
}

export async function createMeteringServer(options: MeteringAppOptions = {}): Promise<FastifyInstance> {
  const engine = options.engine ?? openEngine(options);
  // gnocchiclient asks for collections with a trailing slash (/v1/resource_type/); resource ids reach 255 chars.
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1024 },
  });
  if (!options.engine) {
    app.addHook('onClose', async () => {
      engine.indexer.close();
      await engine.store.close();
    });
  }
  await app.register(meteringPlugin, {
    engine,
    ...(options.authenticate ? { authenticate: options.authenticate } : {}),
  });
  return app;
}
