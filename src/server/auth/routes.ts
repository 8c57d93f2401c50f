import type {} from '@fastify/rate-limit';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SessionDisplay } from '@/shared/api/displays';
import type { SessionUser } from '@/shared/api/session';
import { ApiError, badRequest, rateLimited, unauthenticated } from '../http/api-error';
import { SESSION_COOKIE, sessionToken } from './session-plugin';
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
  /** Per client address, and separately per account name (the larger, as a NOC may share one account). */
  loginRateLimit?: { max: number; perAccountMax: number; timeWindowMs: number };
  /** What a wall display's session should learn about its display; without it none is described. */
  displayOf?: (displayId: string) => SessionDisplay | undefined;
}

// The per-account limit stops a password guesser who has many addresses; it is higher than the per-address one
// so that someone hammering a known account name locks its owner out for a few minutes at most, not forever.
const DEFAULT_LOGIN_RATE_LIMIT = { max: 10, perAccountMax: 20, timeWindowMs: 5 * 60_000 };

// Whatever the body holds, it is only a rate-limit key: no parsing beyond what is needed to find the name.
function attemptedUsername(request: FastifyRequest): string {
  const body = request.body as { username?: unknown } | null | undefined;
  return typeof body?.username === 'string' ? body.username.trim().toLowerCase().slice(0, 256) : '';
}

// The largest valid sign-in: a 256-character name and a 1 024-character password, each JSON-escaped.
const LOGIN_BODY_LIMIT = 16 * 1024;

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

const invalidCredentials = () => new ApiError(401, 'invalid_credentials', 'Wrong username or password.');

const loginLimited = (_request: FastifyRequest, context: { ttl: number }) =>
  rateLimited(`Too many login attempts, try again in ${Math.ceil(context.ttl / 1000)} s.`);

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

/**
 * Starts a session for this browser and sets its cookie. Whatever session the browser had gives way, so old
 * tokens do not linger.
 */
export function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { sessions: SessionStore; secureCookies: boolean | 'auto'; identity: SessionIdentity },
): Session {
  const { sessions } = options;
  const previous = sessionToken(request);
  if (previous) sessions.revoke(previous);
  const { token, session } = sessions.create(options.identity);
  void reply.header('cache-control', 'no-store').setCookie(SESSION_COOKIE, token, {
    ...sessionCookieOptions(request, options.secureCookies),
    maxAge: Math.floor(sessions.absoluteMs / 1000),
  });
  return session;
}

/**
 * POST, GET and DELETE `/session`: sign in, who am I, sign out. Registered under `/api`, in an app that has the
 * root plugins (cookies, rate limits, the session plugin, the zod validator and the error handler).
 */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, options) => {
  const { users, sessions, vsphere } = options;
  const rateLimit = options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT;
  const cookieOptions = (request: FastifyRequest) => sessionCookieOptions(request, options.secureCookies);
  // A limiter of its own, since the plugin runs one limiter per request and the address one has run.
  const accountLimit = app.createRateLimit({
    max: rateLimit.perAccountMax,
    timeWindow: rateLimit.timeWindowMs,
    keyGenerator: (request) => `account:${attemptedUsername(request)}`,
  });

  function signIn(request: FastifyRequest, reply: FastifyReply, identity: SessionIdentity) {
    const session = startSession(request, reply, {
      sessions,
      secureCookies: options.secureCookies,
      identity,
    });
    request.log.info({ username: session.username, provider: session.provider }, 'signed in');
    return { user: publicUser(session) };
  }

  function refuse(request: FastifyRequest, username: string, provider: string, detail?: string): never {
    request.log.info({ username, provider, ...(detail ? { detail } : {}) }, 'sign-in refused');
    throw invalidCredentials();
  }

  app.post(
    '/session',
    {
      bodyLimit: LOGIN_BODY_LIMIT,
      config: {
        rateLimit: {
          max: rateLimit.max,
          timeWindow: rateLimit.timeWindowMs,
          errorResponseBuilder: loginLimited,
        },
      },
      schema: { body: LoginSchema },
      // Counted once the body is read, since the account name is in it, and before it is checked, so that a
      // malformed attempt counts too.
      preValidation: async (request, reply) => {
        const limit = await accountLimit(request);
        if (limit.isAllowed || !limit.isExceeded) return;
        void reply.header('retry-after', limit.ttlInSeconds);
        throw loginLimited(request, limit);
      },
    },
    async (request, reply) => {
      const { username, password, provider } = request.body;

      if (provider === 'local') {
        const user = await users.verify(username, password);
        if (!user) refuse(request, username, provider);
        return signIn(request, reply, {
          username: user.username,
          role: user.role,
          provider: 'local',
          pccUser: user.pccUser,
          serviceName: null,
        });
      }

      if (!vsphere) throw badRequest('vSphere sign-in is not enabled on this server.');
      const result = await vsphere(username, password);
      if (result.ok) return signIn(request, reply, result.identity);
      if (result.reason === 'invalid-credentials') refuse(request, username, provider, result.detail);
      request.log.warn({ username, detail: result.detail }, 'vSphere sign-in unavailable');
      throw new ApiError(
        503,
        'upstream_unavailable',
        'vCenter cannot check your credentials right now, try again in a moment.',
      );
    },
  );

  app.get('/session', (request, reply) => {
    void reply.header('cache-control', 'no-store');
    const { session } = request;
    if (session) {
      const display = session.displayId ? options.displayOf?.(session.displayId) : undefined;
      return { user: publicUser(session, display) };
    }
    // A stale cookie is dropped so the browser stops sending it.
    if (sessionToken(request) !== undefined) void reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
    throw unauthenticated('You are not signed in.');
  });

  app.delete('/session', (request, reply) => {
    const token = sessionToken(request);
    if (token) sessions.revoke(token);
    if (request.session) request.log.info({ username: request.session.username }, 'signed out');
    return reply.clearCookie(SESSION_COOKIE, cookieOptions(request)).code(204).send();
  });
};
