import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compress from '@fastify/compress';
import etag from '@fastify/etag';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { authRoutes, type AuthRoutesOptions } from './auth/routes';
import { rejectCrossSite } from './auth/same-origin';
import type { SessionStore } from './auth/sessions';
import type { UserStore } from './auth/users';
import type { DisplayStore } from './displays/display-store';
import { displayRoutes } from './displays/routes';
import { apiErrorHandler, notFoundHandler } from './http/api-error';
import type { InventoryService } from './inventory/inventory-service';
import { inventoryRoutes } from './inventory/routes';
import type { SeriesService } from './series/series-service';
import { seriesRoutes } from './series/routes';

// Assembles the server the SPA talks to: security headers, compression and ETags, the JSON API under /api,
// and the built SPA with client-side routing.

export interface AppDependencies {
  logger: FastifyBaseLogger;
  users: UserStore;
  sessions: SessionStore;
  inventory: InventoryService;
  series: SeriesService;
  /** Wall displays and their token exchange; without it the server has no display routes. */
  displays?: DisplayStore;
  vsphere?: AuthRoutesOptions['vsphere'];
  /** The built SPA (vite build's output); absent in API-only tests. */
  webRoot?: string;
  /** Secure cookies: true behind HTTPS, 'auto' to follow the request's protocol. */
  secureCookies?: boolean | 'auto';
  trustProxy?: boolean;
}

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    trustProxy: deps.trustProxy ?? false,
    routerOptions: { maxParamLength: 500 },
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Charts and virtualised tables position elements with style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Served over plain HTTP on loopback in demo mode: HSTS belongs to the TLS front end, not to us.
    strictTransportSecurity: false,
  });
  await app.register(compress, { threshold: 1024 });
  await app.register(etag);

  app.addHook('onRequest', rejectCrossSite);
  app.setErrorHandler(apiErrorHandler);

  await app.register(
    async (api) => {
      api.setNotFoundHandler(notFoundHandler);
      api.get('/health', () => ({ status: 'ok' }));
      await api.register(authRoutes, {
        users: deps.users,
        sessions: deps.sessions,
        vsphere: deps.vsphere,
        secureCookies: deps.secureCookies ?? 'auto',
        displayOf: (id) => deps.displays?.sessionDisplay(id),
      });
      if (deps.displays) {
        await api.register(displayRoutes, {
          displays: deps.displays,
          sessions: deps.sessions,
          inventory: deps.inventory,
          secureCookies: deps.secureCookies ?? 'auto',
        });
      }
      await api.register(inventoryRoutes, { inventory: deps.inventory, sessions: deps.sessions });
      await api.register(seriesRoutes, {
        inventory: deps.inventory,
        sessions: deps.sessions,
        series: deps.series,
      });
    },
    { prefix: '/api' },
  );

  if (deps.webRoot && existsSync(join(deps.webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: deps.webRoot, wildcard: false, index: 'index.html' });
    // Client-side routes (/dc/…, /login) are the SPA's: answer them with index.html.
    app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'GET' || request.url.startsWith('/api/')) return notFoundHandler(request, reply);
      return reply.type('text/html').sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler(notFoundHandler);
  }
  return app;
}
