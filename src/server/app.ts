import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compress from '@fastify/compress';
import { fastifyCookie } from '@fastify/cookie';
import etag from '@fastify/etag';
import helmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { authRoutes, type AuthRoutesOptions } from './auth/routes';
import { rejectCrossSite } from './auth/same-origin';
import { sessionPlugin } from './auth/session-plugin';
import type { SessionStore } from './auth/sessions';
import type { UserStore } from './auth/users';
import type { DisplayStore } from './displays/display-store';
import { displayRoutes } from './displays/routes';
import { apiErrorHandler, clientErrorHandler, notFoundHandler, routerErrorHandler } from './http/api-error';
import { hostAllowList } from './http/host-allow-list';
import { validatorCompiler } from './http/validation';
import type { GuestReader } from './guest/guest-reader';
import { guestRoutes } from './guest/routes';
import type { InventoryService } from './inventory/inventory-service';
import type { MeteringSource } from './metering/metering-backend';
import { inventoryRoutes } from './inventory/routes';
import { meteringApi, METERING_PREFIX, withoutMeteringTrailingSlash } from './metering-api/metering-api';
import type { SeriesService } from './series/series-service';
import { seriesRoutes } from './series/routes';
import type { ApiTokenStore } from './tokens/api-token-store';
import { apiTokenAdminRoutes } from './tokens/admin-routes';

// Assembles the server the SPA talks to: security headers, compression and ETags, the JSON API under /api,
// and the built SPA with client-side routing. What every route relies on (the host and cross-site checks,
// cookies, rate limiting, the session, zod schemas and the error shape) is set up here once, at the root.

// Routes that take a body say how large theirs may be; anything else gets next to nothing.
const DEFAULT_BODY_LIMIT = 1024;

// Vite puts a content hash in every file name under assets/, so a cached copy can never be out of date.
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface AppDependencies {
  logger: FastifyBaseLogger;
  users: UserStore;
  sessions: SessionStore;
  inventory: InventoryService;
  series: SeriesService;
  /** What runs inside the VMs; without it the guest routes answer guest_not_configured. */
  guest?: GuestReader;
  /** Wall displays and their token exchange; without it the server has no display routes. */
  displays?: DisplayStore;
  /** API tokens for scripts and Gnocchi clients; without it the server has no token routes. */
  apiTokens?: ApiTokenStore;
  /** What /metering reads, mounted read-only with the caller's rights (with `apiTokens`). */
  metering?: MeteringSource;
  vsphere?: AuthRoutesOptions['vsphere'];
  /** The built SPA (vite build's output); absent in API-only tests. */
  webRoot?: string;
  /** Secure cookies: true behind HTTPS, 'auto' to follow the request's protocol. */
  secureCookies?: boolean | 'auto';
  /** Whose X-Forwarded-* to believe: no one, the nearest N proxy hops, or these proxy addresses and CIDRs. */
  trustProxy?: false | number | string[];
  /** Host names answered besides IP addresses and loopback names (see `hostAllowList`). */
  allowedHosts?: readonly string[];
}

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    // Fastify takes a hop count too, but its types do not: proxy-addr numbers hops from the nearest, 0 first.
    trustProxy:
      typeof deps.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (deps.trustProxy as number)
        : (deps.trustProxy ?? false),
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Gnocchi resource ids reach 255 characters, more once URL-encoded.
    routerOptions: { maxParamLength: 1024 },
    rewriteUrl: (request) => withoutMeteringTrailingSlash(request.url ?? '/'),
    frameworkErrors: routerErrorHandler,
    clientErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(apiErrorHandler);
  app.addHook('onRequest', hostAllowList(deps.allowedHosts ?? []));
  app.addHook('onRequest', rejectCrossSite);

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
  await app.register(fastifyCookie);
  // Routes opt in with their own limits (sign-in, the display exchange).
  await app.register(fastifyRateLimit, { global: false });

  await app.register(
    async (api) => {
      await api.register(sessionPlugin, { sessions: deps.sessions });
      api.setNotFoundHandler(notFoundHandler);
      // Answers are per user and change every poll: a cache may keep them only to revalidate with the ETag.
      api.addHook('onSend', async (_request, reply) => {
        if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'private, no-cache');
      });
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
      if (deps.apiTokens) {
        await api.register(apiTokenAdminRoutes, { tokens: deps.apiTokens, inventory: deps.inventory });
      }
      await api.register(inventoryRoutes, { inventory: deps.inventory });
      await api.register(guestRoutes, { inventory: deps.inventory, guest: deps.guest });
      await api.register(seriesRoutes, { inventory: deps.inventory, series: deps.series });
    },
    { prefix: '/api' },
  );

  if (deps.metering && deps.apiTokens) {
    await app.register(meteringApi, {
      prefix: METERING_PREFIX,
      source: deps.metering,
      sessions: deps.sessions,
      tokens: deps.apiTokens,
      inventory: deps.inventory,
    });
  }

  if (deps.webRoot && existsSync(join(deps.webRoot, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: deps.webRoot,
      wildcard: false,
      index: 'index.html',
      cacheControl: false,
      setHeaders: (reply, path) => {
        // index.html names the current hashed files: it is checked on every load so a release shows at once.
        void reply.header('cache-control', path.includes('/assets/') ? IMMUTABLE : 'no-cache');
      },
    });
    // Client-side routes (/dc/…, /login) are the SPA's: answer them with index.html. A missing asset is a
    // 404, or a browser would cache a page of HTML as last release's script.
    app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'GET' || request.url.startsWith('/api/') || request.url.startsWith('/assets/'))
        return notFoundHandler(request, reply);
      return reply.type('text/html').sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler(notFoundHandler);
  }
  return app;
}
