import { z } from 'zod';
import { ApiErrorBodySchema, type ApiErrorCode } from '@/shared/api/errors';

// The SPA's one way to the server: same-origin JSON, the session cookie, every error turned into an
// `ApiError` with the server's own message, and every response checked against the shared schema so a
// server/SPA mismatch is a clear error instead of a blank cell.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'network' | 'timeout' | 'invalid_response',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
}

type UnauthenticatedListener = () => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/** Called whenever the server answers 401 outside sign-in, so the app can send the user to the login page. */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Sign-in itself answers 401 for a bad password: that is not an expired session. */
  quietUnauthenticated?: boolean;
}

/** The metering API (`/metering/v1`) answers errors in Gnocchi's envelope: its description is the message
 * (a bad filter's says where the parser stopped), or a `{cause, detail}` pair for some 400s. */
const GnocchiErrorBodySchema = z.object({
  code: z.number(),
  description: z.union([z.string(), z.object({ cause: z.string(), detail: z.unknown() })]),
});

const CODE_OF_STATUS: Partial<Record<number, ApiErrorCode>> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
};

function codeOfStatus(status: number): ApiErrorCode {
  return status >= 500 ? 'upstream_unavailable' : (CODE_OF_STATUS[status] ?? 'bad_request');
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = ApiErrorBodySchema.safeParse(body);
  if (parsed.success) return new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
  const gnocchi = GnocchiErrorBodySchema.safeParse(body);
  if (gnocchi.success) {
    const { description } = gnocchi.data;
    const message =
      typeof description === 'string'
        ? description
        : `${description.cause}: ${JSON.stringify(description.detail)}`;
    return new ApiError(response.status, codeOfStatus(response.status), message);
  }
  return new ApiError(
    response.status,
    response.status >= 500 ? 'upstream_unavailable' : 'bad_request',
    `The server answered ${response.status} ${response.statusText}.`.replace(' .', '.'),
  );
}

/**
 * Every request gives up after this long. However slow OVH is, the server answers from its cache within a
 * second or two, and a first load with nothing cached fails by itself within 15 s: a request still open at
 * 20 s is lost (a dropped connection, a stuck proxy), and waiting on it longer only keeps a spinner turning
 * where the last data and the stale banner should be.
 */
export const REQUEST_TIMEOUT_MS = 20_000;

/** `run` with a signal that aborts when the caller's does, or with a timeout error after REQUEST_TIMEOUT_MS. */
async function withTimeout<T>(
  callerSignal: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  const forward = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) forward();
  else callerSignal?.addEventListener('abort', forward, { once: true });
  try {
    return await run(controller.signal);
  } catch (error) {
    if (controller.signal.aborted && !callerSignal?.aborted) {
      throw new ApiError(0, 'timeout', `The server did not answer within ${REQUEST_TIMEOUT_MS / 1000} s.`);
    }
    throw error;
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', forward);
  }
}

async function send(path: string, options: RequestOptions, signal: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(0, 'network', 'The server cannot be reached.');
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (error.isUnauthenticated && !options.quietUnauthenticated) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
  return response;
}

export function request(path: string, options: RequestOptions = {}): Promise<Response> {
  return withTimeout(options.signal, (signal) => send(path, options, signal));
}

/** Fetches JSON and validates it; a response that does not match is an error, never silently shown. */
export function requestJson<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  // The body is read under the same timeout: a server that sends headers and then stalls is no better.
  return withTimeout(options.signal, async (signal) => {
    const response = await send(path, options, signal);
    const body: unknown = await response.json();
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ApiError(
        response.status,
        'invalid_response',
        `Unexpected response from ${path}: ${parsed.error.message}`,
      );
    }
    return parsed.data;
  });
}
