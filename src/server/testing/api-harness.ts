import type { DestinationStream } from 'pino';
import { expect } from 'vitest';
import { loadConfig } from '@/config/config';
import { BUCKET_MS, type Catalog } from '@/shared/metrics/catalog';
import { createSimulator, type Simulator, type SimulatorOptions } from '@/simulator/simulator';
import { createLogger } from '../logging';
import { startServer, type RunningServer } from '../server';
import { startTestGuestService, TEST_GUEST_USER, type TestGuestService } from './guest-service';
import { sessionCookieOf } from './session-cookie';
import { simulatedOvh } from './simulated-ovh';

// Test helper: the real server (startServer, the same wiring as `npm start`) against a simulator of our own
// on loopback, so tests can inject faults, read its request counters and move one clock shared by both.

export interface HarnessOptions {
  /** Settings as environment variables; demo mode, in-memory storage and a free port unless overridden. */
  env?: Record<string, string>;
  simulator?: Omit<SimulatorOptions, 'now'>;
  /** Where the server's pino logs go; silent when absent. */
  logs?: DestinationStream;
  webRoot?: string;
  catalog?: Catalog;
  /** Start a guest-monitoring service on the harness's clock and read it as GUEST_URL would. */
  guest?: boolean;
  /** Take the OVH API down before the server starts: its recorders read the inventory at once. */
  ovhDownAtStart?: boolean;
}

export interface Clock {
  now: () => number;
  advance: (ms: number) => void;
}

export interface RequestOptions {
  method?: string;
  cookie?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiHarness {
  /** The server's origin, http://127.0.0.1:port; a restart changes it. */
  base: string;
  server: RunningServer;
  sim: Simulator;
  simOrigin: string;
  /** The guest service, when asked for. */
  guest?: TestGuestService;
  clock: Clock;
  serviceName: string;
  /** The simulator's datacenters, in id order: the demo viewer may see the first one only. */
  datacenterIds: number[];
  request: (path: string, options?: RequestOptions) => Promise<Response>;
  /** `/api/services/<the service>/datacenters/<id>/<tail>`; the first datacenter, the viewer's, unless said. */
  dcPath: (tail: string, datacenterId?: number) => string;
  /** GETs `path` with this cookie, expects `status` (200 unless said) and returns the JSON answer. */
  json: <T = unknown>(path: string, cookie: string, status?: number) => Promise<T>;
  /** Signs in and returns the Cookie header that carries the session. */
  login: (username: string, password: string, provider?: 'local' | 'vsphere') => Promise<string>;
  /** The simulator's loopback-only admin routes (faults, services down/up, counters). */
  simAdmin: (method: string, path: string, body?: unknown) => Promise<unknown>;
  counters: () => Promise<Record<string, number>>;
  /** Stops the server and starts another on the same configuration and data, against the same simulator. */
  restart: () => Promise<void>;
  close: () => Promise<void>;
}

/** Statuses whose answers have no body: a Response built with one throws. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export const DEMO_ADMIN = { username: 'admin', password: 'vscope-demo' } as const;
export const DEMO_VIEWER = { username: 'viewer', password: 'viewer-demo' } as const;

/** On a bucket boundary, so the live values and the last point of every series belong to the same bucket. */
export const HARNESS_START = Math.floor(Date.UTC(2026, 10, 23, 14, 0) / BUCKET_MS) * BUCKET_MS;

export async function startApiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  let now = HARNESS_START;
  const clock: Clock = { now: () => now, advance: (ms) => (now += ms) };
  const sim = createSimulator({ ...options.simulator, now: clock.now });
  if (options.ovhDownAtStart) sim.faults.down.set('ovh', 'reset');
  const simOrigin = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  const guest = options.guest ? await startTestGuestService({ now: clock.now }) : undefined;
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: ':memory:', ...options.env });
  const logger = createLogger({ logLevel: options.logs ? config.logLevel : 'silent' }, options.logs);
  const start = () =>
    startServer(config, {
      logger,
      webRoot: options.webRoot ?? '/nonexistent',
      now: clock.now,
      catalog: options.catalog,
      upstream: {
        ovh: simulatedOvh(simOrigin),
        vcenterUrl: (serviceName) => `${simOrigin}/vcenter/${serviceName}`,
        guest: guest && { url: guest.url, ...TEST_GUEST_USER, timeZone: 'UTC' },
        // The simulator outlives a restart of the server: the harness closes it.
        close: () => Promise.resolve(),
      },
    });
  const server = await start();

  // Each answer is read whole before it is handed over. A test that looks only at a status or a header would
  // otherwise leave its body unread, and a body bigger than the socket's buffers keeps that connection busy, so
  // the server's close waited for it until the hook timed out.
  const request = async (path: string, opts: RequestOptions = {}) => {
    const response = await fetch(`${harness.base}${path}`, {
      method: opts.method ?? 'GET',
      headers: {
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const body = await response.arrayBuffer();
    const { status, statusText, headers } = response;
    return new Response(NULL_BODY_STATUSES.has(status) ? null : body, { status, statusText, headers });
  };

  const login = async (username: string, password: string, provider: 'local' | 'vsphere' = 'local') => {
    const response = await request('/api/session', {
      method: 'POST',
      body: { username, password, provider },
    });
    if (response.status !== 200) {
      throw new Error(`login of ${username} answered ${response.status}: ${await response.text()}`);
    }
    return sessionCookieOf(response);
  };

  const simAdmin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${simOrigin}/_admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`simulator admin ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as unknown;
  };

  const json = async <T>(path: string, cookie: string, status = 200): Promise<T> => {
    const response = await request(path, { cookie });
    expect(response.status, path).toBe(status);
    return (await response.json()) as T;
  };

  const service = sim.inventory.services[0]!;
  const datacenterIds = service.datacenters.map((dc) => dc.datacenterId).sort((a, b) => a - b);
  const harness: ApiHarness = {
    base: server.address,
    server,
    sim,
    simOrigin,
    guest,
    clock,
    serviceName: service.serviceName,
    datacenterIds,
    request,
    dcPath: (tail, datacenterId = datacenterIds[0]) =>
      `/api/services/${service.serviceName}/datacenters/${datacenterId}/${tail}`,
    json,
    login,
    simAdmin,
    counters: async () =>
      ((await simAdmin('GET', '/state')) as { counters: Record<string, number> }).counters,
    restart: async () => {
      await harness.server.close();
      harness.server = await start();
      harness.base = harness.server.address;
    },
    close: async () => {
      await harness.server.close();
      await sim.app.close();
      await guest?.close();
    },
  };
  return harness;
}
