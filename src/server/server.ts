import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/config';
import type { Catalog } from '../shared/metrics/catalog';
import { buildApp } from './app';
import { SessionStore } from './auth/sessions';
import { UserStore } from './auth/users';
import { openDatabase } from './db/database';
import { ensureDemoUsers, ovhUpstream, startDemoUpstream, type Upstream } from './demo-upstream';
import { DisplayStore } from './displays/display-store';
import { markDisplaySeen } from './displays/last-seen';
import { GuestReader } from './guest/guest-reader';
import { guestInstanceIds } from './guest/mapping';
import { GuestClient } from './upstream/guest/client';
import { InventoryService } from './inventory/inventory-service';
import { OvhInventory } from './inventory/ovh-inventory';
import { InventorySnapshots } from './inventory/snapshot-store';
import { OvhClient } from './upstream/ovh/client';
import { CollectionFetcher } from './upstream/ovh/fetch-all';
import { vsphereLogin } from './upstream/vcenter/vsphere-login';
import { ApiTokenStore } from './tokens/api-token-store';
import { createHistory } from './history/history';
import { CapacityRecorder } from './metering/capacity-recorder';
import { DemoBackfill } from './metering/demo-backfill';
import { openMeteringBackend, type MeteringBackend } from './metering/metering-backend';
import { Recorder } from './recorder/recorder';
import { SeriesService } from './series/series-service';

// Wires the server from its configuration: storage, the upstream (OVH or the simulator), the inventory and
// the HTTP app. Everything here is created once per process.

export interface RunningServer {
  app: FastifyInstance;
  address: string;
  /** Where capacity is metered: the embedded engine or a Gnocchi cluster, read through /metering either way. */
  metering: MeteringBackend;
  /** The shared inventory cache, which the recorders read: a bench refreshes it before timing a pass. */
  inventory: InventoryService;
  /** What runs every poll: the vScope recorder (absent where history is read-only) and capacity metering. */
  recorders: { vscope?: Recorder; capacity: CapacityRecorder };
  close: () => Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  webRoot?: string;
  /** Instead of the configured upstream: API tests and benches bring their own simulator and its faults. */
  upstream?: Upstream;
  /** The inventory cache's and Graphs' clock: tests move it rather than wait a poll interval. */
  now?: () => number;
  /** The metrics recorded and graphed: the shared catalog, unless a test proves a new row flows through. */
  catalog?: Catalog;
}

export async function startServer(config: Config, options: StartOptions): Promise<RunningServer> {
  const { logger } = options;
  const db = openDatabase(config.dataDir === ':memory:' ? ':memory:' : join(config.dataDir, 'vscope.db'));
  const users = new UserStore(db);
  const displays = new DisplayStore(db);
  const sessions = new SessionStore(db, { ...config.sessions, onTouch: markDisplaySeen(displays) });
  const upstream =
    options.upstream ??
    (config.mode === 'demo' ? await startDemoUpstream(config) : ovhUpstream(config.ovh!, config.guest));
  if (config.mode === 'demo') await ensureDemoUsers(users);

  const client = new OvhClient({ ...upstream.ovh, log: logger.child({ component: 'ovh' }) });
  const ovhInventory = new OvhInventory(
    client,
    new CollectionFetcher(client),
    logger.child({ component: 'inventory' }),
  );
  // An in-memory database is gone at exit: keeping snapshots in it would cost every refresh for nothing.
  const snapshots =
    config.dataDir === ':memory:'
      ? undefined
      : new InventorySnapshots(db, logger.child({ component: 'snapshots' }));
  const inventory = new InventoryService(ovhInventory, {
    intervalMs: config.pollIntervalMs,
    now: options.now,
    snapshots,
    onError: (what, error) =>
      logger.warn({ err: error, what }, 'inventory refresh failed, serving last good data'),
  });
  // Checked whether or not a guest service is set, so a bad rule or mapping file is caught at the first start.
  const guestIds = guestInstanceIds(config.guest);
  const guest = upstream.guest
    ? new GuestReader({
        client: new GuestClient({ ...upstream.guest, log: logger.child({ component: 'guest' }) }),
        ids: guestIds,
        timeZone: upstream.guest.timeZone,
        silentAfterMs: config.guest.silentAfterMs,
        now: options.now,
        onError: (what, error) =>
          logger.warn({ err: error, what }, 'guest refresh failed, serving last good data'),
      })
    : undefined;
  const history = createHistory(
    config,
    { client, pccUserId: (serviceName, pccUser) => ovhInventory.pccUserId(serviceName, pccUser) },
    logger.child({ component: 'history' }),
  );
  const recorder =
    config.recorderEnabled && history.recordTarget
      ? new Recorder({
          inventory,
          target: history.recordTarget,
          intervalMs: config.pollIntervalMs,
          log: logger.child({ component: 'recorder' }),
          catalog: options.catalog,
        })
      : undefined;
  const metering = await openMeteringBackend(config, logger.child({ component: 'metering' }));
  // Capacity is metered wherever the dashboard runs: the simulator's vScope history does not hold it.
  const capacityLog = logger.child({ component: 'capacity' });
  // The demo's capacity gets the year of the simulator's vScope history (DEMO_CAPACITY_BACKFILL, on by default),
  // inside the recorder's first pass (Gnocchi drops measures older than a metric's newest), in short steps
  // that leave the event loop to the dashboard. Tests and benches that bring their own simulator are left
  // without it.
  const closing = new AbortController();
  const backfill =
    config.mode === 'demo' &&
    config.demo.capacityBackfill &&
    config.history.source === 'metrics-token' &&
    !options.upstream
      ? new DemoBackfill({
          inventory,
          writer: metering.writer,
          historyFor: history.endpointFor,
          log: capacityLog,
          signal: closing.signal,
        })
      : undefined;
  const capacity = new CapacityRecorder({
    inventory,
    writer: metering.writer,
    intervalMs: config.pollIntervalMs,
    log: capacityLog,
    maxBatchMeasures: metering.measuresPerRequest,
    beforeFirstWrite: backfill && (() => backfill.run()),
  });
  const app = await buildApp({
    logger,
    users,
    sessions,
    displays,
    apiTokens: new ApiTokenStore(db),
    // Mounted read-only at /metering: the embedded engine, or METERING_URL's Gnocchi through the scoped proxy.
    metering: metering.source,
    inventory,
    guest,
    series: new SeriesService(history.endpointFor, options.now, options.catalog),
    vsphere: config.vsphereLogin
      ? vsphereLogin({
          services: async () => (await inventory.services({ kind: 'all' })).value,
          vcenterUrl: upstream.vcenterUrl,
        })
      : undefined,
    webRoot: options.webRoot ?? resolve('dist/web'),
    trustProxy: config.trustProxy,
    // A HOST given as a name (not an address, which is always answered) is one of the server's names.
    allowedHosts:
      isIP(config.host) === 0 ? [...config.allowedHosts, config.host.toLowerCase()] : config.allowedHosts,
  });
  const purge = setInterval(() => sessions.purgeExpired(), 3_600_000);
  purge.unref();
  const address = await app.listen({ port: config.port, host: config.host });
  recorder?.start();
  capacity.start();
  return {
    app,
    address,
    metering,
    inventory,
    recorders: { vscope: recorder, capacity },
    close: async () => {
      clearInterval(purge);
      closing.abort();
      await app.close();
      // Abandoning the refreshes first lets a recorder tick that waits on them end now.
      await inventory.close();
      await guest?.close();
      await recorder?.stop();
      await capacity.stop();
      await metering.close();
      await snapshots?.flush();
      await history.close();
      await upstream.close();
      db.close();
    },
  };
}
