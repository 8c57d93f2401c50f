import type { FastifyPluginAsync } from 'fastify';
import { displayAdminRoutes, type DisplayAdminRoutesOptions } from './admin-routes';
import { displaySessionRoutes, type DisplaySessionRoutesOptions } from './exchange-routes';

export type DisplayRoutesOptions = DisplayAdminRoutesOptions &
  Pick<DisplaySessionRoutesOptions, 'secureCookies' | 'rateLimit'>;

/** Everything wall displays need under `/api`: the admin API and the token exchange, each in its own scope. */
export const displayRoutes: FastifyPluginAsync<DisplayRoutesOptions> = async (app, options) => {
  await app.register(displayAdminRoutes, options);
  await app.register(displaySessionRoutes, options);
};
