import { BUCKET_MS } from '@/shared/metrics/catalog';
import type { ProcReport, VmReport } from '@/guest/reports';
import type { SimVm } from '../model/inventory';
import { vmLive } from '../model/live-values';
import { mix, hashString, signedUnit } from '../model/random';
import { round } from '../model/rhythm';
import { guestProfile, type ChurnSpec, type GuestProfile, type LongLivedSpec } from './roles';

// A VM's process table at any instant, as a pure function of (VM, time): long-lived processes with fixed pids
// since boot, short-lived ones that come and go, and figures shared out so that they add up to the VM's vCenter
// CPU and memory percentages and disk and network rates of the same 5-minute bucket, so the guest's figures
// agree with the VMs table.

export interface GuestSample {
  vm: VmReport;
  processes: ProcReport[];
}

interface Running {
  pid: number;
  spec: LongLivedSpec | ChurnSpec;
  startMs: number;
  /** Set on a process that ended since the previous sample. */
  endMs?: number;
}

interface ChurnSlot {
  spec: ChurnSpec;
  key: number;
  periodMs: number;
  phaseMs: number;
}

/** A VM's guest, built once: its profile, boot time, pids and churn slots. */
export interface GuestMachine {
  vm: SimVm;
  profile: GuestProfile;
  bootMs: number;
  longLived: Running[];
  churn: ChurnSlot[];
}

const DAY_MS = 86_400_000;
/** How many periods back a churn slot looks for processes that ended since the previous sample. */
const MAX_EPOCHS_BACK = 4;

export function guestMachine(vm: SimVm): GuestMachine {
  const profile = guestProfile(vm);
  // The VM booted some time after its host, at most two days after, so always before the model's start.
  const bootMs = vm.host.bootedAtMs + (mix(vm.key, 0xb007) % (2 * DAY_MS));
  const windows = profile.os === 'windows';
  let pid = 0;
  const longLived = profile.longLived.map((spec, i): Running => {
    // Linux numbers pids one by one from 1 (systemd) and the kernel's threads; services leave gaps. Windows
    // gives multiples of 4 from System's 4, with wide gaps.
    const gap = windows ? 4 * (1 + (mix(vm.key, i) % 60)) : 1 + (i < 40 ? 0 : mix(vm.key, i) % 40);
    pid = windows && i === 0 ? 4 : pid + gap;
    const startMs = bootMs + (spec.delayS ?? 0) * 1000 + i * 20 + (mix(vm.key ^ 0x51, i) % 1000);
    return { pid, spec, startMs };
  });
  const churn = profile.churn.flatMap((spec) =>
    Array.from({ length: spec.slots }, (_, s): ChurnSlot => {
      const key = mix(vm.key ^ hashString(spec.cmd), s);
      const periodMs = spec.periodS * 1000;
      return { spec, key, periodMs, phaseMs: mix(key, 1) % periodMs };
    }),
  );
  return { vm, profile, bootMs, longLived, churn };
}

/** The churn slot's process of period `epoch`: it starts in the period's first fifth and lives 30–90 % of it. */
function churnProcess(slot: ChurnSlot, epoch: number): Running & { endMs: number } {
  const unit = (n: number) => (signedUnit(slot.key ^ n, epoch) + 1) / 2;
  const startMs = Math.floor(slot.phaseMs + epoch * slot.periodMs + 0.2 * unit(2) * slot.periodMs);
  const endMs = Math.floor(startMs + (0.3 + 0.6 * unit(3)) * slot.periodMs);
  // Real pids climb and wrap; a hash over the slot and period stands in, far from the long-lived ones.
  return { pid: 10_000 + (mix(slot.key, epoch) % 50_000), spec: slot.spec, startMs, endMs };
}

/** Processes alive at `atMs`, and those alive at `sinceMs` that ended by `atMs` (reported once more, with
 * their shutdown time, as the agent does). */
function processesBetween(machine: GuestMachine, sinceMs: number, atMs: number): Running[] {
  const alive = machine.longLived.filter((p) => p.startMs <= atMs);
  for (const slot of machine.churn) {
    const last = Math.floor((atMs - slot.phaseMs) / slot.periodMs);
    const first = Math.max(last - MAX_EPOCHS_BACK, Math.floor((sinceMs - slot.phaseMs) / slot.periodMs) - 1);
    for (let epoch = first; epoch <= last; epoch++) {
      const p = churnProcess(slot, epoch);
      if (p.startMs < machine.bootMs || p.startMs > atMs) continue;
      if (p.endMs > atMs) alive.push({ pid: p.pid, spec: p.spec, startMs: p.startMs });
      else if (p.startMs <= sinceMs && p.endMs > sinceMs) alive.push(p);
    }
  }
  return alive;
}

/**
 * `total` (rounded to 0.1) shared out over `weights` in tenths by largest remainder, so the rounded shares add
 * up to the rounded total exactly.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const tenths = Math.round(total * 10);
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0 || tenths <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * tenths);
  const shares = exact.map(Math.floor);
  let left = tenths - shares.reduce((s, v) => s + v, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left--;
  }
  return shares.map((s) => s / 10);
}

const percent = (used: number, max: number) => (max > 0 ? round((used / max) * 100, 1) : 0);
const bytesPerSecond = (kiloBytesPerSecond: number) => round(kiloBytesPerSecond * 1024, 1);

/**
 * What the agent reports at `atMs`, when its previous sample was at `sinceMs`: the VM's figures and its process
 * table. Running processes' figures add up to the VM's; processes that ended report zeros.
 */
export function guestSample(machine: GuestMachine, atMs: number, sinceMs: number): GuestSample {
  const live = vmLive(machine.vm, Math.floor(atMs / BUCKET_MS));
  const vm: VmReport = {
    cpu_util: live ? percent(live.cpuUsed, live.cpuMax) : 0,
    mem: live ? percent(live.memoryUsed, live.memoryMax) : 0,
    disk_read: bytesPerSecond(live?.readRate ?? 0),
    disk_write: bytesPerSecond(live?.writeRate ?? 0),
    proc: 0,
    net_incoming: bytesPerSecond(live?.netRx ?? 0),
    net_outgoing: bytesPerSecond(live?.netTx ?? 0),
  };
  const all = processesBetween(machine, sinceMs, atMs).sort((a, b) => a.pid - b.pid);
  const running = all.filter((p) => p.endMs === undefined);
  // Each process's share wobbles from one second to the next around its role's weight.
  const second = Math.floor(atMs / 1000);
  const wobble = (p: Running, n: number, weight: number) =>
    weight * (1 + 0.6 * signedUnit(mix(machine.vm.key ^ n, p.pid), second));
  const shares = (total: number, n: number, weight: (spec: Running['spec']) => number) => {
    const values = apportion(
      total,
      running.map((p) => wobble(p, n, weight(p.spec))),
    );
    return new Map(running.map((p, i) => [p, values[i] ?? 0]));
  };
  const cpu = shares(vm.cpu_util, 1, (s) => s.cpu);
  const mem = shares(vm.mem, 2, (s) => s.mem);
  const read = shares(vm.disk_read, 3, (s) => s.io);
  const write = shares(vm.disk_write, 4, (s) => s.io);
  const processes = all.map((p): ProcReport => ({
    pid: p.pid,
    cmd: p.spec.cmd,
    cpu_util: cpu.get(p) ?? 0,
    mem: mem.get(p) ?? 0,
    disk_read: read.get(p) ?? 0,
    disk_write: write.get(p) ?? 0,
    running_time: round(p.startMs / 1000, 2),
    shutdown_time: p.endMs === undefined ? null : round(p.endMs / 1000, 2),
    // The agent reads /proc/<pid>/net/dev, which is the network namespace's: the same for every process.
    net_incoming: vm.net_incoming,
    net_outgoing: vm.net_outgoing,
  }));
  return { vm: { ...vm, proc: running.length }, processes };
}
