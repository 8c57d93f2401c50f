import { z } from 'zod';
import { FreshnessSchema } from './freshness';

// The server → SPA contract for what runs inside a VM, read from the guest-monitoring service over the
// /wsgi_app.py protocol. Figures keep the agent's units: percentages, and bytes per second for disk and network.

/** Whether a VM's in-guest agent reports: `none` when no record of its instance exists, `silent` when its
 * last report is older than the server's silence threshold. */
export const GuestAgentStateSchema = z.enum(['reporting', 'silent', 'none']);
export type GuestAgentState = z.infer<typeof GuestAgentStateSchema>;

const figure = z.number().nullable();

/** What the agent measures of the VM as a whole and of each process alike. */
const usageFigures = {
  cpuPercent: figure,
  memoryPercent: figure,
  diskReadBps: figure,
  diskWriteBps: figure,
  netInBps: figure,
  netOutBps: figure,
};

/** One 116116 report of the VM as a whole. */
export const GuestVmPointSchema = z.object({
  /** When the service stored the report (epoch ms). */
  at: z.number(),
  ...usageFigures,
  processCount: figure,
});
export type GuestVmPoint = z.infer<typeof GuestVmPointSchema>;

/** A process as the latest 116117 report gave it. */
export const GuestProcessSchema = z.object({
  pid: z.number().nullable(),
  name: z.string(),
  ...usageFigures,
  /** When the process started (epoch ms). */
  startedAt: z.number().nullable(),
  /** When the agent saw it end (epoch ms), in the one report it sends then. */
  endedAt: z.number().nullable(),
  /** Fields the service's record carried broken (the protocol's records are Python reprs, not JSON). */
  brokenFields: z.array(z.string()),
});
export type GuestProcess = z.infer<typeof GuestProcessSchema>;

export const GuestOverviewSchema = FreshnessSchema.extend({
  agent: GuestAgentStateSchema,
  /** The guest instance id this VM maps to (mapping file or naming rule), null when it has none. */
  instanceId: z.string().nullable(),
  lastReportAt: z.number().nullable(),
  /** Until when the agent reports every 3 s after a Live request (epoch ms), when known. */
  liveUntil: z.number().nullable(),
  /** Recent VM figures, oldest first; the last is the current summary. */
  history: z.array(GuestVmPointSchema),
  processes: z.array(GuestProcessSchema),
});
export type GuestOverview = z.infer<typeof GuestOverviewSchema>;

/** One process's own records over time (611712), oldest first. */
export const GuestProcessHistorySchema = FreshnessSchema.extend({
  name: z.string(),
  points: z.array(GuestProcessSchema.omit({ name: true }).extend({ at: z.number() })),
});
export type GuestProcessHistory = z.infer<typeof GuestProcessHistorySchema>;

export const GuestLiveResponseSchema = z.object({ liveUntil: z.number() });
export type GuestLiveResponse = z.infer<typeof GuestLiveResponseSchema>;

/** A process name in a URL: what the agent reports as `proc.name()`, bounded. */
export const GuestProcessNameSchema = z.string().min(1).max(255);

/** Each VM's agent state in a datacenter, by VM id, for the VMs table's guest column. It is its own answer,
 * polled beside the VM list, so the list stays cached and served while the guest service is down. */
export const GuestAgentsSchema = FreshnessSchema.extend({
  agents: z.record(z.string(), GuestAgentStateSchema),
});
export type GuestAgents = z.infer<typeof GuestAgentsSchema>;
