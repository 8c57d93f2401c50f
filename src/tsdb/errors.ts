// OpenTSDB answers every failure with `{"error":{"code","message","details"}}`; one error type carries the
// status and both texts from wherever the problem is found to the HTTP layer, so no layer invents its own shape.

export class TsdbError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'TsdbError';
  }
}

export function badRequest(message: string, details?: string): TsdbError {
  return new TsdbError(400, message, details);
}

/** OpenTSDB's NoSuchUniqueName text, which clients (Grafana) show as is. */
export function noSuchName(kind: 'metrics' | 'tagk' | 'tagv', name: string): TsdbError {
  const text = `No such name for '${kind}': '${name}'`;
  return new TsdbError(400, text, text);
}

export interface ErrorBody {
  error: { code: number; message: string; details?: string };
}

export function errorBody(error: TsdbError): ErrorBody {
  const body: ErrorBody = { error: { code: error.status, message: error.message } };
  if (error.details) body.error.details = error.details;
  return body;
}
