import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { guestProtocol } from './guest-protocol';
import { GuestStore } from './guest-store';
import { GuestUsers } from './guest-users';
import { createStartMonitorForwarder, type StartMonitorForwarder } from './start-monitor';

// The guest-monitoring service on its own: the protocol plugin over a SQLite store (or an in-memory one),
// configured accounts, and retention applied on a timer.

const PRUNE_INTERVAL_MS = 60 * 60_000;

export interface GuestServiceOptions {
  /** Directory of guest.sqlite; in memory when absent. */
  dataDir?: string;
  users?: readonly { name: string; password: string }[];
  agentKey?: string | null;
  /** Zone of the records' create_date; UTC unless given. */
  timeZone?: string;
  retentionDays?: number;
  liveSeconds?: number;
  /** The agents' issued_token, sent as reserv_id with start_monitor. */
  agentReservId?: string | null;
  forwardStartMonitor?: StartMonitorForwarder;
  /** Instance id → the agent's command address, preferred to the address its reports come from. */
  agentAddresses?: ReadonlyMap<string, string>;
  logger?: FastifyServerOptions['logger'];
  now?: () => number;
}

export interface GuestService {
  app: FastifyInstance;
  store: GuestStore;
  users: GuestUsers;
  close(): Promise<void>;
}

export async function createGuestService(options: GuestServiceOptions = {}): Promise<GuestService> {
  const now = options.now ?? Date.now;
  let path = ':memory:';
  if (options.dataDir !== undefined) {
    mkdirSync(options.dataDir, { recursive: true });
    path = join(options.dataDir, 'guest.sqlite');
  }
  const store = new GuestStore(path, { retentionDays: options.retentionDays, now });
  const users = new GuestUsers({ now });
  const app = Fastify({ logger: options.logger ?? false });
  const pruneTimer = setInterval(() => {
    try {
      const removed = store.prune();
      if (removed > 0) app.log.info({ removed }, 'guest reports past retention removed');
    } catch (err) {
      app.log.error({ err }, 'guest retention prune failed');
    }
  }, PRUNE_INTERVAL_MS);
  pruneTimer.unref();
  app.addHook('onClose', () => {
    clearInterval(pruneTimer);
    store.close();
  });
  try {
    for (const user of options.users ?? []) await users.addUser(user.name, user.password);
    store.prune();
    await app.register(guestProtocol, {
      store,
      users,
      agentKey: options.agentKey ?? null,
      timeZone: options.timeZone ?? 'UTC',
      liveSeconds: options.liveSeconds,
      now,
      forwardStartMonitor:
        options.forwardStartMonitor ??
        createStartMonitorForwarder({ reservId: options.agentReservId ?? null }),
      agentAddresses: options.agentAddresses,
    });
    await app.ready();
  } catch (err) {
    await app.close();
    throw err;
  }
  return { app, store, users, close: () => app.close() };
}
