// Gnocchi answers every failure as pecan/webob does with `Accept: application/json`:
// `{"code", "title", "description"}`, where the description is a sentence or a `{cause, reason, detail}` object.
// One error type carries both from wherever the problem is found to the HTTP layer, so no layer invents a shape.

export type GnocchiDescription =
  string | { readonly cause: string; readonly reason?: string; readonly detail?: unknown };

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export class GnocchiError extends Error {
  constructor(
    readonly status: number,
    readonly description: GnocchiDescription,
  ) {
    super(
      typeof description === 'string' ? description : `${description.cause}: ${description.reason ?? ''}`,
    );
    this.name = 'GnocchiError';
  }
}

export function badRequest(description: GnocchiDescription): GnocchiError {
  return new GnocchiError(400, description);
}

export function notFound(description: GnocchiDescription): GnocchiError {
  return new GnocchiError(404, description);
}

/** Gnocchi's `abort(400, {"cause": "Argument value error", "detail": name, "reason": …})` for a query argument. */
export function argumentError(name: string, reason: string): GnocchiError {
  return badRequest({ cause: 'Argument value error', detail: name, reason });
}

export interface GnocchiErrorBody {
  code: number;
  title: string;
  description: GnocchiDescription;
}

export function gnocchiErrorBody(error: GnocchiError): GnocchiErrorBody {
  return { code: error.status, title: TITLES[error.status] ?? 'Error', description: error.description };
}

/** Gnocchi's policy refusal (`abort(403, …)` from enforce()). */
export function forbidden(): GnocchiError {
  return new GnocchiError(403, 'Access was denied to this resource.');
}

/**
 * A failure as Gnocchi answers it: one of ours; input nested deeper than a recursive walk can go (Python's
 * RecursionError, refused as input); a body over the limit; a client error the HTTP layer found. Undefined
 * for anything else, a fault of the server's (500).
 */
export function asGnocchiError(
  error: Error & { statusCode?: number; code?: string },
): GnocchiError | undefined {
  if (error instanceof GnocchiError) return error;
  if (error instanceof RangeError && /call stack/.test(error.message))
    return new GnocchiError(400, {
      cause: 'Invalid input',
      reason: 'maximum recursion depth exceeded',
      detail: [],
    });
  if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new GnocchiError(413, '');
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500)
    return new GnocchiError(error.statusCode, error.message);
  return undefined;
}
