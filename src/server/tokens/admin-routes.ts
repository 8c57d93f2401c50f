import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateApiTokenRequestSchema,
  type ApiTokenList,
  type ApiTokenResponse,
  type ApiTokenWithSecret,
} from '@/shared/api/api-tokens';
import { requireAdmin, requireSession, sessionOf } from '../auth/session-plugin';
import { notFound } from '../http/api-error';
import type { InventoryService } from '../inventory/inventory-service';
import { accessOf } from '../inventory/routes';
import { checkManageable, checkScope, scopeWithin } from '../inventory/scope-check';
import type { ApiTokenStore } from './api-token-store';

// The tokens page's API: list, create and revoke API tokens. As with displays, an administrator limited to
// some datacenters sees and manages only the tokens that stay within them, a token never reaches further than
// its creator could, and every change is logged with who made it (never with the secret).

// A 100-character name and 100 scope entries with 100-character service names, JSON-escaped, fit.
const TOKEN_BODY_LIMIT = 32 * 1024;

export interface ApiTokenAdminRoutesOptions {
  tokens: ApiTokenStore;
  inventory: InventoryService;
}

const TokenParams = z.object({ id: z.string() });

export const apiTokenAdminRoutes: FastifyPluginAsyncZod<ApiTokenAdminRoutesOptions> = async (
  app,
  options,
) => {
  const { tokens, inventory } = options;
  app.addHook('onRequest', requireSession);
  app.addHook('onRequest', requireAdmin);
  // Answers carry a secret or who-reads-what: no cache, shared or private, should keep them.
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });

  app.get('/admin/api-tokens', async (request): Promise<ApiTokenList> => {
    const within = await scopeWithin(inventory, accessOf(sessionOf(request)));
    return { items: tokens.list().filter((token) => within(token.scope)) };
  });

  app.post(
    '/admin/api-tokens',
    { bodyLimit: TOKEN_BODY_LIMIT, schema: { body: CreateApiTokenRequestSchema } },
    async (request, reply): Promise<ApiTokenWithSecret> => {
      const { name, scope } = request.body;
      const actor = sessionOf(request).username;
      await checkScope(inventory, accessOf(sessionOf(request)), scope);
      const created = tokens.create({ name, scope, createdBy: actor });
      request.log.info({ actor, tokenId: created.token.id, name, scope }, 'API token created');
      void reply.code(201);
      return created;
    },
  );

  app.delete(
    '/admin/api-tokens/:id',
    { schema: { params: TokenParams } },
    async (request): Promise<ApiTokenResponse> => {
      const { id } = request.params;
      const actor = sessionOf(request).username;
      const token = tokens.get(id);
      if (!token) throw notFound(`No API token ${id}.`);
      try {
        await checkManageable(
          inventory,
          accessOf(sessionOf(request)),
          token.scope,
          'This token reads datacenters you have no rights on.',
        );
      } catch (error) {
        request.log.warn({ actor, tokenId: id }, 'API token revocation refused: out of rights');
        throw error;
      }
      const revoked = tokens.revoke(id)!;
      request.log.info({ actor, tokenId: id }, 'API token revoked');
      return { token: revoked };
    },
  );
};
