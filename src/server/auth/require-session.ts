import { fastifyCookie } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction, preHandlerHookHandler } from 'fastify';
import type { Session, SessionStore } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireSession` on the routes it guards. */
    session?: Session;
  }
}

export const SESSION_COOKIE = 'vscope_session';

/** The session cookie's token, read from the header so it works whether or not @fastify/cookie is in scope. */
export function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  return header ? fastifyCookie.parse(header)[SESSION_COOKIE] : undefined;
}

export function sessionFrom(request: FastifyRequest, sessions: SessionStore): Session | undefined {
  const token = sessionToken(request);
  return token ? sessions.validate(token) : undefined;
}

/** A preHandler that answers 401 without a live session, and otherwise sets `request.session`. */
export function requireSession(sessions: SessionStore): preHandlerHookHandler {
  return (request, reply, done) => {
    const session = sessionFrom(request, sessions);
    if (!session) {
      void reply.code(401).send({
        error: { code: 'unauthenticated', message: 'Your session has expired, sign in again.' },
      });
      return;
    }
    request.session = session;
    done();
  };
}

/** A preHandler for administrators only; it goes after `requireSession`, whose `request.session` it reads. */
export function requireAdmin(
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  if (!request.session) {
    void reply.code(401).send({
      error: { code: 'unauthenticated', message: 'Your session has expired, sign in again.' },
    });
    return;
  }
  if (request.session.role !== 'admin') {
    void reply.code(403).send({ error: { code: 'forbidden', message: 'Only administrators can do this.' } });
    return;
  }
  done();
}
