import { fastifyCookie } from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sessionPlugin } from '../auth/session-plugin';
import type { SessionStore } from '../auth/sessions';
import { apiErrorHandler } from '../http/api-error';
import { validatorCompiler } from '../http/validation';

/**
 * Test support: a bare app with what `buildApp` gives every route (cookies, rate limiting, the session plugin,
 * zod schemas and the error shape), for tests of one route plugin without the inventory behind the rest.
 */
export async function routeTestApp(
  sessions: SessionStore,
  options: Pick<FastifyServerOptions, 'trustProxy' | 'logger'> = {},
): Promise<FastifyInstance> {
  const app = Fastify(options);
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(apiErrorHandler);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(sessionPlugin, { sessions });
  return app;
}
