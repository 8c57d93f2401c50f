import type { FastifyInstance } from 'fastify';
import { ovhSignature } from '@/shared/ovh/signature';
import { DEMO_APPLICATION, type OvhApplication } from '../ovh/auth';

// Test helper: a correctly signed OVH API request injected into a simulator, with every part overridable so
// tests can break one part at a time.

export interface SignedRequest {
  method?: 'GET' | 'POST';
  /** Path under /ovh/1.0, with its query string. */
  path: string;
  body?: string;
  batch?: string;
  application?: OvhApplication;
  timestamp?: number;
  signature?: string;
  /** Send another path or body than the signed one, as a request altered in transit would. */
  sendPath?: string;
  sendBody?: string;
}

const HOST = 'sim.test';

export async function signedInject(app: FastifyInstance, now: number, request: SignedRequest) {
  const application = request.application ?? DEMO_APPLICATION;
  const method = request.method ?? 'GET';
  const url = `/ovh/1.0${request.path}`;
  const body = request.body ?? '';
  const timestamp = request.timestamp ?? Math.floor(now / 1000);
  const signature =
    request.signature ??
    ovhSignature({
      applicationSecret: application.applicationSecret,
      consumerKey: application.consumerKey,
      method,
      url: `http://${HOST}${url}`,
      body,
      timestamp,
    });
  const sentBody = request.sendBody ?? body;
  return app.inject({
    method,
    url: `/ovh/1.0${request.sendPath ?? request.path}`,
    payload: sentBody === '' ? undefined : sentBody,
    headers: {
      host: HOST,
      'content-type': 'application/json',
      'x-ovh-application': application.applicationKey,
      'x-ovh-consumer': application.consumerKey,
      'x-ovh-timestamp': String(timestamp),
      'x-ovh-signature': signature,
      ...(request.batch === undefined ? {} : { 'x-ovh-batch': request.batch }),
    },
  });
}
