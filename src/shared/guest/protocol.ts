// The guest VM-monitoring protocol's numbers, from its one public document (its examples are in
// document-examples.ts) and the public in-guest agent (CannedFish/vm-monitor-agent): one POST /wsgi_app.py
// endpoint whose JSON body names a method code. The service implements them; the server's client calls the
// query codes; the simulator's agents send the report codes.

export const GUEST_METHODS = {
  login: 458753,
  vmData: 611611,
  procData: 611711,
  procByName: 611712,
  startMonitor: 32523,
  /** The agent's VM report; it sends the code as a string. */
  reportVm: 116116,
  /** The agent's process-list report. */
  reportProc: 116117,
} as const;
export type GuestMethod = (typeof GUEST_METHODS)[keyof typeof GUEST_METHODS];

/** The document's table: 1 created, 2 succeeded, 3 failed, 4 timed out. Every example answers 1 on success. */
export const GUEST_STATUS = { success: 1, failure: 3, expired: 4 } as const;
export type GuestStatus = (typeof GUEST_STATUS)[keyof typeof GUEST_STATUS];

/** The endpoint's path; the agent's default is http://localhost:8086/wsgi_app.py. */
export const GUEST_ENDPOINT = '/wsgi_app.py';

/** The session id the public agent sends with every report; accepted only when configured as the agent key. */
export const AGENT_FIXED_SESSION_ID = '11111111';

/** The agent's real-time sampling interval after start_monitor (`rt_interval` in its config). */
export const LIVE_INTERVAL_SECONDS = 3;
