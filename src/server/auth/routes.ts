import { fastifyCookie } from '@fastify/cookie';
import type { CookieSerializeOptions } from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SessionDisplay } from '../../shared/api/displays';
import type { SessionUser } from '../../shared/api/session';
import { SESSION_COOKIE, sessionFrom, sessionToken } from './require-session';
import type { Session, SessionIdentity, SessionStore } from './sessions';
import type { UserStore } from './users';

export type VsphereLogin = (
  username: string,
  password: string,
) => Promise<
  | { ok: true; identity: SessionIdentity }
  | { ok: false; reason: 'invalid-credentials' | 'unavailable'; detail: string }
>;

export interface AuthRoutesOptions {
  users: UserStore;
  sessions: SessionStore;
  /** Checks credentials against the PCC's vCenter; without it only local users can sign in. */
  vsphere?: VsphereLogin;
  /** `'auto'` marks the cookie Secure when the request came over HTTPS (see Fastify's `trustProxy`). */
  secureCookies: boolean | 'auto';
  loginRateLimit?: { max: number; timeWindowMs: number };
  /** What a wall display's session should learn about its display; without it none is described. */
  displayOf?: (displayId: string) => SessionDisplay | undefined;
}

const DEFAULT_LOGIN_RATE_LIMIT = { max: 10, timeWindowMs: 5 * 60_000 };

const LoginSchema = z.object(
  {
    username: z
      .string({ error: 'username is required.' })
      .min(1, 'username is required.')
      .max(256, 'username is too long.'),
    password: z
      .string({ error: 'password is required.' })
      .min(1, 'password is required.')
      .max(1024, 'password is too long.'),
    provider: z
      .enum(['local', 'vsphere'], { error: "provider must be 'local' or 'vsphere'." })
      .default('local'),
  },
  { error: 'Expected a JSON object with username and password.' },
);

const INVALID_CREDENTIALS = {
  error: { code: 'invalid_credentials', message: 'Wrong username or password.' },
};

// Thrown by the rate limiter and turned into our error shape by the plugin's error handler.
class LoginRateLimited extends Error {
  constructor(retryAfterSeconds: number) {
    super(`Too many login attempts, try again in ${retryAfterSeconds} s.`);
  }
}

/** The session as the SPA sees it (`GET /api/session`); a display's session also says how to set up its wall. */
export function publicUser(session: Session, display?: SessionDisplay): SessionUser {
  return {
    username: session.username,
    role: session.role,
    provider: session.provider,
    pccUser: session.pccUser,
    serviceName: session.serviceName,
    ...(display ? { display } : {}),
  };
}

/** The session cookie's attributes; `'auto'` marks it Secure when the request came over HTTPS. */
export function sessionCookieOptions(
  request: FastifyRequest,
  secureCookies: boolean | 'auto',
): CookieSerializeOptions {
  const secure = secureCookies === 'auto' ? request.protocol === 'https' : secureCookies;
  return { httpOnly: true, sameSite: 'strict', path: '/', secure };
}

function declareSessionRoutes(app: FastifyInstance, opts: AuthRoutesOptions): void {
  const { users, sessions, vsphere } = opts;
  const rateLimit = opts.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT;

  const cookieOptions = (request: FastifyRequest) => sessionCookieOptions(request, opts.secureCookies);

  function signIn(request: FastifyRequest, reply: FastifyReply, identity: SessionIdentity) {
    // A fresh login replaces whatever session this browser had, so old tokens do not linger.
    const previous = sessionToken(request);
    if (previous) sessions.revoke(previous);
    const { token, session } = sessions.create(identity);
    request.log.info({ username: session.username, provider: session.provider }, 'signed in');
    return reply
      .header('cache-control', 'no-store')
      .setCookie(SESSION_COOKIE, token, {
        ...cookieOptions(request),
        maxAge: Math.floor(sessions.absoluteMs / 1000),
      })
      .send({ user: publicUser(session) });
  }

  app.post(
    '/session',
    {
      config: {
        rateLimit: {
          max: rateLimit.max,
          timeWindow: rateLimit.timeWindowMs,
          errorResponseBuilder: (_request, context) => new LoginRateLimited(Math.ceil(context.ttl / 1000)),
        },
      },
    },
    async (request, reply) => {
      const parsed = LoginSchema.safeParse(request.body);
      if (!parsed.success) {
        const message = parsed.error.issues.map((issue) => issue.message).join(' ');
        return reply.code(400).send({ error: { code: 'bad_request', message } });
      }
      const { username, password, provider } = parsed.data;

      if (provider === 'local') {
        const user = await users.verify(username, password);
        if (!user) {
          request.log.info({ provider }, 'sign-in refused');
          return reply.code(401).send(INVALID_CREDENTIALS);
        }
        return signIn(request, reply, {
          username: user.username,
          role: user.role,
          provider: 'local',
          pccUser: user.pccUser,
          serviceName: null,
        });
      }

      if (!vsphere) {
        return reply.code(400).send({
          error: { code: 'bad_request', message: 'vSphere sign-in is not enabled on this server.' },
        });
      }
      const result = await vsphere(username, password);
      if (result.ok) return signIn(request, reply, result.identity);
      if (result.reason === 'invalid-credentials') {
        request.log.info({ provider, detail: result.detail }, 'sign-in refused');
        return reply.code(401).send(INVALID_CREDENTIALS);
      }
      request.log.warn({ detail: result.detail }, 'vSphere sign-in unavailable');
      return reply.code(503).send({
        error: {
          code: 'upstream_unavailable',
          message: 'vCenter cannot check your credentials right now, try again in a moment.',
        },
      });
    },
  );

  app.get('/session', (request, reply) => {
    const session = sessionFrom(request, sessions);
    void reply.header('cache-control', 'no-store');
    if (session) {
      const display = session.displayId ? opts.displayOf?.(session.displayId) : undefined;
      return reply.send({ user: publicUser(session, display) });
    }
    // A stale cookie is dropped so the browser stops sending it.
    if (sessionToken(request) !== undefined) void reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
    return reply.code(401).send({ error: { code: 'unauthenticated', message: 'You are not signed in.' } });
  });

  app.delete('/session', (request, reply) => {
    const token = sessionToken(request);
    if (token) sessions.revoke(token);
    return reply.clearCookie(SESSION_COOKIE, cookieOptions(request)).code(204).send();
  });
}

/**
 * POST, GET and DELETE `/session`: sign in, who am I, sign out. Registered under `/api`. It brings its own
 * @fastify/cookie and @fastify/rate-limit unless the app already provides them.
 */
export function authRoutes(
  app: FastifyInstance,
  opts: AuthRoutesOptions,
  done: (error?: Error) => void,
): void {
  if (!app.hasDecorator('parseCookie')) void app.register(fastifyCookie);
  if (!app.hasDecorator('rateLimit')) void app.register(fastifyRateLimit, { global: false });

  // Only our own rate-limit error is shaped here; anything else goes on to the app's error handler.
  app.setErrorHandler((error, _request, reply) => {
    if (!(error instanceof LoginRateLimited)) throw error;
    return reply.code(429).send({ error: { code: 'rate_limited', message: error.message } });
  });

  // The routes go in a child plugin so they are declared after the two above have loaded: the rate limiter
  // attaches itself to routes from an onRoute hook.
  void app.register((routes, _registerOptions, registered) => {
    declareSessionRoutes(routes, opts);
    registered();
  });
  done();
}
