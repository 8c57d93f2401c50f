import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateDisplayRequestSchema,
  UpdateDisplayRequestSchema,
  wallLink,
  type Display,
  type DisplayList,
  type DisplayResponse,
  type DisplayWithToken,
} from '@/shared/api/displays';
import { requireAdmin, requireSession, sessionOf } from '../auth/session-plugin';
import type { SessionStore } from '../auth/sessions';
import { ApiError, notFound } from '../http/api-error';
import type { InventoryService } from '../inventory/inventory-service';
import { accessOf } from '../inventory/routes';
import type { DisplayStore } from './display-store';
import { checkManageable, checkScope, scopeWithin } from '../inventory/scope-check';

// The admin page's API for wall displays: list, create, change, rotate the token of, and revoke them. An
// administrator limited to some datacenters sees and manages only the displays that stay within them. Every
// change that narrows what a display may do reaches its live sessions before the answer is sent, and every
// change is logged with who made it.

// The largest valid body: a 100-character name and 100 scope entries with 100-character service names, each
// JSON-escaped, and a wall configuration; pretty-printed JSON still fits.
const DISPLAY_BODY_LIMIT = 64 * 1024;

export interface DisplayAdminRoutesOptions {
  displays: DisplayStore;
  sessions: SessionStore;
  inventory: InventoryService;
}

const DisplayParams = z.object({ id: z.string() });

function withToken(display: Display, token: string): DisplayWithToken {
  return { display, token, link: wallLink(token) };
}

export const displayAdminRoutes: FastifyPluginAsyncZod<DisplayAdminRoutesOptions> = async (app, options) => {
  const { displays, sessions, inventory } = options;
  app.addHook('onRequest', requireSession);
  app.addHook('onRequest', requireAdmin);
  // Answers carry tokens or who-sees-what: no cache, shared or private, should keep them.
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });

  const actorOf = (request: FastifyRequest) => sessionOf(request).username;

  /** The display, if it exists (404) and the caller may manage it (403). */
  async function requireManageable(request: FastifyRequest, id: string): Promise<Display> {
    const display = displays.get(id);
    if (!display) throw notFound(`No display ${id}.`);
    try {
      await checkManageable(
        inventory,
        accessOf(sessionOf(request)),
        display.scope,
        'This display shows datacenters you have no rights on.',
      );
    } catch (error) {
      request.log.warn({ actor: actorOf(request), displayId: id }, 'display change refused: out of rights');
      throw error;
    }
    return display;
  }

  function refuseRevoked(display: Display): void {
    if (display.revoked) {
      throw new ApiError(
        409,
        'conflict',
        `Display "${display.name}" is revoked; create a new display instead.`,
      );
    }
  }

  app.get('/displays', async (request): Promise<DisplayList> => {
    const within = await scopeWithin(inventory, accessOf(sessionOf(request)));
    return { items: displays.list().filter((display) => within(display.scope)) };
  });

  app.post(
    '/displays',
    { bodyLimit: DISPLAY_BODY_LIMIT, schema: { body: CreateDisplayRequestSchema } },
    async (request, reply): Promise<DisplayWithToken> => {
      const { name, scope, wall } = request.body;
      const actor = actorOf(request);
      await checkScope(inventory, accessOf(sessionOf(request)), scope);
      const created = displays.create({ name, scope, wall, createdBy: actor });
      request.log.info({ actor, displayId: created.display.id, name, scope }, 'display created');
      void reply.code(201);
      return withToken(created.display, created.token);
    },
  );

  app.patch(
    '/displays/:id',
    {
      bodyLimit: DISPLAY_BODY_LIMIT,
      schema: { params: DisplayParams, body: UpdateDisplayRequestSchema },
      // Rights before the body: a display out of reach is refused, and the refusal logged, whatever is sent.
      preValidation: async (request) => {
        refuseRevoked(await requireManageable(request, request.params.id));
      },
    },
    async (request): Promise<DisplayResponse> => {
      const { id } = request.params;
      const change = request.body;
      if (change.scope) await checkScope(inventory, accessOf(sessionOf(request)), change.scope);
      // Checked again after the awaits: the display may have been revoked meanwhile.
      refuseRevoked(displays.get(id)!);
      const display = displays.update(id, change)!;
      sessions.updateDisplay(display.id, { username: display.name, scope: display.scope });
      request.log.info(
        { actor: actorOf(request), displayId: display.id, changed: Object.keys(change) },
        'display changed',
      );
      return { display };
    },
  );

  app.post(
    '/displays/:id/rotate-token',
    { schema: { params: DisplayParams } },
    async (request): Promise<DisplayWithToken> => {
      refuseRevoked(await requireManageable(request, request.params.id));
      const rotated = displays.rotateToken(request.params.id)!;
      // Whoever exchanged the old token, perhaps from a leaked link, is cut off along with it.
      const ended = sessions.revokeDisplay(rotated.display.id);
      request.log.info(
        { actor: actorOf(request), displayId: rotated.display.id, endedSessions: ended },
        'display token rotated',
      );
      return withToken(rotated.display, rotated.token);
    },
  );

  app.delete(
    '/displays/:id',
    { schema: { params: DisplayParams } },
    async (request): Promise<DisplayResponse> => {
      await requireManageable(request, request.params.id);
      const display = displays.revoke(request.params.id)!;
      const ended = sessions.revokeDisplay(display.id);
      request.log.info(
        { actor: actorOf(request), displayId: display.id, endedSessions: ended },
        'display revoked',
      );
      return { display };
    },
  );
};
