import type { FastifyPluginAsync } from 'fastify';
import { meteringPlugin, type MeteringEngine } from '@/metering';
import { meteringAuthenticate, type MeteringAccessOptions } from './metering-access';

// The metering engine's Gnocchi API, mounted on the dashboard at /metering (a Gnocchi client's endpoint is
// `http://host:port/metering`). The engine sees every request through the caller's rights; the dashboard's
// own sync writes through its internal writer, never through this mount.

export const METERING_PREFIX = '/metering';

export interface MeteringApiOptions extends MeteringAccessOptions {
  engine: MeteringEngine;
}

export const meteringApi: FastifyPluginAsync<MeteringApiOptions> = async (app, options) => {
  // Answers are per caller and change with every poll: a cache may keep them only to revalidate.
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'private, no-cache');
  });
  await app.register(meteringPlugin, { engine: options.engine, authenticate: meteringAuthenticate(options) });
};

/**
 * gnocchiclient asks for collections with a trailing slash (`/v1/resource_type/`), which the engine's own
 * server ignores; the dashboard's router is strict, so the slash is dropped before routing, under /metering
 * only.
 */
export function withoutMeteringTrailingSlash(url: string): string {
  if (!url.startsWith(`${METERING_PREFIX}/`)) return url;
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (path.length <= METERING_PREFIX.length + 1 || !path.endsWith('/')) return url;
  return path.slice(0, -1) + (query < 0 ? '' : url.slice(query));
}
