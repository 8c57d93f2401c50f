import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { tsdbRoutes } from './http-routes';
import type { TsdbStore } from './store';

// A stand-alone OpenTSDB-compatible server: the plugin at the root, as a real TSD serves it.

export interface TsdbServerOptions {
  readonly store: TsdbStore;
  /** A pino logger to log into, or `true` / `false` for Fastify's own. */
  readonly logger?: FastifyBaseLogger | boolean;
  readonly now?: () => number;
  readonly maxDataPoints?: number;
  readonly putBodyLimit?: number;
}

export async function createTsdbServer(options: TsdbServerOptions): Promise<FastifyInstance> {
  const logger = options.logger ?? false;
  const app =
    typeof logger === 'boolean'
      ? Fastify({ logger })
      : (Fastify({ loggerInstance: logger }) as unknown as FastifyInstance);
  await app.register(tsdbRoutes, {
    store: options.store,
    now: options.now,
    maxDataPoints: options.maxDataPoints,
    putBodyLimit: options.putBodyLimit,
  });
  app.addHook('onClose', () => options.store.close());
  return app;
}
