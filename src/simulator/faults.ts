import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { seededRandom } from './model/random';

// Fault injection and observability for tests and demos, off by default: latency, a random error rate, services
// taken down (503 or a dropped connection), batch mode refused, and a request counter per route that tests
// read to prove the server's caching.

export const SERVICES = ['ovh', 'vcenter', 'metrics', 'guest'] as const;
export type ServiceName = (typeof SERVICES)[number];
export type DownMode = '503' | 'reset';

export interface FaultOptions {
  latencyMs?: number;
  errorRate?: number;
  batch?: boolean;
  seed?: number;
}

export class Faults {
  latencyMs: number;
  errorRate: number;
  batch: boolean;
  readonly down = new Map<ServiceName, DownMode>();
  readonly counters = new Map<string, number>();
  private readonly random: () => number;

  constructor(options: FaultOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.errorRate = options.errorRate ?? 0;
    this.batch = options.batch ?? true;
    this.random = seededRandom((options.seed ?? 1) ^ 0x9e3779b9);
  }

  count(key: string): void {
    this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
  }

  shouldFail(): boolean {
    return this.errorRate > 0 && this.random() < this.errorRate;
  }

  snapshot() {
    const routes = Object.fromEntries([...this.counters.entries()].sort(([a], [b]) => a.localeCompare(b)));
    const services = Object.fromEntries(SERVICES.map((s) => [s, this.down.has(s) ? 'down' : 'up']));
    return {
      services,
      latencyMs: this.latencyMs,
      errorRate: this.errorRate,
      batch: this.batch,
      counters: routes,
    };
  }
}

function serviceOf(url: string): ServiceName | undefined {
  const first = url.split('/')[1]?.split('?')[0];
  return SERVICES.find((s) => s === first);
}

const ERROR_BODIES: Record<ServiceName, (status: number) => unknown> = {
  ovh: (status) =>
    status === 503
      ? { class: 'Server::ServiceUnavailable', message: 'This service is currently unavailable' }
      : { class: 'Server::InternalServerError', message: 'Internal server error' },
  vcenter: (status) => ({
    error_type: status === 503 ? 'SERVICE_UNAVAILABLE' : 'ERROR',
    messages: [{ args: [], default_message: 'Service is not available.', id: 'vapi.service.unavailable' }],
  }),
  metrics: (status) => ({
    error: { code: status, message: status === 503 ? 'Service unavailable' : 'Internal server error' },
  }),
  guest: () => ({ error: 'Internal server error' }),
};

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

const faultsBody = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    batch: z.boolean().optional(),
  })
  .strict();

const downBody = z.object({ mode: z.enum(['503', 'reset']).default('503') }).strict();

/** Installs the hooks that apply faults to every service, and the loopback-only `/_admin` routes. */
export function installFaults(app: FastifyInstance, faults: Faults): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const service = serviceOf(request.url);
    if (!service) return;
    faults.count(`${request.method} ${request.routeOptions.url ?? `/${service} (no such route)`}`);
    const down = faults.down.get(service);
    if (down === 'reset') {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (down === '503') return reply.code(503).send(ERROR_BODIES[service](503));
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    if (faults.shouldFail()) return reply.code(500).send(ERROR_BODIES[service](500));
  });

  void app.register(
    async (admin) => {
      admin.addHook('onRequest', async (request, reply) => {
        if (!isLoopback(request.socket.remoteAddress)) {
          return reply.code(403).send({ error: 'the admin routes answer on loopback only' });
        }
      });
      admin.get('/state', () => faults.snapshot());
      admin.put('/faults', (request, reply) => {
        const parsed = faultsBody.safeParse(request.body ?? {});
        if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
        Object.assign(
          faults,
          Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)),
        );
        return faults.snapshot();
      });
      admin.post<{ Params: { name: string; action: string } }>(
        '/services/:name/:action',
        (request, reply) => {
          const name = SERVICES.find((s) => s === request.params.name);
          if (!name)
            return reply
              .code(404)
              .send({ error: `no service ${request.params.name}; one of ${SERVICES.join(', ')}` });
          if (request.params.action === 'up') faults.down.delete(name);
          else if (request.params.action === 'down') {
            const parsed = downBody.safeParse(request.body ?? {});
            if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
            faults.down.set(name, parsed.data.mode);
          } else return reply.code(404).send({ error: 'action is up or down' });
          return faults.snapshot();
        },
      );
      admin.post('/counters/reset', () => {
        faults.counters.clear();
        return faults.snapshot();
      });
    },
    { prefix: '/_admin' },
  );
}
