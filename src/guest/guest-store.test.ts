import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GuestStore } from './guest-store';
import type { ProcReport, VmReport } from './reports';

const VM: VmReport = {
  cpu_util: 0,
  mem: 8.6,
  disk_read: 0,
  disk_write: 128.8,
  proc: 95,
  net_incoming: 0.6,
  net_outgoing: 5.7,
};

const proc = (pid: number, cmd: string, over: Partial<ProcReport> = {}): ProcReport => ({
  pid,
  cmd,
  cpu_util: 0,
  mem: 0.1,
  disk_read: 0,
  disk_write: 0,
  running_time: 1482236516.07,
  shutdown_time: null,
  net_incoming: 0.6,
  net_outgoing: 5.7,
  ...over,
});

const T0 = Date.UTC(2017, 0, 1, 13, 37, 59, 1);
const ID = '6abf5a1e-b85c-4e5f-ba02-f96e22cbd02e';

const stores: GuestStore[] = [];
const dirs: string[] = [];
function memoryStore(options?: ConstructorParameters<typeof GuestStore>[1]): GuestStore {
  const store = new GuestStore(':memory:', options);
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('GuestStore', () => {
  it('answers VM reports newest first with stable ObjectIds that start with the report second', () => {
    const store = memoryStore();
    store.addVmReport(ID, VM, T0);
    store.addVmReport(ID, { ...VM, proc: 96 }, T0 + 300_000);
    const records = store.vmRecords(ID, 5);
    expect(records.map((r) => r.report.proc)).toEqual([96, 95]);
    expect(records[1]).toMatchObject({ atMs: T0, createdUs: T0 * 1000, instanceId: ID, report: VM });
    expect(records[1]?.objectId).toMatch(/^58690637[0-9a-f]{16}$/);
    expect(store.vmRecords(ID, 5)).toEqual(records);
    expect(new Set(records.map((r) => r.objectId)).size).toBe(2);
    expect(store.vmRecords(ID, 1)).toHaveLength(1);
    expect(store.vmRecords('unknown', 1)).toEqual([]);
  });

  it('unpacks the newest process reports until the limit, last-listed process first', () => {
    const store = memoryStore();
    store.addProcReport(ID, [proc(461, 'systemd-journald'), proc(489, 'systemd-udevd')], T0);
    store.addProcReport(
      ID,
      [proc(461, 'systemd-journald'), proc(975, 'dhclient'), proc(479, 'lvmetad')],
      T0 + 1,
    );
    const records = store.procRecords(ID, 4);
    expect(records.map((r) => [r.process.pid, r.process.cmd, r.atMs])).toEqual([
      [479, 'lvmetad', T0 + 1],
      [975, 'dhclient', T0 + 1],
      [461, 'systemd-journald', T0 + 1],
      [489, 'systemd-udevd', T0],
    ]);
    expect(records.map((r) => r.createdUs)).toEqual([
      (T0 + 1) * 1000 + 2,
      (T0 + 1) * 1000 + 1,
      (T0 + 1) * 1000,
      T0 * 1000 + 1,
    ]);
    expect(records[3]?.process).toEqual(proc(489, 'systemd-udevd'));
    expect(new Set(records.map((r) => r.objectId)).size).toBe(4);
    expect(store.procRecords(ID, 4)).toEqual(records);
    expect(store.procRecords(ID, 0)).toEqual([]);
  });

  it('finds one process name across reports, skipping those without it', () => {
    const store = memoryStore();
    for (let i = 0; i < 5; i++) {
      const list = [proc(1, 'systemd'), proc(300 + i, 'sshd')];
      if (i % 2 === 0) list.push(proc(512, 'vballoon', { cpu_util: i / 10 }));
      store.addProcReport(ID, list, T0 + i * 3_600_000);
    }
    const records = store.procRecordsByName(ID, 'vballoon', 2);
    expect(records.map((r) => r.process.cpu_util)).toEqual([0.4, 0.2]);
    expect(store.procRecordsByName(ID, 'vballoon', 10)).toHaveLength(3);
    expect(store.procRecordsByName(ID, 'nginx', 10)).toEqual([]);
    expect(store.procRecordsByName('other', 'sshd', 10)).toEqual([]);
  });

  it('keeps an ended process shutdown time and any agent figure exactly', () => {
    const store = memoryStore();
    const ended = proc(77, 'cron', { shutdown_time: 1482240000.12, mem: 0.123456789 });
    store.addProcReport(ID, [ended], T0);
    expect(store.procRecords(ID, 1)[0]?.process).toEqual(ended);
  });

  it('tracks the latest report, the live window and the agent address', () => {
    const store = memoryStore();
    expect(store.latestReportAt(ID)).toBeNull();
    store.addVmReport(ID, VM, T0, '10.0.0.5');
    store.addProcReport(ID, [proc(1, 'init')], T0 + 5);
    expect(store.latestReportAt(ID)).toBe(T0 + 5);
    expect(store.agentAddress(ID)).toBe('10.0.0.5');
    store.addVmReport(ID, VM, T0 + 10, '10.0.0.6');
    expect(store.agentAddress(ID)).toBe('10.0.0.6');
    expect(store.agentAddress('other')).toBeNull();
    expect(store.liveUntil(ID)).toBeNull();
    store.markLive(ID, T0 + 300_000);
    expect(store.liveUntil(ID)).toBe(T0 + 300_000);
  });

  it('prunes reports past the retention and counts the rows removed', () => {
    const store = memoryStore({ retentionDays: 1 });
    store.addVmReport(ID, VM, T0);
    store.addProcReport(ID, [proc(1, 'init')], T0);
    store.addVmReport(ID, VM, T0 + 86_400_000);
    expect(store.prune(T0 + 86_400_000 + 1)).toBe(2);
    expect(store.vmRecords(ID, 10)).toHaveLength(1);
    expect(store.procRecords(ID, 10)).toEqual([]);
    expect(store.prune(T0 + 86_400_000 + 1)).toBe(0);
  });

  it('keeps what it acknowledged across a reopen of the same file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guest-store-'));
    dirs.push(dir);
    const file = join(dir, 'guest.sqlite');
    const first = new GuestStore(file);
    first.addVmReport(ID, VM, T0, '10.0.0.5');
    first.addProcReport(ID, [proc(489, 'systemd-udevd')], T0);
    const before = [first.vmRecords(ID, 1), first.procRecords(ID, 1)];
    first.close();
    const second = new GuestStore(file);
    stores.push(second);
    expect([second.vmRecords(ID, 1), second.procRecords(ID, 1)]).toEqual(before);
    expect(second.agentAddress(ID)).toBe('10.0.0.5');
    second.addProcReport(ID, [proc(490, 'systemd-udevd')], T0 + 1);
    expect(second.procRecordsByName(ID, 'systemd-udevd', 5).map((r) => r.process.pid)).toEqual([490, 489]);
    expect(second.sizeOnDisk()).toBeGreaterThan(0);
  });
});
