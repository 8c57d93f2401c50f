import { setTimeout as sleep } from 'node:timers/promises';
import type { OvhCredentials } from '@/config/config';
import { ovhSignature } from '@/shared/ovh/signature';
import type { Log } from '@/server/logging';
import { OvhApiError, OvhNetworkError } from './errors';
import { OAuth2Token } from './oauth2';

// Our OVH API v1 client, on fetch: `$1$` signing against OVH's clock (the /auth/time delta), or OAuth2 bearer
// tokens; a timeout on every request; retries with exponential backoff on 5xx, 429 and network failures.
// The official node library cannot send X-Ovh-Batch, hence this client.

export interface OvhClientOptions {
  /** The API base, …/1.0 */
  baseUrl: string;
  credentials: OvhCredentials;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  /** Extra attempts after the first, for retryable failures. */
  retries?: number;
  retryBaseMs?: number;
  log?: Log;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export class OvhClient {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly oauth2: OAuth2Token | undefined;
  private timeDeltaS: Promise<number> | undefined;

  constructor(private readonly options: OvhClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    const c = options.credentials;
    this.oauth2 =
      c.kind === 'oauth2'
        ? new OAuth2Token({
            tokenUrl: c.tokenUrl,
            clientId: c.clientId,
            clientSecret: c.clientSecret,
            fetch: this.fetch,
          })
        : undefined;
  }

  get<T = unknown>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: 'GET' });
  }

  async request<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
    const retries = this.options.retries ?? 3;
    const base = this.options.retryBaseMs ?? 250;
    let recovered = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.once(path, options)) as T;
      } catch (error) {
        if (options.signal?.aborted) throw error;
        // A clock that drifted or a token that lapsed is fixed once by refreshing it, not by waiting.
        if (!recovered && error instanceof OvhApiError && this.recover(error)) {
          recovered = true;
          continue;
        }
        const retryable =
          (error instanceof OvhApiError || error instanceof OvhNetworkError) && error.retryable;
        if (!retryable || attempt >= retries) throw error;
        const delay = base * 2 ** attempt * (0.75 + Math.random() * 0.5);
        this.options.log?.warn(
          { err: error, path, attempt: attempt + 1, delayMs: Math.round(delay) },
          'OVH API request failed, retrying',
        );
        await sleep(delay, undefined, { signal: options.signal });
      }
    }
  }

  private recover(error: OvhApiError): boolean {
    if (error.code === 'QUERY_TIME_OUT' && this.options.credentials.kind === 'application-key') {
      this.timeDeltaS = undefined;
      return true;
    }
    if (error.status === 401 && this.oauth2) {
      this.oauth2.invalidate();
      return true;
    }
    return false;
  }

  private async once(path: string, options: RequestOptions): Promise<unknown> {
    const method = options.method ?? 'GET';
    const url = `${this.baseUrl}${path}`;
    const body = options.body === undefined ? '' : JSON.stringify(options.body);
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (body !== '') headers['content-type'] = 'application/json';
    Object.assign(headers, await this.authHeaders(method, url, body));
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 20_000);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.fetch(url, { method, headers, body: body === '' ? undefined : body, signal });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new OvhNetworkError(path, error);
    }
    if (!response.ok) throw await OvhApiError.fromResponse(response, path);
    const text = await response.text();
    return text === '' ? null : (JSON.parse(text) as unknown);
  }

  private async authHeaders(method: string, url: string, body: string): Promise<Record<string, string>> {
    const c = this.options.credentials;
    if (c.kind === 'oauth2') return { authorization: `Bearer ${await this.oauth2!.get()}` };
    const timestamp = Math.round(this.now() / 1000) + (await this.clockDelta());
    return {
      'x-ovh-application': c.applicationKey,
      'x-ovh-consumer': c.consumerKey,
      'x-ovh-timestamp': String(timestamp),
      'x-ovh-signature': ovhSignature({
        applicationSecret: c.applicationSecret,
        consumerKey: c.consumerKey,
        method,
        url,
        body,
        timestamp,
      }),
    };
  }

  /** Seconds to add to the local clock to get OVH's, read once from the unauthenticated /auth/time. */
  private clockDelta(): Promise<number> {
    this.timeDeltaS ??= this.readServerTime().catch((error: unknown) => {
      this.timeDeltaS = undefined;
      throw error;
    });
    return this.timeDeltaS;
  }

  private async readServerTime(): Promise<number> {
    const path = '/auth/time';
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}${path}`, { signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new OvhNetworkError(path, error);
    }
    if (!response.ok) throw await OvhApiError.fromResponse(response, path);
    const serverTime = Number(await response.text());
    if (!Number.isFinite(serverTime))
      throw new OvhApiError(response.status, path, 'not an epoch time', undefined, undefined);
    return serverTime - Math.round(this.now() / 1000);
  }
}
