import Fastify, { type FastifyInstance } from 'fastify';
import { DEMO_APPLICATION, type OvhApplication } from './ovh/auth';
import { metricsTokenFor, ovhApi } from './ovh/api';
import { Faults, installFaults, type FaultOptions } from './faults';
import { buildInventory, DEFAULT_SIZE, type ModelSize, type SimInventory } from './model/inventory';
import { DEMO_OAUTH2_CLIENT, OAuth2Issuer, oauth2Api } from './ovh/oauth2';
import { vcenterApi } from './vcenter/api';
import { metricsApi } from './metrics/metrics-api';
import { syntheticSeries } from './metrics/synthetic-series';
import { SyntheticStore } from './metrics/synthetic-store';
import { installGuest, type GuestSim } from './guest/guest-sim';

// The simulated Hosted Private Cloud as one HTTP server: OVH API under /ovh/1.0 (OAuth2 tokens under /auth),
// vCenter under /vcenter, the Metrics platform's OpenTSDB API under /metrics, and
// the guest-monitoring service under /guest, and the loopback-only /_admin routes for fault injection. It is the demo's upstream, so the demo runs the same
// code path as production.

export interface SimulatorOptions {
  seed?: number;
  size?: Partial<ModelSize>;
  faults?: FaultOptions;
  application?: OvhApplication;
  /** The simulator's clock; tests pin it. */
  now?: () => number;
  logger?: boolean;
  /** The guest endpoint always answers; its simulated agents report only when `agents` is true. */
  guest?: { agents?: boolean; reportIntervalMs?: number };
}

export interface Simulator {
  app: FastifyInstance;
  inventory: SimInventory;
  faults: Faults;
  /** The synthetic vScope history that /metrics serves. */
  metricsStore: SyntheticStore;
  guest: GuestSim;
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const seed = options.seed ?? 1;
  const now = options.now ?? Date.now;
  const size = { ...DEFAULT_SIZE, ...options.size };
  const inventory = buildInventory(seed, size, now());
  const faults = new Faults({ seed, ...options.faults });
  // Batch requests carry up to 40 comma-joined ids in one path segment.
  const app = Fastify({ logger: options.logger ?? false, routerOptions: { maxParamLength: 2048 } });

  const issuer = new OAuth2Issuer(DEMO_OAUTH2_CLIENT, now);
  installFaults(app, faults);
  void app.register(oauth2Api, { prefix: '/auth', issuer });
  void app.register(ovhApi, {
    prefix: '/ovh/1.0',
    inventory,
    application: options.application ?? DEMO_APPLICATION,
    faults,
    now,
    bearerIsValid: (token: string) => issuer.isValid(token),
    metricsToken: (serviceName: string, userId: number) => metricsTokenFor(seed, serviceName, userId),
  });
  void app.register(vcenterApi, { prefix: '/vcenter', inventory, now });
  const tokens = new Set(
    inventory.services.flatMap((s) => s.users.map((u) => metricsTokenFor(seed, s.serviceName, u.userId))),
  );
  const metricsStore = new SyntheticStore(syntheticSeries(inventory), now);
  void app.register(metricsApi, {
    prefix: '/metrics',
    store: metricsStore,
    now,
    isValidToken: (token: string) => tokens.has(token),
  });
  const guest = installGuest(app, {
    inventory,
    now,
    agents: options.guest?.agents ?? false,
    reportIntervalMs: options.guest?.reportIntervalMs,
  });
  app.get('/healthz', () => ({ status: 'ok' }));
  return { app, inventory, faults, metricsStore, guest };
}
