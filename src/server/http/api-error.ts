import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody, ApiErrorCode } from '../../shared/api/errors';
import { UpstreamUnavailableError } from '../inventory/refreshing-cache';

// One error shape for every route: `{error: {code, message}}` with the right status, and nothing internal
// (stack traces, upstream URLs with credentials) in what reaches the browser.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (message: string) => new ApiError(404, 'not_found', message);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);

function body(code: ApiErrorCode, message: string): ApiErrorBody {
  return { error: { code, message } };
}

export function apiErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ApiError) return reply.code(error.status).send(body(error.code, error.message));
  if (error instanceof UpstreamUnavailableError) {
    return reply
      .code(503)
      .send(
        body(
          'upstream_unavailable',
          `The OVH API cannot be reached and there is no earlier data: ${error.message}`,
        ),
      );
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status === 429) return reply.code(429).send(body('rate_limited', error.message));
  if (status >= 400 && status < 500) return reply.code(status).send(body('bad_request', error.message));
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send(body('internal', 'Something went wrong on the server; it has been logged.'));
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send(body('not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
}
