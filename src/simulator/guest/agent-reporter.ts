import type { FastifyInstance } from 'fastify';
import { GUEST_STATUS, LIVE_INTERVAL_SECONDS } from '@/shared/guest/protocol';
import type { GuestStore } from '@/guest/guest-store';
import type { GuestAgent, GuestFleet } from './fleet';
import { guestSample } from './processes';
import { procReportBody, vmReportBody } from './report';

// The simulated agents' reporting: an hour of history written straight into the store at start, then every
// agent posting its two reports through the service's real route at its own moment of the interval, every
// 3 seconds while the instance is Live. One timer drives them all; a tick sends at most MAX_REPORTS_PER_TICK so
// a 10 000-VM fleet spreads its reports rather than all landing at once.

export interface AgentReporterOptions {
  app: FastifyInstance;
  /** The guest endpoint's URL in `app`. */
  url: string;
  store: GuestStore;
  fleet: GuestFleet;
  agentKey: string;
  now: () => number;
  reportIntervalMs: number;
}

const HOUR_MS = 3_600_000;
export const TICK_MS = 1000;
const LIVE_INTERVAL_MS = LIVE_INTERVAL_SECONDS * 1000;
const MAX_REPORTS_PER_TICK = 200;
/** Reports the start-up history may hold in all: a big fleet gets a coarser hour rather than a long start. */
const BACKFILL_REPORTS = 20_000;

interface AgentState {
  agent: GuestAgent;
  lastAtMs: number;
  nextAtMs: number;
}

export class AgentReporter {
  private readonly states: AgentState[];
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(private readonly options: AgentReporterOptions) {
    const { fleet, reportIntervalMs } = options;
    const startMs = options.now();
    const reporting = fleet.agents.filter((a) => a.silentSinceMs === null);
    // Each agent keeps its own moment in the interval, as real agents started at different times do.
    this.states = reporting.map((agent, i) => {
      const offset = Math.floor((i / reporting.length) * reportIntervalMs);
      const lastAtMs = startMs - reportIntervalMs + offset;
      return { agent, lastAtMs, nextAtMs: lastAtMs + reportIntervalMs };
    });
  }

  /** The last hour of reports (for the silent agent, the hour before it stopped), stored directly. */
  backfill(): void {
    const { store, fleet, reportIntervalMs } = this.options;
    const perHour = Math.max(1, Math.floor(HOUR_MS / reportIntervalMs));
    const stepMs =
      reportIntervalMs * Math.max(1, Math.ceil((fleet.agents.length * perHour) / BACKFILL_REPORTS));
    const endOf = new Map(this.states.map((s) => [s.agent, s.lastAtMs]));
    store.batch(() => {
      for (const agent of fleet.agents) {
        const endMs = agent.silentSinceMs ?? endOf.get(agent) ?? this.options.now();
        let sinceMs = endMs - HOUR_MS - stepMs;
        for (let atMs = endMs - HOUR_MS; atMs <= endMs; atMs += stepMs) {
          const sample = guestSample(agent.machine, atMs, sinceMs);
          store.addVmReport(agent.instanceId, sample.vm, atMs);
          store.addProcReport(agent.instanceId, sample.processes, atMs);
          sinceMs = atMs;
        }
      }
    });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Sends the reports that are due; the timer's work, and what tests run to step the agents. */
  async tick(): Promise<number> {
    if (this.busy) return 0;
    this.busy = true;
    try {
      const nowMs = this.options.now();
      const due = this.states.filter((s) => nowMs >= this.dueAt(s)).slice(0, MAX_REPORTS_PER_TICK);
      for (const state of due) await this.report(state, nowMs);
      return due.length;
    } finally {
      this.busy = false;
    }
  }

  private dueAt(state: AgentState): number {
    const liveUntil = this.options.store.liveUntil(state.agent.instanceId) ?? 0;
    return liveUntil > this.options.now() ? state.lastAtMs + LIVE_INTERVAL_MS : state.nextAtMs;
  }

  private async report(state: AgentState, nowMs: number): Promise<void> {
    const { agent } = state;
    const sample = guestSample(agent.machine, nowMs, state.lastAtMs);
    state.lastAtMs = nowMs;
    state.nextAtMs = nowMs + this.options.reportIntervalMs;
    const { agentKey } = this.options;
    await this.post(agent, vmReportBody(agent.instanceId, sample.vm, agentKey));
    await this.post(agent, procReportBody(agent.instanceId, sample.processes, agentKey));
  }

  /** Posts as the agent does: the raw JSON body and no Content-Type. A refused report is logged, not thrown. */
  private async post(agent: GuestAgent, body: string): Promise<void> {
    const { app, url } = this.options;
    try {
      const response = await app.inject({ method: 'POST', url, payload: body });
      const status =
        response.statusCode === 200 ? (response.json<{ status_code?: number }>().status_code ?? null) : null;
      if (status !== GUEST_STATUS.success) {
        app.log.warn(
          { instanceId: agent.instanceId, statusCode: response.statusCode, status },
          'a simulated guest agent report was refused',
        );
      }
    } catch (err) {
      app.log.warn({ err, instanceId: agent.instanceId }, 'a simulated guest agent report failed');
    }
  }
}
