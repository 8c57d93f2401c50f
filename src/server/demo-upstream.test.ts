import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { GuestAgentsSchema, GuestOverviewSchema } from '../shared/api/guest';
import { ServiceListSchema } from '../shared/api/inventory';
import { DEMO_LOCAL_USERS } from './auth/demo-accounts';
import { UserStore } from './auth/users';
import { openDatabase } from './db/database';
import { ensureDemoUsers } from './demo-upstream';
import { createLogger } from './logging';
import { startServer } from './server';

describe('ensureDemoUsers', () => {
  it('creates the published accounts though the password policy refuses their passwords', async () => {
    const db = openDatabase(':memory:');
    try {
      const users = new UserStore(db);
      await ensureDemoUsers(users);
      for (const demo of DEMO_LOCAL_USERS) {
        expect(await users.verify(demo.username, demo.password)).toMatchObject({
          role: demo.role,
          pccUser: demo.pccUser,
        });
      }
      // A changed password meets the policy, and a later start leaves it alone.
      await users.setPassword('admin', 'kq8-Vx2p-w7Lm-staple');
      await ensureDemoUsers(users);
      expect(await users.verify('admin', 'vscope-demo')).toBeUndefined();
    } finally {
      db.close();
    }
  });
});

describe('demo mode guest monitoring', () => {
  it("reads the simulator's guest service, whose agents report from the demo's VMs", async () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: ':memory:',
      DEMO_VMS: '30',
      DEMO_CAPACITY_BACKFILL: 'false',
    });
    const server = await startServer(config, {
      logger: createLogger({ logLevel: 'silent' }),
      webRoot: '/nonexistent',
    });
    try {
      const signIn = await fetch(`${server.address}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'vscope-demo', provider: 'local' }),
      });
      const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
      const get = async (path: string) => {
        const response = await fetch(`${server.address}/api${path}`, { headers: { cookie } });
        expect(response.status, path).toBe(200);
        return (await response.json()) as unknown;
      };
      const services = ServiceListSchema.parse(await get('/services'));
      const { serviceName, datacenters } = services.items[0]!;
      const dc = `/services/${serviceName}/datacenters/${datacenters[0]!.datacenterId}`;
      const { agents } = GuestAgentsSchema.parse(await get(`${dc}/guest-agents`));
      const reporting = Object.entries(agents).find(([, state]) => state === 'reporting');
      expect(reporting).toBeDefined();
      const overview = GuestOverviewSchema.parse(await get(`${dc}/vms/${reporting![0]}/guest`));
      expect(overview.agent).toBe('reporting');
      expect(overview.processes.length).toBeGreaterThan(0);
      expect(overview.history.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
