import { z } from 'zod';

// The public agent's reports (CannedFish/vm-monitor-agent, its to_dict()): exactly these fields, numbers as
// Python sent them through json.dumps. pid and proc are ints; every other figure is a float the agent rounds.

const MAX_INSTANCE_ID_LENGTH = 256;
const MAX_CMD_LENGTH = 1024;
/** One report's process list; a guest with more processes than this is not a VM the agent was written for. */
export const MAX_PROCS_PER_REPORT = 10_000;

const figure = z.number();

/** An instance id as reports carry it: queries list several separated by ';', so one id cannot hold ';'. */
export const InstanceIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_INSTANCE_ID_LENGTH)
  .refine((id) => !id.includes(';'), "an instance id cannot contain ';'");

export const VmReportSchema = z.object({
  cpu_util: figure,
  mem: figure,
  disk_read: figure,
  disk_write: figure,
  proc: z.number().int().nonnegative(),
  net_incoming: figure,
  net_outgoing: figure,
});
export type VmReport = z.infer<typeof VmReportSchema>;

export const ProcReportSchema = z.object({
  pid: z.number().int().nonnegative(),
  cmd: z.string().max(MAX_CMD_LENGTH),
  cpu_util: figure,
  mem: figure,
  disk_read: figure,
  disk_write: figure,
  /** The process's create_time(), epoch seconds. */
  running_time: figure,
  /** Epoch seconds when the agent saw the process gone (reported once more), otherwise None. */
  shutdown_time: figure.nullable(),
  net_incoming: figure,
  net_outgoing: figure,
});
export type ProcReport = z.infer<typeof ProcReportSchema>;

/** 116116's `data`: the VM figures plus the instance id. */
export const VmReportRequestSchema = VmReportSchema.extend({ instance_id: InstanceIdSchema });

/** 116117's `data`: the instance id and the process list. */
export const ProcReportRequestSchema = z.object({
  instance_id: InstanceIdSchema,
  data: z.array(ProcReportSchema).max(MAX_PROCS_PER_REPORT),
});
