import { afterEach, describe, expect, it } from 'vitest';
import { GUEST_METHODS } from '@/shared/guest/protocol';
import { createSimulator, type Simulator } from '../simulator';
import { DEMO_GUEST } from './demo-guest';
import { SILENT_FOR_MS } from './fleet';

const start = Date.UTC(2026, 10, 23, 14, 0);
const MINUTE = 60_000;
const URL = '/guest/wsgi_app.py';

const open: Simulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.app.close()));
});

function simulator(agents: boolean) {
  let clock = start;
  const sim = createSimulator({ now: () => clock, guest: { agents } });
  open.push(sim);
  return { sim, advance: (ms: number) => (clock += ms), now: () => clock };
}

async function call(sim: Simulator, body: object) {
  const response = await sim.app.inject({ method: 'POST', url: URL, payload: JSON.stringify(body) });
  return {
    statusCode: response.statusCode,
    body: response.json<{ status_code: number; session_id: string; data: unknown }>(),
  };
}

async function login(sim: Simulator): Promise<string> {
  const { body } = await call(sim, {
    method: GUEST_METHODS.login,
    data: { user_name: DEMO_GUEST.user, password: DEMO_GUEST.password },
  });
  expect(body.status_code).toBe(1);
  return body.session_id;
}

async function query(sim: Simulator, session: string, method: number, instanceId: string, limit: number) {
  const { body } = await call(sim, {
    method,
    data: { instance_id: `${instanceId};` },
    session_id: session,
    limit,
  });
  expect(body.status_code).toBe(1);
  return body.data as string[];
}

const reporting = (sim: Simulator) => sim.guest.fleet.agents.filter((a) => a.silentSinceMs === null);

describe('the simulated guest agents', () => {
  it('start with an hour of history and post their reports through the protocol as time passes', async () => {
    const { sim, advance } = simulator(true);
    const session = await login(sim);
    const agent = reporting(sim)[0]!;
    const before = sim.guest.store.vmRecords(agent.instanceId, 1000).length;
    expect(before).toBeGreaterThanOrEqual(60);
    expect(sim.guest.store.latestReportAt(agent.instanceId)).toBeLessThanOrEqual(start);

    advance(MINUTE);
    expect(await sim.guest.reporter!.tick()).toBe(reporting(sim).length);
    expect(sim.faults.counters.get(`POST ${URL}`)).toBeGreaterThanOrEqual(2 * reporting(sim).length);
    expect(sim.guest.store.latestReportAt(agent.instanceId)).toBe(start + MINUTE);

    const [vm] = await query(sim, session, GUEST_METHODS.vmData, agent.instanceId, 1);
    expect(vm).toContain(`u'instance_id': u'${agent.instanceId}'`);
    expect(vm).toContain(`u'create_date': u'2026-11-23T14:01:00`);
    const procs = await query(sim, session, GUEST_METHODS.procData, agent.instanceId, 500);
    expect(procs.some((p) => p.includes(`u'cmd': u'systemd'`) && p.includes('2026-11-23T14:01:00'))).toBe(
      true,
    );

    // Nothing more is due until the agent's interval has passed again.
    advance(10_000);
    expect(await sim.guest.reporter!.tick()).toBe(0);
  });

  it('has one silent agent whose records stop two hours before the start, and agentless VMs with none', async () => {
    const { sim, advance } = simulator(true);
    const session = await login(sim);
    const silent = sim.guest.fleet.agents.find((a) => a.silentSinceMs !== null)!;
    const records = sim.guest.store.vmRecords(silent.instanceId, 1000);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record.atMs).toBeLessThanOrEqual(start - SILENT_FOR_MS);
      expect(record.atMs).toBeGreaterThanOrEqual(start - SILENT_FOR_MS - 60 * MINUTE);
    }
    advance(5 * MINUTE);
    await sim.guest.reporter!.tick();
    expect(sim.guest.store.latestReportAt(silent.instanceId)).toBe(start - SILENT_FOR_MS);

    const service = sim.inventory.services[0]!;
    const agentless = service.datacenters[0]!.vms.find(
      (vm) =>
        vm.powerState === 'poweredOn' &&
        !sim.guest.fleet.byInstanceId.has(`${service.serviceName}/${vm.moRef}`),
    )!;
    expect(
      await query(sim, session, GUEST_METHODS.vmData, `${service.serviceName}/${agentless.moRef}`, 5),
    ).toEqual([]);
  });

  it('report every 3 seconds while their instance is Live', async () => {
    const { sim, advance } = simulator(true);
    const session = await login(sim);
    const [live, other] = reporting(sim);
    advance(MINUTE);
    await sim.guest.reporter!.tick();
    const { body } = await call(sim, {
      method: GUEST_METHODS.startMonitor,
      data: { instance_id: `${live!.instanceId};` },
      session_id: session,
    });
    expect(body.status_code).toBe(1);
    const count = (id: string) => sim.guest.store.vmRecords(id, 1000).length;
    const [liveBefore, otherBefore] = [count(live!.instanceId), count(other!.instanceId)];
    for (let i = 1; i <= 3; i++) {
      advance(3000);
      await sim.guest.reporter!.tick();
    }
    expect(count(live!.instanceId)).toBe(liveBefore + 3);
    expect(count(other!.instanceId)).toBe(otherBefore);
  });

  it('run their timer from ready to close', async () => {
    const { sim } = simulator(true);
    await sim.app.ready();
    expect(sim.guest.reporter!.running).toBe(true);
    await Promise.all(open.splice(0).map((s) => s.app.close()));
    expect(sim.guest.reporter!.running).toBe(false);
  });

  it('keep quiet unless asked: by default the endpoint answers logins and holds no reports', async () => {
    const { sim } = simulator(false);
    await login(sim);
    expect(sim.guest.reporter).toBeNull();
    const agent = sim.guest.fleet.agents[0]!;
    expect(sim.guest.store.latestReportAt(agent.instanceId)).toBeNull();
  });
});

describe('the guest-down fault', () => {
  it('answers 503 on the guest endpoint, and the agents’ refused reports store nothing', async () => {
    const { sim, advance } = simulator(true);
    const down = await sim.app.inject({ method: 'POST', url: '/_admin/services/guest/down', payload: {} });
    expect(down.statusCode).toBe(200);
    const refused = await sim.app.inject({ method: 'POST', url: URL, payload: '{"method": 458753}' });
    expect(refused.statusCode).toBe(503);
    const agent = reporting(sim)[0]!;
    advance(MINUTE);
    await sim.guest.reporter!.tick();
    expect(sim.guest.store.latestReportAt(agent.instanceId)).toBeLessThan(start + MINUTE);

    await sim.app.inject({ method: 'POST', url: '/_admin/services/guest/up' });
    expect(await login(sim)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
