import type { FastifyInstance } from 'fastify';
import { pino, type DestinationStream } from 'pino';
import { buildApp, type AppDependencies } from '../app';
import { SESSION_COOKIE } from '../auth/session-plugin';
import { SessionStore, type SessionIdentity } from '../auth/sessions';
import { UserStore } from '../auth/users';
import { openDatabase, type Database } from '../db/database';
import { HOUR, fixedInventory } from '../displays/display-test-app';
import { SeriesService } from '../series/series-service';
import { ApiTokenStore } from './api-token-store';

// Test support for API tokens and the metering mount: the real app (buildApp) on an in-memory SQLite
// database, over the display tests' fixed inventory (pcc-1 with datacenters 1 and 2, pcc-2 with 3), with one
// clock the tests move by hand.

export interface TokenTestApp {
  app: FastifyInstance;
  db: Database;
  sessions: SessionStore;
  tokens: ApiTokenStore;
  clock: { now: number };
  /** A signed-in browser's Cookie header, for the given identity. */
  cookieFor: (identity: SessionIdentity) => string;
  close: () => Promise<void>;
}

export async function tokenTestApp(
  options: { logs?: DestinationStream; extra?: Partial<AppDependencies> } = {},
): Promise<TokenTestApp> {
  const clock = { now: Date.UTC(2026, 11, 6, 12, 0) };
  const now = () => clock.now;
  const db = openDatabase(':memory:');
  const tokens = new ApiTokenStore(db, { now });
  const sessions = new SessionStore(db, { idleMs: 12 * HOUR, absoluteMs: 30 * 24 * HOUR, now });
  const app = await buildApp({
    logger: options.logs ? pino({ level: 'debug' }, options.logs) : pino({ level: 'silent' }),
    users: new UserStore(db),
    sessions,
    apiTokens: tokens,
    inventory: fixedInventory(),
    series: new SeriesService(() => Promise.reject(new Error('no history in these tests'))),
    secureCookies: false,
    ...options.extra,
  });
  await app.ready();
  return {
    app,
    db,
    sessions,
    tokens,
    clock,
    cookieFor: (identity) => `${SESSION_COOKIE}=${sessions.create(identity).token}`,
    close: async () => {
      await app.close();
      db.close();
    },
  };
}
