import { describe, expect, it } from 'vitest';
import { buildInventory, DEFAULT_SIZE, type SimVm } from '../model/inventory';
import { guestProfile } from './roles';

const vms = buildInventory(1, { ...DEFAULT_SIZE, vms: 600 }, Date.UTC(2026, 10, 23)).services.flatMap((s) =>
  s.datacenters.flatMap((d) => d.vms),
);
const commands = (vm: SimVm) => new Set(guestProfile(vm).longLived.map((p) => p.cmd));
const linux = (prefix: string) =>
  vms.filter((vm) => vm.guestOsFamily === 'linuxGuest' && vm.name.startsWith(prefix));

describe('guestProfile', () => {
  it('runs a database on db VMs: postgres on some, mysql on others', () => {
    const dbs = linux('db-');
    expect(dbs.every((vm) => guestProfile(vm).role === 'database')).toBe(true);
    const engines = new Set(dbs.map((vm) => (commands(vm).has('postgres') ? 'postgres' : 'mysql')));
    expect(engines).toEqual(new Set(['postgres', 'mysql']));
    expect(dbs.every((vm) => commands(vm).has('postgres') || commands(vm).has('mysqld'))).toBe(true);
  });

  it('runs kubelet, containerd, its shims and kube-proxy on k8s workers', () => {
    for (const vm of linux('k8s-worker-')) {
      expect(guestProfile(vm).role).toBe('k8s-worker');
      for (const cmd of ['kubelet', 'containerd', 'containerd-shim', 'kube-proxy']) {
        expect(commands(vm)).toContain(cmd);
      }
    }
  });

  it('runs nginx with php-fpm or node on web VMs, java on app VMs', () => {
    for (const vm of linux('web-')) {
      expect(commands(vm)).toContain('nginx');
      expect(commands(vm).has('php-fpm') || commands(vm).has('node')).toBe(true);
    }
    for (const vm of linux('app-')) expect(commands(vm)).toContain('java');
  });

  it('runs the system services on every Linux VM, pid 1 first, with tens to ~150 processes', () => {
    for (const vm of vms.filter((v) => v.guestOsFamily === 'linuxGuest')) {
      const profile = guestProfile(vm);
      expect(profile.os).toBe('linux');
      expect(profile.longLived[0]?.cmd).toBe('systemd');
      for (const cmd of ['systemd-journald', 'systemd-udevd', 'sshd', 'cron', 'rsyslogd', 'dbus-daemon']) {
        expect(commands(vm)).toContain(cmd);
      }
      expect(commands(vm)).toContain('vmtoolsd');
      expect(commands(vm)).toContain('kthreadd');
      expect(profile.longLived.length).toBeGreaterThanOrEqual(30);
      expect(profile.longLived.length).toBeLessThanOrEqual(150);
    }
  });

  it('runs Windows its own: many svchost.exe, SQL Server on a database, IIS on a web VM', () => {
    const windows = vms.filter((vm) => vm.guestOsFamily === 'windowsGuest');
    for (const vm of windows) {
      const profile = guestProfile(vm);
      expect(profile.os).toBe('windows');
      for (const cmd of ['System', 'smss.exe', 'csrss.exe', 'wininit.exe', 'services.exe', 'lsass.exe']) {
        expect(commands(vm)).toContain(cmd);
      }
      expect(commands(vm)).toContain('vmtoolsd.exe');
      expect(profile.longLived.filter((p) => p.cmd === 'svchost.exe').length).toBeGreaterThan(10);
      expect(commands(vm).has('systemd')).toBe(false);
    }
    const db = windows.filter((vm) => vm.name.startsWith('db-'));
    const web = windows.filter((vm) => vm.name.startsWith('web-'));
    expect(db.length).toBeGreaterThan(0);
    expect(web.length).toBeGreaterThan(0);
    for (const vm of db) expect(commands(vm)).toContain('sqlservr.exe');
    for (const vm of web) expect(commands(vm)).toContain('w3wp.exe');
  });
});
