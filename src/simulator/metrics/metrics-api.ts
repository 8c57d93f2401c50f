import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { tsdbRoutes } from '@/tsdb';
import type { SyntheticStore } from './synthetic-store';

// The simulated OVH Metrics platform: the OpenTSDB HTTP API over the synthetic vScope series, behind HTTP Basic
// auth where, as on OVH Metrics, the user name is ignored and the password is a token from metricsToken.

export interface MetricsApiOptions {
  store: SyntheticStore;
  now: () => number;
  isValidToken: (token: string) => boolean;
}

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

export async function metricsApi(app: FastifyInstance, options: MetricsApiOptions): Promise<void> {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const token = tokenOf(request);
    if (token === undefined || !options.isValidToken(token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Basic realm="metrics"')
        .send({ error: { code: 401, message: 'Invalid or missing metrics token' } });
    }
  });
  await app.register(tsdbRoutes, { store: options.store, now: options.now });
}
