import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimInventory, SimService, SimUser } from '../model/inventory';

// vCenter's session API (vSphere Automation, 7.0U2+ `/api/session` and the legacy `/rest/com/vmware/cis/session`),
// for the PCC users the simulator knows. One vCenter per PCC: `/vcenter/{serviceName}/api/session`, and
// `/vcenter/api/session` for the first service.

export interface VcenterOptions {
  inventory: SimInventory;
  now: () => number;
}

interface Session {
  user: SimUser;
  serviceName: string;
  createdMs: number;
  lastAccessedMs: number;
}

const UNAUTHENTICATED = {
  error_type: 'UNAUTHENTICATED',
  messages: [
    {
      args: [],
      default_message: 'Authentication required.',
      id: 'com.vmware.vapi.endpoint.method.authentication.required',
    },
  ],
};

function basicCredentials(request: FastifyRequest): { username: string; password: string } | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** vCenter accepts the short name or the SSO login (`name@pcc-….ovh.com`). */
function authenticate(service: SimService, username: string, password: string): SimUser | undefined {
  return service.users.find((u) => (u.name === username || u.login === username) && u.password === password);
}

export async function vcenterApi(app: FastifyInstance, options: VcenterOptions): Promise<void> {
  const sessions = new Map<string, Session>();
  const first = options.inventory.services[0];

  const serviceFor = (request: FastifyRequest): SimService | undefined => {
    const name = (request.params as { serviceName?: string }).serviceName;
    return name === undefined ? first : options.inventory.services.find((s) => s.serviceName === name);
  };

  const login = (request: FastifyRequest, reply: FastifyReply): string | undefined => {
    const service = serviceFor(request);
    if (!service) {
      void reply.code(404).send({ error_type: 'NOT_FOUND', messages: [] });
      return undefined;
    }
    const credentials = basicCredentials(request);
    const user = credentials && authenticate(service, credentials.username, credentials.password);
    if (!user) {
      void reply.code(401).send(UNAUTHENTICATED);
      return undefined;
    }
    const token = randomBytes(16).toString('hex');
    const now = options.now();
    sessions.set(token, { user, serviceName: service.serviceName, createdMs: now, lastAccessedMs: now });
    return token;
  };

  const current = (request: FastifyRequest): Session | undefined => {
    const token = request.headers['vmware-api-session-id'];
    const session = typeof token === 'string' ? sessions.get(token) : undefined;
    if (session) session.lastAccessedMs = options.now();
    return session;
  };

  for (const prefix of ['', '/:serviceName']) {
    app.post(`${prefix}/api/session`, (request, reply) => {
      const token = login(request, reply);
      if (token) return reply.code(201).send(JSON.stringify(token));
      return reply;
    });
    app.get(`${prefix}/api/session`, (request, reply) => {
      const session = current(request);
      if (!session) return reply.code(401).send(UNAUTHENTICATED);
      return {
        user: session.user.login,
        created_time: new Date(session.createdMs).toISOString(),
        last_accessed_time: new Date(session.lastAccessedMs).toISOString(),
      };
    });
    app.delete(`${prefix}/api/session`, (request, reply) => {
      const token = request.headers['vmware-api-session-id'];
      if (typeof token !== 'string' || !sessions.delete(token)) return reply.code(401).send(UNAUTHENTICATED);
      return reply.code(204).send();
    });
    app.post(`${prefix}/rest/com/vmware/cis/session`, (request, reply) => {
      const token = login(request, reply);
      if (token) return { value: token };
      return reply;
    });
  }
}
