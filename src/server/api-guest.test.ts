import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProcReport, VmReport } from '@/guest/reports';
import {
  GuestAgentsSchema,
  GuestLiveResponseSchema,
  GuestOverviewSchema,
  GuestProcessHistorySchema,
} from '../shared/api/guest';
import { VmListSchema, type VmList } from '../shared/api/inventory';
import { DEMO_ADMIN, DEMO_VIEWER, startApiHarness, type ApiHarness } from './testing/api-harness';
import { TEST_GUEST_USER } from './testing/guest-service';

// The guest API against the real guest-monitoring service on loopback: what a VM's agent reported, read
// through the server's client and caches, with the inventory's rights, stale data while the service is down,
// and a new sign-in when its session expires. Nothing secret may reach the browser.

const POLL_MS = 10_000;

let h: ApiHarness;
let admin: string;
let viewer: string;
let dc1: number;
let dc2: number;
let vms: VmList['items'];
const bodies: string[] = [];

const vmReport = (proc: number): VmReport => ({
  cpu_util: 12.5,
  mem: 40.1,
  disk_read: 100,
  disk_write: 2048,
  proc,
  net_incoming: 10,
  net_outgoing: 20,
});

const procReport = (pid: number, cmd: string, shutdown: number | null = null): ProcReport => ({
  pid,
  cmd,
  cpu_util: pid / 100,
  mem: 1.5,
  disk_read: 0,
  disk_write: 0,
  running_time: 1_700_000_000.25,
  shutdown_time: shutdown,
  net_incoming: 0.5,
  net_outgoing: 0.25,
});

const instanceOf = (vm: { moRef: string }) => `${h.serviceName}/${vm.moRef}`;
const vmPath = (vmId: number, tail = '', dc = dc1) => h.dcPath(`vms/${vmId}/guest${tail}`, dc);

/** GETs (or POSTs) as `cookie`, keeps the body for the secrets check, expects `status`. */
async function call<T>(path: string, cookie: string, status = 200, method = 'GET'): Promise<T> {
  const response = await h.request(path, { cookie, method });
  const text = await response.text();
  bodies.push(text);
  expect(response.status, `${method} ${path}: ${text}`).toBe(status);
  return JSON.parse(text) as T;
}

beforeAll(async () => {
  h = await startApiHarness({ guest: true });
  admin = await h.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
  viewer = await h.login(DEMO_VIEWER.username, DEMO_VIEWER.password);
  [dc1, dc2] = h.datacenterIds as [number, number];
  vms = VmListSchema.parse(await call(h.dcPath('vms'), admin)).items;
});
afterAll(() => h.close());

describe('guest API', () => {
  it("serves a VM's latest report: its figures, history and the processes of the newest process list", async () => {
    const vm = vms[0]!;
    const id = instanceOf(vm);
    await h.guest!.reportVm(id, vmReport(3));
    await h.guest!.reportProcs(id, [procReport(1, 'systemd'), procReport(2, 'sshd'), procReport(3, 'cron')]);
    h.clock.advance(60_000);
    await h.guest!.reportVm(id, vmReport(2));
    await h.guest!.reportProcs(id, [procReport(1, 'systemd'), procReport(3, 'cron', 1_700_000_100.5)]);

    const overview = GuestOverviewSchema.parse(await call(vmPath(vm.vmId), admin));
    expect(overview).toMatchObject({
      agent: 'reporting',
      instanceId: id,
      stale: false,
      pollIntervalMs: POLL_MS,
    });
    expect(overview.history.map((p) => p.processCount)).toEqual([3, 2]);
    expect(overview.history[1]).toMatchObject({ cpuPercent: 12.5, memoryPercent: 40.1, diskWriteBps: 2048 });
    expect(overview.lastReportAt).toBeGreaterThanOrEqual(h.clock.now());
    expect(overview.lastReportAt).toBeLessThan(h.clock.now() + 1_000);
    const byPid = overview.processes.toSorted((a, b) => (a.pid ?? 0) - (b.pid ?? 0));
    expect(byPid.map((p) => [p.pid, p.name, p.endedAt])).toEqual([
      [1, 'systemd', null],
      [3, 'cron', 1_700_000_100_500],
    ]);
    expect(byPid[0]).toMatchObject({ startedAt: 1_700_000_000_250, brokenFields: [] });
  });

  it("serves one process's history, oldest first", async () => {
    const vm = vms[0]!;
    const history = GuestProcessHistorySchema.parse(await call(vmPath(vm.vmId, '/processes/cron'), admin));
    expect(history.name).toBe('cron');
    expect(history.points.map((p) => p.endedAt)).toEqual([null, 1_700_000_100_500]);
    expect(history.points[0]!.at).toBeLessThan(history.points[1]!.at);
    const encoded = await call<{ points: unknown[] }>(
      vmPath(vm.vmId, `/processes/${encodeURIComponent('kworker/0:1 x')}`),
      admin,
    );
    expect(encoded.points).toEqual([]);
    await call(vmPath(vm.vmId, `/processes/${'x'.repeat(256)}`), admin, 400);
  });

  it('says none for a VM whose agent never reported, and silent once its reports stop', async () => {
    const quiet = vms[1]!;
    expect(GuestOverviewSchema.parse(await call(vmPath(quiet.vmId), admin))).toMatchObject({
      agent: 'none',
      lastReportAt: null,
      history: [],
      processes: [],
    });
    h.clock.advance(16 * 60_000);
    expect((await call<{ agent: string }>(vmPath(vms[0]!.vmId), admin)).agent).toBe('silent');
  });

  it("gives each VM's agent state for the VMs table", async () => {
    await h.guest!.reportVm(instanceOf(vms[2]!), vmReport(1));
    const answer = GuestAgentsSchema.parse(await call(h.dcPath('guest-agents'), admin));
    expect(Object.keys(answer.agents).sort()).toEqual(vms.map((vm) => String(vm.vmId)).sort());
    expect(answer.agents[String(vms[0]!.vmId)]).toBe('silent');
    expect(answer.agents[String(vms[1]!.vmId)]).toBe('none');
    expect(answer.agents[String(vms[2]!.vmId)]).toBe('reporting');
  });

  it('starts Live for five minutes and says so in the overview', async () => {
    const vm = vms[2]!;
    const live = GuestLiveResponseSchema.parse(await call(vmPath(vm.vmId, '/live'), admin, 200, 'POST'));
    expect(live.liveUntil).toBe(h.clock.now() + 300_000);
    expect(h.guest!.store.liveUntil(instanceOf(vm))).toBeGreaterThan(h.clock.now());
    expect((await call<{ liveUntil: number }>(vmPath(vm.vmId), admin)).liveUntil).toBe(live.liveUntil);
  });

  it("refuses a datacenter the user has no rights on, as the inventory does, and a VM not in the datacenter's list", async () => {
    const other = VmListSchema.parse(await call(h.dcPath('vms', dc2), admin)).items[0]!;
    for (const [path, method] of [
      [vmPath(other.vmId, '', dc2), 'GET'],
      [vmPath(other.vmId, '/processes/cron', dc2), 'GET'],
      [vmPath(other.vmId, '/live', dc2), 'POST'],
      [h.dcPath('guest-agents', dc2), 'GET'],
    ] as const) {
      expect((await call<{ error: { code: string } }>(path, viewer, 403, method)).error.code).toBe(
        'forbidden',
      );
    }
    expect((await call<{ error: { code: string } }>(vmPath(other.vmId), admin, 404)).error.code).toBe(
      'not_found',
    );
    await call(vmPath(vms[0]!.vmId), '', 401);
  });

  it('serves the last data marked stale while the guest service is down, and 503 when it has none', async () => {
    const vm = vms[2]!;
    await call(vmPath(vm.vmId), admin);
    h.guest!.setDown(true);
    try {
      h.clock.advance(POLL_MS);
      const stale = GuestOverviewSchema.parse(await call(vmPath(vm.vmId), admin));
      expect(stale.stale).toBe(true);
      expect(stale.error?.message).toMatch(/guest-monitoring service/);
      expect(stale.processes).toEqual([]);
      const never = await call<{ error: { code: string; message: string } }>(
        vmPath(vms[3]!.vmId),
        admin,
        503,
      );
      expect(never.error.code).toBe('upstream_unavailable');
      expect(never.error.message).toMatch(/^There is no data from the guest-monitoring service yet/);
    } finally {
      h.guest!.setDown(false);
    }
    h.clock.advance(POLL_MS);
    await vi.waitFor(async () =>
      expect((await call<{ stale: boolean }>(vmPath(vm.vmId), admin)).stale).toBe(false),
    );
  });

  it('signs in to the guest service again when its session expired', async () => {
    const logins = h.guest!.issuedSessions.length;
    expect(logins).toBeGreaterThan(0);
    h.guest!.expireSessions();
    h.clock.advance(POLL_MS);
    expect((await call<{ stale: boolean }>(vmPath(vms[0]!.vmId), admin)).stale).toBe(false);
    expect(h.guest!.issuedSessions.length).toBe(logins + 1);
  });

  it('never sends the browser the guest password nor a guest session id', () => {
    expect(bodies.length).toBeGreaterThan(10);
    const all = bodies.join('\n');
    expect(all).not.toContain(TEST_GUEST_USER.password);
    for (const session of h.guest!.issuedSessions) expect(all).not.toContain(session);
  });
});

describe('guest API without a guest service', () => {
  it('answers guest_not_configured', async () => {
    const plain = await startApiHarness();
    try {
      const cookie = await plain.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
      const vm = VmListSchema.parse(await plain.json(plain.dcPath('vms'), cookie)).items[0]!;
      for (const path of [plain.dcPath(`vms/${vm.vmId}/guest`), plain.dcPath('guest-agents')]) {
        const body = await plain.json<{ error: { code: string } }>(path, cookie, 404);
        expect(body.error.code).toBe('guest_not_configured');
      }
    } finally {
      await plain.close();
    }
  });
});
