import { join } from 'node:path';
import Fastify from 'fastify';
import type { Config } from '@/config/config';
import { meteringPlugin, openEngine, type MeteringEngine } from '@/metering';
import { GnocchiClient } from './gnocchi-client';
import { httpTransport, injectTransport } from './gnocchi-transport';

// Where capacity lives, from the configuration: the embedded Gnocchi-compatible engine, or a Gnocchi cluster.
// Either way the sync and the recorder write through the same GnocchiClient with full rights; only the
// embedded engine is handed out (for the dashboard to mount its API on the same indexer and store).

/** The Gnocchi user the server writes as: the creator of every resource and metric it makes. */
export const METERING_WRITER_USER = 'vscope';

export interface MeteringBackend {
  readonly writer: GnocchiClient;
  /** The embedded engine; absent with METERING_URL. */
  readonly engine?: MeteringEngine;
  close(): Promise<void>;
}

export async function openMeteringBackend(
  config: Pick<Config, 'metering' | 'dataDir'>,
): Promise<MeteringBackend> {
  if (config.metering.kind === 'remote') {
    const { url, auth } = config.metering;
    return { writer: new GnocchiClient(httpTransport({ url, auth })), close: () => Promise.resolve() };
  }
  const engine = openEngine(
    config.dataDir === ':memory:' ? {} : { dataDir: join(config.dataDir, 'metering') },
  );
  // The writer's own instance, never listening: the engine's routes and checks without a socket, with the
  // plugin's default basic auth (all rights). The mounted API shares the engine, not this instance.
  const app = Fastify({ logger: false });
  await app.register(meteringPlugin, { engine });
  await app.ready();
  return {
    writer: new GnocchiClient(injectTransport(app, METERING_WRITER_USER)),
    engine,
    close: async () => {
      await app.close();
      engine.indexer.close();
      engine.store.close();
    },
  };
}
