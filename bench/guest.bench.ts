import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { guestProtocol } from '../src/guest/guest-protocol';
import { GuestStore } from '../src/guest/guest-store';
import { GuestUsers } from '../src/guest/guest-users';
import type { ProcReport, VmReport } from '../src/guest/reports';
import { AGENT_FIXED_SESSION_ID, GUEST_METHODS } from '../src/shared/guest/protocol';
import { printFigures } from './report';

// The guest service's figures: report ingest through the protocol's HTTP path, one agent at a time and with
// CONCURRENT_AGENTS posting at once (their reports share commits), and the 611711 latency (limit 150) for one VM
// among GUEST_BENCH_VMS (default 1 000) VMs × 150 processes with a week of 5-minute reports, seeded straight into
// the store a time step at a time, with the store's size on disk.

const DAY = 86_400_000;
const STEP = 5 * 60_000;
const PROCS_PER_VM = 150;
const QUERIES = 200;
const INGEST_REPORTS = 300;
const CONCURRENT_AGENTS = 50;
const CONCURRENT_REPORTS = 2_000;

const NAMES = [
  'systemd',
  'sshd',
  'cron',
  'rsyslogd',
  'postgres',
  'kubelet',
  'containerd',
  'nginx',
  'java',
  'python',
];

function processList(vm: number): ProcReport[] {
  return Array.from({ length: PROCS_PER_VM }, (_, i) => ({
    pid: 300 + i * 13 + (vm % 7),
    cmd: i < NAMES.length ? (NAMES[i] ?? 'x') : `worker-${i % 40}`,
    cpu_util: 0,
    mem: 0,
    disk_read: 0,
    disk_write: 0,
    running_time: 1764000000.07 + i * 3.5,
    shutdown_time: null,
    net_incoming: 0.6,
    net_outgoing: 5.7,
  }));
}

/** New figures on the same list each step, rounded to tenths as the agent does. */
function tick(procs: ProcReport[], step: number): void {
  for (let i = 0; i < procs.length; i++) {
    const p = procs[i];
    if (!p) continue;
    const wave = (step * 31 + i * 17) % 97;
    p.cpu_util = (wave % 40) / 10;
    p.mem = ((i * 7) % 50) / 10 + (wave % 3) / 10;
    p.disk_read = wave > 80 ? (wave * 123) / 10 : 0;
    p.disk_write = wave > 70 ? Math.round(wave * 45.6) / 10 : 0;
  }
}

const vmReport = (step: number): VmReport => ({
  cpu_util: (step % 900) / 10,
  mem: 42.5,
  disk_read: 0,
  disk_write: 128.8,
  proc: PROCS_PER_VM,
  net_incoming: 0.6,
  net_outgoing: 5.7,
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

export async function guestBench(): Promise<void> {
  const vms = Number(process.env.GUEST_BENCH_VMS ?? 1000);
  const now = Date.UTC(2026, 10, 23);
  const steps = (7 * DAY) / STEP;
  const dir = mkdtempSync(join(tmpdir(), 'guest-bench-'));
  const store = new GuestStore(join(dir, 'guest.sqlite'), { now: () => now });
  const users = new GuestUsers();
  const app = Fastify();
  try {
    const lists = Array.from({ length: vms }, (_, vm) => processList(vm));
    const seedStart = performance.now();
    for (let step = 0; step < steps; step++) {
      const atMs = now - 7 * DAY + step * STEP;
      store.batch(() => {
        for (let vm = 0; vm < vms; vm++) {
          const procs = lists[vm] ?? [];
          tick(procs, step + vm);
          store.addVmReport(`vm-${vm}`, vmReport(step + vm), atMs, '10.0.0.1');
          store.addProcReport(`vm-${vm}`, procs, atMs, '10.0.0.1');
        }
      });
    }
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const records = vms * steps * PROCS_PER_VM;
    const bytes = store.sizeOnDisk();

    await users.addUser('bench', 'bench-password');
    const session = (await users.login('bench', 'bench-password')) ?? '';
    let clock = now;
    await app.register(guestProtocol, {
      store,
      users,
      agentKey: AGENT_FIXED_SESSION_ID,
      timeZone: 'UTC',
      now: () => clock,
    });
    const post = async (payload: string) => {
      const response = await app.inject({ method: 'POST', url: '/wsgi_app.py', payload });
      if (response.statusCode !== 200) throw new Error(`guest bench request answered ${response.statusCode}`);
      return response;
    };

    const target = `vm-${Math.floor(vms / 2)}`;
    const queryBody = (method: number, extra: object) =>
      JSON.stringify({ method, data: { instance_id: `${target};` }, session_id: session, ...extra });
    const latencies = async (payload: string, runs: number) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await post(payload);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b);
    };
    const procQuery = await latencies(queryBody(GUEST_METHODS.procData, { limit: 150 }), QUERIES);
    const byName = await latencies(
      queryBody(GUEST_METHODS.procByName, { limit: 150, proc_name: 'postgres' }),
      Math.ceil(QUERIES / 10),
    );

    /** Reports a second with `agents` posting at once, each its next report as soon as the last is answered. */
    const ingest = async (method: string, data: (i: number) => object, reports: number, agents: number) => {
      let next = 0;
      const agent = async () => {
        while (next < reports) {
          const i = next++;
          clock = now + i;
          await post(JSON.stringify({ method, data: data(i), session_id: AGENT_FIXED_SESSION_ID }));
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: agents }, agent));
      return reports / ((performance.now() - started) / 1000);
    };
    const vmData = (i: number) => ({ ...vmReport(i), instance_id: `vm-${i % vms}` });
    const procData = (i: number) => {
      const procs = lists[i % vms] ?? [];
      tick(procs, i);
      return { instance_id: `vm-${i % vms}`, data: procs };
    };
    const vmPerSecond = await ingest('116116', vmData, INGEST_REPORTS, 1);
    const procPerSecond = await ingest('116117', procData, INGEST_REPORTS, 1);
    const vmConcurrent = await ingest('116116', vmData, CONCURRENT_REPORTS, CONCURRENT_AGENTS);
    const procConcurrent = await ingest('116117', procData, CONCURRENT_REPORTS, CONCURRENT_AGENTS);

    printFigures(`guest service (${vms} VMs × ${PROCS_PER_VM} processes × a week of 5-minute reports)`, [
      { name: 'seeding (store batches, one per 5-minute step)', value: seedSeconds, unit: 's' },
      { name: 'process records stored', value: records, unit: 'records' },
      { name: 'store size on disk', value: bytes / 2 ** 20, unit: 'MiB' },
      { name: 'store bytes per process record', value: bytes / records, unit: 'B' },
      { name: '611711 limit 150, one VM, p50', value: percentile(procQuery, 50), unit: 'ms' },
      { name: '611711 limit 150, one VM, p99', value: percentile(procQuery, 99), unit: 'ms' },
      { name: '611712 by name over the week, limit 150, p50', value: percentile(byName, 50), unit: 'ms' },
      {
        name: 'VM report ingest (116116, HTTP inject, one at a time)',
        value: vmPerSecond,
        unit: 'reports/s',
      },
      {
        name: `process report ingest (116117, ${PROCS_PER_VM} processes, HTTP inject, one at a time)`,
        value: procPerSecond,
        unit: 'reports/s',
      },
      {
        name: `VM report ingest (116116, HTTP inject, ${CONCURRENT_AGENTS} agents at once)`,
        value: vmConcurrent,
        unit: 'reports/s',
      },
      {
        name: `process report ingest (116117, ${PROCS_PER_VM} processes, HTTP inject, ${CONCURRENT_AGENTS} agents at once)`,
        value: procConcurrent,
        unit: 'reports/s',
      },
    ]);
  } finally {
    await app.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
