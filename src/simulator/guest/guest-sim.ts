import type { FastifyInstance } from 'fastify';
import { GUEST_ENDPOINT } from '@/shared/guest/protocol';
import { guestProtocol } from '@/guest/guest-protocol';
import { GuestStore } from '@/guest/guest-store';
import { GuestUsers } from '@/guest/guest-users';
import type { SimInventory } from '../model/inventory';
import { AgentReporter } from './agent-reporter';
import { DEMO_GUEST } from './demo-guest';
import { guestFleet, type GuestFleet } from './fleet';

// The simulated guest-monitoring service: the project's one protocol implementation mounted under /guest with
// an in-memory store and the demo account, and, when asked, the fleet's agents reporting to it.

export const GUEST_PREFIX = '/guest';
export const DEFAULT_REPORT_INTERVAL_MS = 60_000;

export interface GuestSimOptions {
  inventory: SimInventory;
  now: () => number;
  /** Whether the simulated agents report; off, the endpoint still answers logins and queries. */
  agents: boolean;
  reportIntervalMs?: number;
}

export interface GuestSim {
  store: GuestStore;
  users: GuestUsers;
  fleet: GuestFleet;
  /** The agents' reporting, when they report; tests step it with `tick()`. */
  reporter: AgentReporter | null;
}

export function installGuest(app: FastifyInstance, options: GuestSimOptions): GuestSim {
  const { now } = options;
  const store = new GuestStore(':memory:', { now });
  const users = new GuestUsers({ now });
  const fleet = guestFleet(options.inventory, now());
  // scrypt costs tens of milliseconds: the demo account is hashed on the endpoint's first request, so the many
  // simulators tests start without touching the guest endpoint never pay for it.
  let accountReady: Promise<void> | undefined;
  const ensureAccount = () => (accountReady ??= users.addUser(DEMO_GUEST.user, DEMO_GUEST.password));
  void app.register(
    async (scope) => {
      scope.addHook('onRequest', async () => {
        await ensureAccount();
      });
      await scope.register(guestProtocol, {
        store,
        users,
        agentKey: DEMO_GUEST.agentKey,
        timeZone: 'UTC',
        now,
      });
    },
    { prefix: GUEST_PREFIX },
  );
  const reporter = !options.agents
    ? null
    : new AgentReporter({
        app,
        url: `${GUEST_PREFIX}${GUEST_ENDPOINT}`,
        store,
        fleet,
        agentKey: DEMO_GUEST.agentKey,
        now,
        reportIntervalMs: options.reportIntervalMs ?? DEFAULT_REPORT_INTERVAL_MS,
      });
  if (reporter) {
    reporter.backfill();
    app.addHook('onReady', async () => reporter.start());
  }
  app.addHook('onClose', async () => {
    reporter?.stop();
    store.close();
  });
  return { store, users, fleet, reporter };
}
