import { z } from 'zod';
import { DatacenterRefSchema, DatacenterScopeSchema, NameSchema, objectError } from './displays';

// The server ↔ SPA contract for API tokens: the credentials scripts and Gnocchi clients use to read the
// metering API (/metering/v1) without a browser session. An administrator creates one on the tokens page with
// a name and the datacenters it may read; its secret is shown once and only its digest is kept.

export const CreateApiTokenRequestSchema = z.strictObject(
  { name: NameSchema, scope: DatacenterScopeSchema },
  { error: objectError('Expected a JSON object with name and scope.') },
);
export type CreateApiTokenRequest = z.input<typeof CreateApiTokenRequestSchema>;

/** A token as the tokens page lists it. Its secret is never part of it. */
export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.array(DatacenterRefSchema),
  createdAt: z.number(),
  createdBy: z.string(),
  /** The last time a request carried it (epoch ms, to about a minute); null if never. */
  lastUsedAt: z.number().nullable(),
  revoked: z.boolean(),
  revokedAt: z.number().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const ApiTokenListSchema = z.object({ items: z.array(ApiTokenSchema) });
export type ApiTokenList = z.infer<typeof ApiTokenListSchema>;

export const ApiTokenResponseSchema = z.object({ token: ApiTokenSchema });
export type ApiTokenResponse = z.infer<typeof ApiTokenResponseSchema>;

/** Answer to creating a token: the only time its secret is ever sent. */
export const ApiTokenWithSecretSchema = z.object({ token: ApiTokenSchema, secret: z.string() });
export type ApiTokenWithSecret = z.infer<typeof ApiTokenWithSecretSchema>;
