// Forwards startmonitor to the agent the way it expects it: its own web.py command server (port 32523 in
// its vma.conf) takes POST /api/cmd with the form field data={"method":"start_monitor","reserv_id":…} and
// answers 403 for a wrong reserv_id, after which it samples every 3 seconds.

export const AGENT_COMMAND_PORT = 32523;
const DEFAULT_TIMEOUT_MS = 2_000;

export interface StartMonitorForwarderOptions {
  port?: number;
  /** The agent's issued_token from its metadata server; null when none was configured. */
  reservId?: string | null;
  timeoutMs?: number;
}

export type StartMonitorForwarder = (address: string, instanceId: string) => Promise<void>;

function hostInUrl(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

export function createStartMonitorForwarder({
  port = AGENT_COMMAND_PORT,
  reservId = null,
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: StartMonitorForwarderOptions = {}): StartMonitorForwarder {
  return async (address) => {
    const body = new URLSearchParams({
      data: JSON.stringify({ method: 'start_monitor', reserv_id: reservId }),
    });
    const response = await fetch(`http://${hostInUrl(address)}:${port}/api/cmd`, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok)
      throw new Error(`The agent at ${address} answered start_monitor with HTTP ${response.status}`);
  };
}
