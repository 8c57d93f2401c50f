import { z } from 'zod';
import { messageOf } from '@/server/errors';
import {
  OpenTsdbError,
  OpenTsdbResponseSchema,
  type OpenTsdbEndpoint,
  type OpenTsdbPoint,
  type OpenTsdbQuery,
  type OpenTsdbResult,
} from './endpoint';

// An OpenTSDB endpoint over HTTP: an OpenTSDB cluster, OVH Metrics, or the simulator's Metrics platform.
// The token, when there is one, goes in HTTP Basic auth as OVH Metrics expects (user name ignored).

export interface HttpEndpointOptions {
  url: string;
  token?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const ErrorBody = z.object({ error: z.object({ message: z.string() }) });

/** Points per /api/put request: OpenTSDB's default chunk limit is 512 KB of JSON. */
const PUT_BATCH = 2_000;

export class HttpOpenTsdbEndpoint implements OpenTsdbEndpoint {
  readonly label: string;
  private readonly base: string;

  constructor(private readonly options: HttpEndpointOptions) {
    this.base = options.url.replace(/\/+$/, '');
    const url = new URL(this.base);
    this.label = `OpenTSDB at ${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
  }

  async query(query: OpenTsdbQuery, signal?: AbortSignal): Promise<OpenTsdbResult[]> {
    return OpenTsdbResponseSchema.parse(await this.post('/api/query', query, signal));
  }

  async put(points: readonly OpenTsdbPoint[], signal?: AbortSignal): Promise<void> {
    for (let i = 0; i < points.length; i += PUT_BATCH) {
      await this.post('/api/put?summary', points.slice(i, i + PUT_BATCH), signal);
    }
  }

  private async post(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (this.options.token) {
      headers.authorization = `Basic ${Buffer.from(`vscope:${this.options.token}`).toString('base64')}`;
    }
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(`${this.base}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      throw new OpenTsdbError(0, this.label, `unreachable: ${messageOf(error)}`);
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text.slice(0, 300);
      try {
        message = ErrorBody.parse(JSON.parse(text)).error.message;
      } catch {
        // Not OpenTSDB's error body: keep the raw text.
      }
      throw new OpenTsdbError(response.status, this.label, `answered ${response.status}: ${message}`);
    }
    return text === '' ? null : (JSON.parse(text) as unknown);
  }
}
