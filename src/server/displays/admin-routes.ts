import type { FastifyInstance } from 'fastify';
import {
  CreateDisplayRequestSchema,
  UpdateDisplayRequestSchema,
  wallLink,
  type Display,
  type DisplayList,
  type DisplayResponse,
  type DisplayWithToken,
} from '../../shared/api/displays';
import { requireAdmin, requireSession } from '../auth/require-session';
import type { SessionStore } from '../auth/sessions';
import { ApiError, apiErrorHandler, badRequest, notFound } from '../http/api-error';
import type { InventoryService } from '../inventory/inventory-service';
import { accessOf } from '../inventory/routes';
import type { DisplayStore } from './display-store';
import { checkScope } from './scope-check';
import { describeIssues } from './zod-message';

// The admin page's API for wall displays: list, create, change, rotate the token of, and revoke them. Every
// change that narrows what a display may do reaches its live sessions before the answer is sent.

export interface DisplayAdminRoutesOptions {
  displays: DisplayStore;
  sessions: SessionStore;
  inventory: InventoryService;
}

function withToken(display: Display, token: string): DisplayWithToken {
  return { display, token, link: wallLink(token) };
}

export function displayAdminRoutes(
  app: FastifyInstance,
  options: DisplayAdminRoutesOptions,
  done: (error?: Error) => void,
): void {
  const { displays, sessions, inventory } = options;
  app.setErrorHandler(apiErrorHandler);
  app.addHook('preHandler', requireSession(sessions));
  app.addHook('preHandler', requireAdmin);
  // Answers carry tokens or who-sees-what: no cache, shared or private, should keep them.
  app.addHook('onSend', (_request, reply, payload, next) => {
    void reply.header('cache-control', 'no-store');
    next(null, payload);
  });

  function existing(id: string): Display {
    const display = displays.get(id);
    if (!display) throw notFound(`No display ${id}.`);
    return display;
  }

  function live(id: string): Display {
    const display = existing(id);
    if (display.revoked) {
      throw new ApiError(
        409,
        'conflict',
        `Display "${display.name}" is revoked; create a new display instead.`,
      );
    }
    return display;
  }

  app.get('/displays', (): DisplayList => ({ items: displays.list() }));

  app.post('/displays', async (request, reply): Promise<DisplayWithToken> => {
    const parsed = CreateDisplayRequestSchema.safeParse(request.body);
    if (!parsed.success) throw badRequest(describeIssues(parsed.error));
    const { name, scope, wall } = parsed.data;
    await checkScope(inventory, accessOf(request.session!), scope);
    const created = displays.create({ name, scope, wall, createdBy: request.session!.username });
    request.log.info({ displayId: created.display.id, name }, 'display created');
    void reply.code(201);
    return withToken(created.display, created.token);
  });

  app.patch<{ Params: { id: string } }>('/displays/:id', async (request): Promise<DisplayResponse> => {
    live(request.params.id);
    const parsed = UpdateDisplayRequestSchema.safeParse(request.body);
    if (!parsed.success) throw badRequest(describeIssues(parsed.error));
    if (parsed.data.scope) await checkScope(inventory, accessOf(request.session!), parsed.data.scope);
    // Checked again after the await: the display may have been revoked meanwhile.
    live(request.params.id);
    const display = displays.update(request.params.id, parsed.data)!;
    sessions.updateDisplay(display.id, { username: display.name, scope: display.scope });
    request.log.info({ displayId: display.id }, 'display changed');
    return { display };
  });

  app.post<{ Params: { id: string } }>('/displays/:id/rotate-token', (request): DisplayWithToken => {
    live(request.params.id);
    const rotated = displays.rotateToken(request.params.id)!;
    // Whoever exchanged the old token, perhaps from a leaked link, is cut off along with it.
    const ended = sessions.revokeDisplay(rotated.display.id);
    request.log.info({ displayId: rotated.display.id, endedSessions: ended }, 'display token rotated');
    return withToken(rotated.display, rotated.token);
  });

  app.delete<{ Params: { id: string } }>('/displays/:id', (request): DisplayResponse => {
    existing(request.params.id);
    const display = displays.revoke(request.params.id)!;
    const ended = sessions.revokeDisplay(display.id);
    request.log.info({ displayId: display.id, endedSessions: ended }, 'display revoked');
    return { display };
  });
  done();
}
