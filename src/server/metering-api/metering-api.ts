import type { FastifyPluginAsync } from 'fastify';
import { meteringPlugin } from '@/metering';
import type { MeteringSource } from '@/server/metering/metering-backend';
import { meteringAuthenticate, type MeteringAccessOptions } from './metering-access';
import { meteringProxy } from './metering-proxy';

// The Gnocchi API, mounted on the dashboard at /metering (a Gnocchi client's endpoint is
// `http://host:port/metering`): the embedded engine, which sees every request through the caller's rights, or
// the remote Gnocchi of METERING_URL through a proxy that asks it only what those rights allow. A client (the
// Capacity page included) cannot tell which. The dashboard's own sync writes elsewhere, never through this mount.

export const METERING_PREFIX = '/metering';

export interface MeteringApiOptions extends MeteringAccessOptions {
  source: MeteringSource;
}

export const meteringApi: FastifyPluginAsync<MeteringApiOptions> = async (app, options) => {
  // Answers are per caller and change with every poll: a cache may keep them only to revalidate.
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'private, no-cache');
  });
  // Not the rest of `options`: it holds the register options (the prefix), which would mount a second time.
  const { source, sessions, tokens, inventory } = options;
  const access = { sessions, tokens, inventory };
  if (source.kind === 'engine')
    await app.register(meteringPlugin, { engine: source.engine, authenticate: meteringAuthenticate(access) });
  else await app.register(meteringProxy, { ...access, upstream: source.upstream });
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
