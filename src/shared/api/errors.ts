import { z } from 'zod';

// Every error the server sends has this one shape, so the SPA can always show a clear message.

export const ApiErrorCodeSchema = z.enum([
  'bad_request',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'rate_limited',
  'cross_site',
  'upstream_unavailable',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

export const ApiErrorBodySchema = z.object({
  error: z.object({ code: ApiErrorCodeSchema, message: z.string() }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
