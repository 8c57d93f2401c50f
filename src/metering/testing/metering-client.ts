import type { FastifyInstance } from 'fastify';
import type { MeteringAppOptions } from '../http/server';
import { createMeteringServer } from '../http/server';

// Tests talk to the engine as a Gnocchi client does: basic auth with a user name, JSON bodies, JSON answers.

export interface MeteringResponse {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  readonly headers: Record<string, unknown>;
}

export interface MeteringClient {
  readonly app: FastifyInstance;
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    path: string,
    body?: unknown,
    options?: { readonly user?: string | null; readonly contentType?: string; readonly raw?: string },
  ): Promise<MeteringResponse>;
  close(): Promise<void>;
}

export async function meteringClient(options: MeteringAppOptions = {}): Promise<MeteringClient> {
  const app = await createMeteringServer(options);
  return {
    app,
    async request(method, path, body, requestOptions = {}) {
      const user = requestOptions.user === undefined ? 'admin' : requestOptions.user;
      const headers: Record<string, string> = {};
      if (user !== null) headers.authorization = `Basic ${Buffer.from(`${user}:`).toString('base64')}`;
      const payload = requestOptions.raw ?? (body === undefined ? undefined : JSON.stringify(body));
      if (payload !== undefined) headers['content-type'] = requestOptions.contentType ?? 'application/json';
      const response = await app.inject({
        method,
        url: path,
        headers,
        ...(payload === undefined ? {} : { payload }),
      });
      let parsed: unknown = undefined;
      if (response.body !== '') {
        try {
          parsed = JSON.parse(response.body) as unknown;
        } catch {
          parsed = undefined;
        }
      }
      return { status: response.statusCode, body: parsed, text: response.body, headers: response.headers };
    },
    close: () => app.close(),
  };
}
