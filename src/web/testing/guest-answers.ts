import type { GuestOverview, GuestProcess, GuestProcessHistory, GuestVmPoint } from '@/shared/api/guest';

// Guest answers as the server gives them, for the Processes page and the VMs table's agent column.

export const GUEST_POLL_MS = 10_000;

export const guestRoutes = {
  overview: '/api/services/:serviceName/datacenters/:datacenterId/vms/:vmId/guest',
  process: '/api/services/:serviceName/datacenters/:datacenterId/vms/:vmId/guest/processes/:name',
  live: '/api/services/:serviceName/datacenters/:datacenterId/vms/:vmId/guest/live',
  agents: '/api/services/:serviceName/datacenters/:datacenterId/guest-agents',
};

const usage = {
  cpuPercent: 12.5,
  memoryPercent: 40,
  diskReadBps: 2048,
  diskWriteBps: 4096,
  netInBps: 1024,
  netOutBps: 512,
};

export function guestPoint(at: number, change: Partial<GuestVmPoint> = {}): GuestVmPoint {
  return { at, ...usage, processCount: 3, ...change };
}

export function guestProcess(name: string, pid: number, change: Partial<GuestProcess> = {}): GuestProcess {
  return {
    pid,
    name,
    ...usage,
    startedAt: Date.UTC(2026, 10, 20, 8),
    endedAt: null,
    brokenFields: [],
    ...change,
  };
}

/** A process's history (611712), a record a minute up to `now`. */
export function processHistory(name: string, now = Date.now()): GuestProcessHistory {
  const { name: _name, ...process } = guestProcess(name, 812);
  return {
    fetchedAt: now,
    stale: false,
    pollIntervalMs: GUEST_POLL_MS,
    name,
    points: [0, 1, 2].map((i) => ({ ...process, at: now - (2 - i) * 60_000 })),
  };
}

/** A reporting agent's answer, fetched at `now`, with a few minutes of reports and three processes. */
export function guestOverview(now = Date.now(), change: Partial<GuestOverview> = {}): GuestOverview {
  return {
    fetchedAt: now,
    stale: false,
    pollIntervalMs: GUEST_POLL_MS,
    agent: 'reporting',
    instanceId: 'pcc-1/vm-1254',
    lastReportAt: now - 5_000,
    liveUntil: null,
    history: [0, 1, 2, 3].map((i) => guestPoint(now - (3 - i) * 60_000, { cpuPercent: 10 + i })),
    processes: [
      guestProcess('systemd', 1, { cpuPercent: 0.5 }),
      guestProcess('sshd', 812, { cpuPercent: 2 }),
      guestProcess('postgres', 1400, { cpuPercent: 35, endedAt: now - 60_000 }),
    ],
    ...change,
  };
}
