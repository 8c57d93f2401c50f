import type { FastifyInstance } from 'fastify';
import type { MeteringAuth } from '@/config/config';
import { messageOf } from '../errors';

// How the server's Gnocchi client reaches an engine: over HTTP to a Gnocchi cluster, or in-process to the
// embedded engine through Fastify's inject (same routes, same validation, no socket). The client above it
// cannot tell which, so the sync and the recorder run the same code against both.

export interface GnocchiAnswer {
  readonly status: number;
  readonly text: string;
}

export type GnocchiMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A body already written as JSON, sent as it is (the metering proxy's filters keep Python's floats). */
export class JsonText {
  constructor(readonly text: string) {}
}

const payloadOf = (body: unknown) => (body instanceof JsonText ? body.text : JSON.stringify(body));

export interface GnocchiTransport {
  /** A name for logs and errors, never with credentials. */
  readonly label: string;
  /** `status` 0: the engine could not be reached. */
  request(method: GnocchiMethod, path: string, body?: unknown, contentType?: string): Promise<GnocchiAnswer>;
}

export interface HttpTransportOptions {
  /** The Gnocchi endpoint, without /v1. */
  url: string;
  auth: MeteringAuth;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

function authHeader(auth: MeteringAuth): [string, string] {
  return auth.kind === 'token'
    ? ['x-auth-token', auth.token]
    : ['authorization', `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`];
}

export function httpTransport(options: HttpTransportOptions): GnocchiTransport {
  const base = options.url.replace(/\/+$/, '');
  const url = new URL(base);
  const [authName, authValue] = authHeader(options.auth);
  return {
    label: `Gnocchi at ${url.origin}${url.pathname === '/' ? '' : url.pathname}`,
    async request(method, path, body, contentType = 'application/json') {
      const headers: Record<string, string> = { accept: 'application/json', [authName]: authValue };
      if (body !== undefined) headers['content-type'] = contentType;
      try {
        const response = await (options.fetch ?? fetch)(`${base}${path}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body: payloadOf(body) }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
        });
        return { status: response.status, text: await response.text() };
      } catch (error) {
        return { status: 0, text: `unreachable: ${messageOf(error)}` };
      }
    },
  };
}

/** The embedded engine through an app that registered meteringPlugin with its basic auth: `user` is the creator. */
export function injectTransport(app: FastifyInstance, user: string): GnocchiTransport {
  const authorization = `Basic ${Buffer.from(`${user}:`).toString('base64')}`;
  return {
    label: 'the embedded metering engine',
    async request(method, path, body, contentType = 'application/json') {
      const headers: Record<string, string> = { accept: 'application/json', authorization };
      if (body !== undefined) headers['content-type'] = contentType;
      const response = await app.inject({
        method,
        url: path,
        headers,
        ...(body === undefined ? {} : { payload: payloadOf(body) }),
      });
      return { status: response.statusCode, text: response.body };
    },
  };
}
