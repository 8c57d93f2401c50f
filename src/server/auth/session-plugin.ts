import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthenticated } from '../http/api-error';
import type { Session, SessionStore } from './sessions';

// Who is asking, settled once per request before anything else runs: the session cookie is checked in
// `onRequest`, so a route that needs a session refuses a stranger before reading a byte of the body.

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's live session, or null without a valid session cookie. */
    session: Session | null;
  }
}

export const SESSION_COOKIE = 'vscope_session';

export interface SessionPluginOptions {
  sessions: SessionStore;
}

/** The session cookie's token, as sent; whether it is still valid is the store's to say. */
export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

/**
 * Sets `request.session` on every request of the scope it is registered in (it breaks encapsulation, so the
 * scope is its parent's). Needs @fastify/cookie.
 */
export const sessionPlugin = fp<SessionPluginOptions>(
  async (app: FastifyInstance, options) => {
    app.decorateRequest('session', null);
    app.addHook('onRequest', async (request) => {
      const token = sessionToken(request);
      request.session = token === undefined ? null : (options.sessions.validate(token) ?? null);
    });
  },
  { name: 'vscope-session', dependencies: ['@fastify/cookie'] },
);

/** An onRequest hook for routes that need a session: 401 without one. */
export async function requireSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.session) return;
  // A body larger than the route takes will never be read: closing the connection spares receiving it. A
  // body within the limit is drained as usual, so a browser whose session expired keeps its connection.
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > request.routeOptions.bodyLimit || request.headers['transfer-encoding'] !== undefined)
    void reply.header('connection', 'close');
  throw unauthenticated();
}

/** An onRequest hook for administrators only: 401 without a session, 403 for anyone else. */
export async function requireAdmin(request: FastifyRequest): Promise<void> {
  if (sessionOf(request).role !== 'admin') throw forbidden('Only administrators can do this.');
}

/** The request's session, for handlers behind `requireSession`; a 401 should it be missing after all. */
export function sessionOf(request: FastifyRequest): Session {
  if (!request.session) throw unauthenticated();
  return request.session;
}
