import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino, type DestinationStream } from 'pino';
import type { ServiceEntry } from '@/shared/api/inventory';
import type { Datacenter, RightRightEnum } from '@/shared/ovh/models';
import { buildApp } from '../app';
import { SESSION_COOKIE } from '../auth/session-plugin';
import { SessionStore, type SessionIdentity } from '../auth/sessions';
import { UserStore } from '../auth/users';
import { openDatabase, type Database } from '../db/database';
import { InventoryService } from '../inventory/inventory-service';
import type { OvhInventory } from '../inventory/ovh-inventory';
import { SeriesService } from '../series/series-service';
import { DisplayStore } from './display-store';
import { DISPLAY_COOKIE } from './exchange-routes';
import { markDisplaySeen } from './last-seen';

// Test support for the display tests: the real app (buildApp) on an in-memory SQLite database, over a fixed
// inventory of two services and three datacenters, with one clock the tests move by hand.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

function datacenter(datacenterId: number, name: string): Datacenter {
  return {
    commercialName: 'SDDC',
    commercialRangeName: 'dedicatedCloud',
    datacenterId,
    description: name,
    horizonViewName: null,
    isRemovable: false,
    name,
    version: '8.0',
  };
}

export const SERVICES: ServiceEntry[] = [
  {
    serviceName: 'pcc-1',
    description: 'Paris',
    webInterfaceUrl: 'https://pcc-1.example/ui',
    datacenters: [datacenter(1, 'pcc-1-dc1'), datacenter(2, 'pcc-1-dc2')],
  },
  {
    serviceName: 'pcc-2',
    description: 'Roubaix',
    webInterfaceUrl: 'https://pcc-2.example/ui',
    datacenters: [datacenter(3, 'pcc-2-dc3')],
  },
];

/** PCC user rights by user, then service, then datacenter. */
const RIGHTS: Record<string, Record<string, Record<number, RightRightEnum>>> = {
  noc: { 'pcc-1': { 1: 'readonly', 2: 'disabled' } },
};

/** An OVH inventory that never changes and never fails: these tests are about who sees it, not about OVH. */
export function fixedInventory(): InventoryService {
  const fixed = {
    services: () => Promise.resolve(SERVICES),
    filers: () => Promise.resolve([]),
    hosts: () => Promise.resolve([]),
    vms: () => Promise.resolve([]),
    rights: (serviceName: string, pccUser: string) =>
      Promise.resolve(
        new Map(
          Object.entries(RIGHTS[pccUser]?.[serviceName] ?? {}).map(([id, right]) => [Number(id), right]),
        ),
      ),
  };
  return new InventoryService(fixed as unknown as OvhInventory, { intervalMs: 5 * MINUTE });
}

export const ADMIN: SessionIdentity = {
  username: 'alice',
  role: 'admin',
  provider: 'local',
  pccUser: null,
  serviceName: null,
};
export const VIEWER: SessionIdentity = { ...ADMIN, username: 'victor', role: 'viewer' };
/** An administrator whose PCC rights cover datacenter 1 of pcc-1 only. */
export const NOC_ADMIN: SessionIdentity = { ...ADMIN, username: 'pam', pccUser: 'noc' };

export interface DisplayTestApp {
  app: FastifyInstance;
  db: Database;
  sessions: SessionStore;
  displays: DisplayStore;
  clock: { now: number };
  /** A signed-in browser's Cookie header, for the given identity. */
  cookieFor: (identity: SessionIdentity) => string;
  close: () => Promise<void>;
}

export async function displayTestApp(
  options: { secureCookies?: boolean; logs?: DestinationStream } = {},
): Promise<DisplayTestApp> {
  const clock = { now: Date.UTC(2026, 10, 23, 12, 0) };
  const now = () => clock.now;
  const db = openDatabase(':memory:');
  const displays = new DisplayStore(db, { now });
  const sessions = new SessionStore(db, {
    idleMs: 12 * HOUR,
    absoluteMs: 30 * 24 * HOUR,
    now,
    onTouch: markDisplaySeen(displays),
  });
  const app = await buildApp({
    logger: options.logs ? pino({ level: 'info' }, options.logs) : pino({ level: 'silent' }),
    users: new UserStore(db),
    sessions,
    displays,
    inventory: fixedInventory(),
    series: new SeriesService(() => Promise.reject(new Error('no history in these tests'))),
    secureCookies: options.secureCookies ?? false,
  });
  await app.ready();
  return {
    app,
    db,
    sessions,
    displays,
    clock,
    cookieFor: (identity) => `${SESSION_COOKIE}=${sessions.create(identity).token}`,
    close: async () => {
      await app.close();
      db.close();
    },
  };
}

export function cookieValue(response: LightMyRequestResponse, name: string): string | undefined {
  return response.cookies.find((cookie) => cookie.name === name)?.value;
}

/** The Cookie header a browser sends to the exchange route after this response: session and display token. */
export function browserCookies(response: LightMyRequestResponse): { session: string; display: string } {
  const session = cookieValue(response, SESSION_COOKIE);
  const display = cookieValue(response, DISPLAY_COOKIE);
  if (!session || !display)
    throw new Error(`expected both cookies, got ${JSON.stringify(response.headers['set-cookie'])}`);
  return { session: `${SESSION_COOKIE}=${session}`, display: `${DISPLAY_COOKIE}=${display}` };
}
