import type { FastifyInstance } from 'fastify';
import { signedInject } from './signed-inject';

// Test helper: walks the whole simulated OVH API as a client would (lists, then every object), returning
// each response with the OVH model it must match. `batch` fetches objects 40 ids at a time.

export interface CrawledResponse {
  path: string;
  status: number;
  body: string;
  /** The OVH model of each object in the response (null for id lists). */
  model: string | null;
}

type Fetch = (path: string, batch?: boolean) => Promise<CrawledResponse & { json: unknown }>;

function fetcher(app: FastifyInstance, now: number, log: CrawledResponse[]): Fetch {
  return async (path, batch) => {
    const response = await signedInject(app, now, { path, batch: batch ? ',' : undefined });
    const entry = { path, status: response.statusCode, body: response.body, model: null };
    log.push(entry);
    return { ...entry, json: response.json() };
  };
}

async function objects(get: Fetch, log: CrawledResponse[], list: string, model: string, batch: boolean) {
  const ids = (await get(list)).json as number[];
  const chunks = batch
    ? Array.from({ length: Math.ceil(ids.length / 40) }, (_, i) => ids.slice(i * 40, i * 40 + 40))
    : ids.map((id) => [id]);
  for (const chunk of chunks) {
    await get(`${list}/${chunk.join(',')}`, batch);
    const last = log[log.length - 1];
    if (last) last.model = model;
  }
  return ids;
}

export async function crawlOvhApi(
  app: FastifyInstance,
  now: number,
  batch = false,
): Promise<CrawledResponse[]> {
  const log: CrawledResponse[] = [];
  const get = fetcher(app, now, log);
  const services = (await get('/dedicatedCloud')).json as string[];
  for (const sn of services) {
    const base = `/dedicatedCloud/${sn}`;
    await get(base);
    const last = log[log.length - 1];
    if (last) last.model = 'dedicatedCloud.dedicatedCloudWithIAM';
    const dcs = await objects(get, log, `${base}/datacenter`, 'dedicatedCloud.Datacenter', batch);
    for (const dc of dcs) {
      for (const [kind, model] of [
        ['filer', 'dedicatedCloud.Filer'],
        ['host', 'dedicatedCloud.Host'],
        ['vm', 'dedicatedCloud.Vm'],
      ] as const) {
        await objects(get, log, `${base}/datacenter/${dc}/${kind}`, model, batch);
      }
    }
    await objects(get, log, `${base}/filer`, 'dedicatedCloud.Filer', batch);
    const users = await objects(get, log, `${base}/user`, 'dedicatedCloud.User', batch);
    for (const user of users) {
      await objects(get, log, `${base}/user/${user}/right`, 'dedicatedCloud.Right', batch);
    }
  }
  return log;
}
