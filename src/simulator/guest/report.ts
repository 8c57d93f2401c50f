import type { ProcReport, VmReport } from '@/guest/reports';

// The agent's report requests, byte for byte as it posts them: `requests.post(url, data=json.dumps(body))`, a
// raw JSON body sent without a Content-Type, the method code as a string, and the agent key as session_id.
// Fields are listed in the order of the agent's `to_dict()`.

export const REPORT_METHODS = { vm: '116116', proc: '116117' } as const;

export function vmReportBody(instanceId: string, vm: VmReport, agentKey: string): string {
  const { cpu_util, mem, disk_read, disk_write, proc, net_incoming, net_outgoing } = vm;
  return JSON.stringify({
    method: REPORT_METHODS.vm,
    data: { cpu_util, mem, disk_read, disk_write, proc, net_incoming, net_outgoing, instance_id: instanceId },
    session_id: agentKey,
  });
}

export function procReportBody(
  instanceId: string,
  processes: readonly ProcReport[],
  agentKey: string,
): string {
  const data = processes.map((p) => ({
    pid: p.pid,
    cmd: p.cmd,
    cpu_util: p.cpu_util,
    mem: p.mem,
    disk_read: p.disk_read,
    disk_write: p.disk_write,
    running_time: p.running_time,
    shutdown_time: p.shutdown_time,
    net_incoming: p.net_incoming,
    net_outgoing: p.net_outgoing,
  }));
  return JSON.stringify({
    method: REPORT_METHODS.proc,
    data: { instance_id: instanceId, data },
    session_id: agentKey,
  });
}
