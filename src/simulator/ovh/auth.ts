import type { FastifyRequest } from 'fastify';
import { ovhSignature, signaturesMatch } from '@/shared/ovh/signature';
import { authError, type OvhError } from './errors';

// Checks a request the way OVH does: known application key, known consumer key, a timestamp close to the
// API's clock, and the `$1$` signature over the exact URL and body the client sent.

export interface OvhApplication {
  applicationKey: string;
  applicationSecret: string;
  consumerKey: string;
}

export const DEMO_APPLICATION: OvhApplication = {
  applicationKey: 'demo-ak',
  applicationSecret: 'demo-as',
  consumerKey: 'demo-ck',
};

/** How far a request's timestamp may be from the API's clock. */
const MAX_CLOCK_SKEW_S = 180;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function verifyOvhRequest(
  request: FastifyRequest,
  rawBody: string,
  application: OvhApplication,
  nowMs: number,
  bearerIsValid: (token: string) => boolean,
): OvhError | undefined {
  const authorization = header(request, 'authorization');
  if (authorization?.startsWith('Bearer ')) {
    return bearerIsValid(authorization.slice(7))
      ? undefined
      : authError(401, 'INVALID_CREDENTIAL', 'This credential is not valid');
  }
  const applicationKey = header(request, 'x-ovh-application');
  if (applicationKey !== application.applicationKey) {
    return authError(403, 'INVALID_KEY', 'This application key is invalid');
  }
  const consumerKey = header(request, 'x-ovh-consumer');
  if (consumerKey !== application.consumerKey) {
    return authError(403, 'INVALID_CREDENTIAL', 'This credential does not exist');
  }
  const timestamp = Number(header(request, 'x-ovh-timestamp'));
  if (!Number.isInteger(timestamp) || Math.abs(timestamp - nowMs / 1000) > MAX_CLOCK_SKEW_S) {
    return authError(400, 'QUERY_TIME_OUT', 'Query out of time');
  }
  const expected = ovhSignature({
    applicationSecret: application.applicationSecret,
    consumerKey,
    method: request.method,
    url: `${request.protocol}://${request.host}${request.raw.url ?? request.url}`,
    body: rawBody,
    timestamp,
  });
  if (!signaturesMatch(expected, header(request, 'x-ovh-signature') ?? '')) {
    return authError(400, 'INVALID_SIGNATURE', 'Invalid signature');
  }
  return undefined;
}
