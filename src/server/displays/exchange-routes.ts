import type {} from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DisplaySessionRequestSchema } from '@/shared/api/displays';
import type { SessionResponse } from '@/shared/api/session';
import { SESSION_COOKIE, sessionToken } from '../auth/session-plugin';
import { publicUser, sessionCookieOptions, startSession } from '../auth/routes';
import type { SessionStore } from '../auth/sessions';
import { ApiError, rateLimited } from '../http/api-error';
import type { DisplayStore } from './display-store';

// A wall screen trades its display token for an ordinary session cookie, and keeps the token in a second
// HttpOnly cookie that only this route ever receives. When the session ends (idle, absolute lifetime, a wiped
// database) the screen posts here again with no body and is back without anyone typing anything, and the
// token never sits in the page's JavaScript-readable storage.

export const DISPLAY_COOKIE = 'vscope_display';

// Browsers cap cookie lifetimes at 400 days; the exchange renews it, so a screen in use never reaches it.
const DISPLAY_COOKIE_MAX_AGE_S = 400 * 24 * 3600;

const DEFAULT_EXCHANGE_RATE_LIMIT = { max: 30, timeWindowMs: 5 * 60_000 };

export interface DisplaySessionRoutesOptions {
  displays: DisplayStore;
  sessions: SessionStore;
  /** `'auto'` marks the cookies Secure when the request came over HTTPS, as for sign-in. */
  secureCookies: boolean | 'auto';
  /** Per client address. A NOC's screens may share one address, hence more room than for sign-in. */
  rateLimit?: { max: number; timeWindowMs: number };
}

/**
 * POST and DELETE `/display-session`: exchange a display token (from the body, or else from the display
 * cookie) for a session, and unpair. Registered under `/api`, in an app that has the root plugins.
 */
export const displaySessionRoutes: FastifyPluginAsyncZod<DisplaySessionRoutesOptions> = async (
  app,
  options,
) => {
  const { displays, sessions } = options;
  const rateLimit = options.rateLimit ?? DEFAULT_EXCHANGE_RATE_LIMIT;
  // The display cookie goes to this route only, so no other request (and no log of one) ever carries it.
  const cookiePath = `${app.prefix}/display-session`;

  // A re-exchange has nothing to send; a client that still labels its empty body as JSON is not wrong.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, parsed) => {
    const text = body.toString();
    if (text === '') parsed(null, undefined);
    else void parseJson(request, text, parsed);
  });

  function displayCookieOptions(request: FastifyRequest) {
    return { ...sessionCookieOptions(request, options.secureCookies), path: cookiePath };
  }

  function refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    code: 'invalid_credentials' | 'display_revoked',
    message: string,
  ): never {
    request.log.info({ code }, 'display sign-in refused');
    // The screen stops offering a dead token; it needs a new link from an administrator.
    if (request.cookies[DISPLAY_COOKIE] !== undefined)
      void reply.clearCookie(DISPLAY_COOKIE, displayCookieOptions(request));
    void reply.header('cache-control', 'no-store');
    throw new ApiError(401, code, message);
  }

  app.post(
    '/display-session',
    {
      bodyLimit: 4096,
      config: {
        rateLimit: {
          max: rateLimit.max,
          timeWindow: rateLimit.timeWindowMs,
          errorResponseBuilder: (_request, context) =>
            rateLimited(`Too many display sign-ins, try again in ${Math.ceil(context.ttl / 1000)} s.`),
        },
      },
      // No body at all re-exchanges the token in the cookie.
      schema: { body: DisplaySessionRequestSchema.nullish() },
    },
    (request, reply) => {
      const token = request.body?.token ?? request.cookies[DISPLAY_COOKIE];
      if (token === undefined) {
        refuse(
          request,
          reply,
          'invalid_credentials',
          "This screen has no display token: open the display's link again.",
        );
      }
      const display = displays.findByToken(token);
      if (!display) {
        refuse(
          request,
          reply,
          'invalid_credentials',
          'This display link is not valid, or its token was replaced: ask an administrator for the current link.',
        );
      }
      if (display.revoked) {
        refuse(
          request,
          reply,
          'display_revoked',
          `Display "${display.name}" was revoked by an administrator.`,
        );
      }

      // Whatever session this browser had, an administrator's included, gives way to the display's.
      const session = startSession(request, reply, {
        sessions,
        secureCookies: options.secureCookies,
        identity: {
          username: display.name,
          role: 'viewer',
          provider: 'display',
          pccUser: null,
          serviceName: null,
          displayId: display.id,
          scope: display.scope,
        },
      });
      displays.markSeen(display.id, session.createdAt);
      request.log.info({ displayId: display.id }, 'display signed in');
      const body: SessionResponse = {
        user: publicUser(session, {
          id: display.id,
          name: display.name,
          scope: display.scope,
          wall: display.wall,
        }),
      };
      return reply
        .setCookie(DISPLAY_COOKIE, token, {
          ...displayCookieOptions(request),
          maxAge: DISPLAY_COOKIE_MAX_AGE_S,
        })
        .send(body);
    },
  );

  // Unpairs this browser: ends its session and forgets the display token.
  app.delete('/display-session', (request, reply) => {
    const token = sessionToken(request);
    if (token) sessions.revoke(token);
    return reply
      .clearCookie(SESSION_COOKIE, sessionCookieOptions(request, options.secureCookies))
      .clearCookie(DISPLAY_COOKIE, displayCookieOptions(request))
      .code(204)
      .send();
  });
};
