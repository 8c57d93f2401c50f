import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from '@/shared/metrics/catalog';
import { buildInventory, DEFAULT_SIZE } from '../model/inventory';
import { vmLive } from '../model/live-values';
import { apportion, guestMachine, guestSample } from './processes';

const start = Date.UTC(2026, 10, 23, 14, 0);
const vms = buildInventory(1, DEFAULT_SIZE, start).services.flatMap((s) =>
  s.datacenters.flatMap((d) => d.vms),
);
const on = vms.filter((vm) => vm.powerState === 'poweredOn');
const MINUTE = 60_000;

const sum = (values: number[]) => Math.round(values.reduce((s, v) => s + v, 0) * 10) / 10;

describe('guestSample', () => {
  it('is a pure function of the VM and the time', () => {
    for (const vm of on.slice(0, 10)) {
      const a = guestSample(guestMachine(vm), start + 7 * MINUTE, start + 6 * MINUTE);
      const b = guestSample(guestMachine(vm), start + 7 * MINUTE, start + 6 * MINUTE);
      expect(b).toEqual(a);
    }
  });

  it('shares out exactly the VM figures of its vCenter bucket among running processes', () => {
    for (const vm of on) {
      const at = start + 17 * MINUTE + 3_000;
      const { vm: figures, processes } = guestSample(guestMachine(vm), at, at - MINUTE);
      const live = vmLive(vm, Math.floor(at / BUCKET_MS));
      if (!live) throw new Error('a powered-on VM has live values');
      // Rounded to 0.1, as the agent rounds.
      expect(Math.abs(figures.cpu_util - (live.cpuUsed / live.cpuMax) * 100)).toBeLessThan(0.051);
      expect(Math.abs(figures.mem - (live.memoryUsed / live.memoryMax) * 100)).toBeLessThan(0.051);
      expect(Math.abs(figures.net_incoming - live.netRx * 1024)).toBeLessThan(0.051);
      const running = processes.filter((p) => p.shutdown_time === null);
      expect(figures.proc).toBe(running.length);
      expect(sum(running.map((p) => p.cpu_util))).toBe(figures.cpu_util);
      expect(sum(running.map((p) => p.mem))).toBe(figures.mem);
      expect(sum(running.map((p) => p.disk_read))).toBe(figures.disk_read);
      expect(sum(running.map((p) => p.disk_write))).toBe(figures.disk_write);
      // The agent reads the namespace's network counters: every process shows the VM's figures.
      expect(new Set(processes.map((p) => p.net_outgoing))).toEqual(new Set([figures.net_outgoing]));
    }
  });

  it('keeps long-lived processes under one pid and start time, and pids unique in a sample', () => {
    const machine = guestMachine(on[0]!);
    const a = guestSample(machine, start, start - MINUTE).processes;
    const b = guestSample(machine, start + 90 * MINUTE, start + 89 * MINUTE).processes;
    const systemdA = a.find((p) => p.pid === 1);
    expect(systemdA?.cmd).toBe('systemd');
    expect(b.find((p) => p.pid === 1)).toMatchObject({
      cmd: 'systemd',
      running_time: systemdA?.running_time,
    });
    expect(systemdA!.running_time * 1000).toBeLessThan(start);
    expect(new Set(a.map((p) => p.pid)).size).toBe(a.length);
  });

  it('reports a process that ended once more, with its shutdown time, then never again', () => {
    const machine = guestMachine(on[0]!);
    const seen = new Map<number, number>();
    const ended = new Map<number, number>();
    for (let t = start; t < start + 6 * 60 * MINUTE; t += MINUTE) {
      for (const p of guestSample(machine, t, t - MINUTE).processes) {
        if (p.shutdown_time === null) {
          expect(ended.has(p.pid)).toBe(false);
          seen.set(p.pid, p.running_time);
        } else {
          expect(ended.has(p.pid)).toBe(false);
          expect(seen.get(p.pid)).toBe(p.running_time);
          expect(p.shutdown_time * 1000).toBeGreaterThan(t - MINUTE);
          expect(p.shutdown_time * 1000).toBeLessThanOrEqual(t);
          expect(p.cpu_util).toBe(0);
          ended.set(p.pid, p.shutdown_time);
        }
      }
    }
    expect(ended.size).toBeGreaterThan(2);
  });
});

describe('apportion', () => {
  it('gives shares in tenths that add up to the rounded total', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([3.4, 3.3, 3.3]);
    expect(apportion(0.2, [5, 1, 0])).toEqual([0.2, 0, 0]);
    expect(apportion(7, [0, 0])).toEqual([0, 0]);
  });
});
