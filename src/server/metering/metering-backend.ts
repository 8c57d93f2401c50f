import { join } from 'node:path';
import Fastify from 'fastify';
import type { Config } from '@/config/config';
import { meteringPlugin, openEngine, type MeteringEngine } from '@/metering';
import type { Log } from '../logging';
import { GnocchiClient } from './gnocchi-client';
import { httpTransport, injectTransport, type GnocchiTransport } from './gnocchi-transport';
import { ThreadedMeasureStore } from './threaded-measure-store';

// Where capacity lives, from the configuration: the embedded Gnocchi-compatible engine, or a Gnocchi cluster.
// Either way the sync and the recorder write through the same GnocchiClient with full rights; what the
// dashboard mounts at /metering for its readers is the embedded engine itself, or the cluster behind a proxy
// that asks with the server's credentials.

/** The Gnocchi user the server writes as: the creator of every resource and metric it makes. */
export const METERING_WRITER_USER = 'vscope';

/** What /metering reads: the embedded engine (on its indexer and store), or a remote Gnocchi. */
export type MeteringSource =
  | { readonly kind: 'engine'; readonly engine: MeteringEngine }
  | { readonly kind: 'gnocchi'; readonly upstream: GnocchiTransport };

/** Measures per request to a Gnocchi cluster: a 20 000-VM pass in a couple of requests. */
const REMOTE_MEASURES_PER_REQUEST = 100_000;
/**
 * Measures per request to the embedded engine on disk, whose store writes on a thread of its own: the server's
 * thread only checks and looks the request up (a few milliseconds a thousand), and one commit (an fsync)
 * serves a thousand measures rather than fifty: a 20 000-VM pass took 60 s instead of 162 s.
 */
const THREADED_MEASURES_PER_REQUEST = 1_000;
/** Measures per request to the engine in memory, which ingests on the server's thread (half a millisecond each). */
const IN_MEMORY_MEASURES_PER_REQUEST = 50;

export interface MeteringBackend {
  readonly writer: GnocchiClient;
  /** How many measures the capacity recorder sends at once. */
  readonly measuresPerRequest: number;
  readonly source: MeteringSource;
  close(): Promise<void>;
}

export async function openMeteringBackend(
  config: Pick<Config, 'metering' | 'dataDir'>,
  log: Log,
): Promise<MeteringBackend> {
  if (config.metering.kind === 'remote') {
    const { url, auth } = config.metering;
    const upstream = httpTransport({ url, auth });
    return {
      writer: new GnocchiClient(upstream),
      measuresPerRequest: REMOTE_MEASURES_PER_REQUEST,
      source: { kind: 'gnocchi', upstream },
      close: () => Promise.resolve(),
    };
  }
  const inMemory = config.dataDir === ':memory:';
  const dataDir = join(config.dataDir, 'metering');
  const engine = openEngine(inMemory ? {} : { dataDir, store: ThreadedMeasureStore.open(dataDir, log) });
  // The writer's own instance, never listening: the engine's routes and checks without a socket, with the
  // plugin's default basic auth (all rights). The mounted API shares the engine, not this instance.
  const app = Fastify({ logger: false });
  await app.register(meteringPlugin, { engine });
  await app.ready();
  return {
    writer: new GnocchiClient(injectTransport(app, METERING_WRITER_USER)),
    measuresPerRequest: inMemory ? IN_MEMORY_MEASURES_PER_REQUEST : THREADED_MEASURES_PER_REQUEST,
    source: { kind: 'engine', engine },
    close: async () => {
      await app.close();
      engine.indexer.close();
      await engine.store.close();
    },
  };
}
