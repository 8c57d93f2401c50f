import { z } from 'zod';

// Every error the server sends has this one shape, so the SPA can always show a clear message.

export const ApiErrorCodeSchema = z.enum([
  'bad_request',
  'unauthenticated',
  'invalid_credentials',
  // A wall display's token was revoked by an administrator: the screen should stop retrying and say so.
  'display_revoked',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  // The request named a host this server does not answer for (a DNS-rebinding page, a stray virtual host).
  'misdirected',
  'rate_limited',
  'cross_site',
  'upstream_unavailable',
  // The server reads no guest-monitoring service (GUEST_URL unset), so nothing inside the VMs is known.
  'guest_not_configured',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

export const ApiErrorBodySchema = z.object({
  error: z.object({ code: ApiErrorCodeSchema, message: z.string() }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
