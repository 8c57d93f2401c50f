import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiErrorBody, ApiErrorCode } from '@/shared/api/errors';
import { DomainError } from '../errors';
import { UpstreamUnavailableError } from '../inventory/refreshing-cache';

// One error shape for every answer, the router's and the HTTP parser's included: `{error: {code, message}}`
// with the right status, and nothing internal (stack traces, upstream URLs, the request's own URL echoed
// back) in what reaches the browser. The details go to the log. Routes only ever throw: an ApiError, a
// DomainError, or a request their schema refused (a 400 worded by z.prettifyError).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Fastify's name for the status: a scope with its own error handler (the mounted metering API) keeps it. */
  get statusCode(): number {
    return this.status;
  }
}

export const notFound = (message: string) => new ApiError(404, 'not_found', message);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);
export const unauthenticated = (message = 'Your session has expired, sign in again.') =>
  new ApiError(401, 'unauthenticated', message);
export const rateLimited = (message: string) => new ApiError(429, 'rate_limited', message);

function body(code: ApiErrorCode, message: string): ApiErrorBody {
  return { error: { code, message } };
}

const DOMAIN_ERRORS: Record<DomainError['reason'], (message: string) => ApiError> = {
  missing: notFound,
  forbidden,
};

/** A request that a route's zod schema refused (see `validatorCompiler`), rather than a ZodError of our own. */
function isRefusedRequest(error: FastifyError | Error): error is z.ZodError {
  return error instanceof z.ZodError && 'validationContext' in error;
}

// Fastify's own 4xx errors, in words that name no internals. Each key is a status Fastify or its plugins use.
const CLIENT_ERRORS: Record<number, { code: ApiErrorCode; message: string }> = {
  413: { code: 'payload_too_large', message: 'The request body is larger than this route accepts.' },
  414: { code: 'bad_request', message: 'The URL is too long.' },
  415: { code: 'bad_request', message: 'Send the body as application/json.' },
  429: { code: 'rate_limited', message: 'Too many requests, try again in a moment.' },
};

// Messages Fastify writes for malformed requests are safe to pass on: they describe the body, not the server.
const PASSED_ON = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

export function apiErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const answer = error instanceof DomainError ? DOMAIN_ERRORS[error.reason](error.message) : error;
  if (answer instanceof ApiError) return reply.code(answer.status).send(body(answer.code, answer.message));
  if (isRefusedRequest(error)) return reply.code(400).send(body('bad_request', z.prettifyError(error)));
  if (error instanceof UpstreamUnavailableError) {
    request.log.warn({ err: error }, 'no data to serve');
    return reply
      .code(503)
      .send(body('upstream_unavailable', `There is no data from ${error.upstream} yet: ${error.message}.`));
  }
  const fastifyError = error as FastifyError;
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    request.log.info({ err: error }, 'request refused');
    const known = CLIENT_ERRORS[status];
    if (known) return reply.code(status).send(body(known.code, known.message));
    const message =
      fastifyError.code && PASSED_ON.has(fastifyError.code) ? error.message : 'The request is malformed.';
    return reply.code(status).send(body('bad_request', message));
  }
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send(body('internal', 'Something went wrong on the server; it has been logged.'));
}

// The path alone, cut short: a 10 kB URL should not come back in full.
function shownPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.length > 100 ? `${path.slice(0, 100)}…` : path;
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send(body('not_found', `No route ${request.method} ${shownPath(request.url)}`));
}

/** Fastify's `frameworkErrors`: a URL the router cannot decode, or a path segment over `maxParamLength`. */
export function routerErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  request.log.info({ err: error }, 'URL refused');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.code(414).send(body('bad_request', 'A part of the URL is too long.'));
  } else {
    void reply.code(400).send(body('bad_request', 'The URL is not valid.'));
  }
}

const CLIENT_ERROR_STATUS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request headers are too large.'],
  HPE_URI_TOO_LONG: [414, 'URI Too Long', 'The URL is too long.'],
};

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before Fastify sees a request (oversized
 * headers, garbage on the wire), answered in the same shape as everything else.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, message] = CLIENT_ERROR_STATUS[error.code ?? ''] ?? [
    400,
    'Bad Request',
    'The request is malformed.',
  ];
  const payload = JSON.stringify(body('bad_request', message));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
  );
}
