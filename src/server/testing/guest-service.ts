import Fastify from 'fastify';
import { guestProtocol } from '@/guest/guest-protocol';
import { GuestStore } from '@/guest/guest-store';
import { GuestUsers } from '@/guest/guest-users';
import type { ProcReport, VmReport } from '@/guest/reports';
import { GUEST_ENDPOINT, GUEST_METHODS } from '@/shared/guest/protocol';

// Test support: the real guest-monitoring service on loopback, with one user and an agent key, on the
// tests' clock. Agent reports go through its real report path, as the agent sends them: a raw JSON body
// with no Content-Type and the method as a string. It can be taken down and its sessions expired.

export const TEST_GUEST_USER = { user: 'vscope', password: 'guest-test-password' } as const;
export const TEST_AGENT_KEY = 'test-agent-key';
const SESSION_TTL_MS = 60 * 60_000;

export interface TestGuestService {
  /** Its …/wsgi_app.py endpoint. */
  url: string;
  store: GuestStore;
  users: GuestUsers;
  reportVm: (instanceId: string, report: VmReport) => Promise<void>;
  reportProcs: (instanceId: string, procs: ProcReport[]) => Promise<void>;
  /** Every session id a sign-in was given, oldest first. */
  issuedSessions: string[];
  /** Down answers every request with a 503, as a proxy in front of a stopped service would. */
  setDown: (down: boolean) => void;
  /** Ends every session: the next query of a client gets status 4 (expired). */
  expireSessions: () => void;
  close: () => Promise<void>;
}

export async function startTestGuestService(
  options: { now?: () => number; timeZone?: string } = {},
): Promise<TestGuestService> {
  const now = options.now ?? Date.now;
  let sessionSkew = 0;
  let down = false;
  const store = new GuestStore(':memory:', { now });
  const users = new GuestUsers({ sessionTtlMs: SESSION_TTL_MS, now: () => now() + sessionSkew });
  await users.addUser(TEST_GUEST_USER.user, TEST_GUEST_USER.password);
  const app = Fastify();
  app.addHook('onRequest', async (_request, reply) => {
    if (down) await reply.code(503).send('service unavailable');
  });
  const issuedSessions: string[] = [];
  app.addHook('onSend', async (_request, _reply, payload) => {
    const answer = typeof payload === 'string' ? (JSON.parse(payload) as Record<string, unknown>) : {};
    if (
      answer.method === GUEST_METHODS.login &&
      typeof answer.session_id === 'string' &&
      answer.session_id !== ''
    ) {
      issuedSessions.push(answer.session_id);
    }
    return payload;
  });
  app.addHook('onClose', () => store.close());
  await app.register(guestProtocol, {
    store,
    users,
    agentKey: TEST_AGENT_KEY,
    timeZone: options.timeZone ?? 'UTC',
    now,
  });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });

  const report = async (method: string, data: unknown) => {
    const response = await app.inject({
      method: 'POST',
      url: GUEST_ENDPOINT,
      payload: JSON.stringify({ method, session_id: TEST_AGENT_KEY, data }),
    });
    if (response.statusCode !== 200)
      throw new Error(`agent report ${method}: ${response.statusCode} ${response.body}`);
  };
  return {
    url: `${origin}${GUEST_ENDPOINT}`,
    store,
    users,
    issuedSessions,
    reportVm: (instanceId, vm) => report(String(GUEST_METHODS.reportVm), { ...vm, instance_id: instanceId }),
    reportProcs: (instanceId, procs) =>
      report(String(GUEST_METHODS.reportProc), { instance_id: instanceId, data: procs }),
    setDown: (value) => {
      down = value;
    },
    expireSessions: () => {
      sessionSkew += SESSION_TTL_MS + 1;
    },
    close: () => app.close(),
  };
}
