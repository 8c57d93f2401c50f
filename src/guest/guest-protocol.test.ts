import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AGENT_FIXED_SESSION_ID, GUEST_STATUS } from '../shared/guest/protocol';
import { GuestStore } from './guest-store';
import { GuestUsers } from './guest-users';
import {
  GUEST_BODY_LIMIT,
  guestProtocol,
  type GuestEnvelope,
  type GuestProtocolOptions,
} from './guest-protocol';

const ID = '6abf5a1e-b85c-4e5f-ba02-f96e22cbd02e';
const AT = Date.UTC(2017, 0, 1, 13, 37, 59, 680);
const VM = {
  cpu_util: 0.0,
  mem: 8.6,
  disk_read: 0.0,
  disk_write: 128.8,
  proc: 95,
  net_incoming: 0.6,
  net_outgoing: 5.7,
};
const PROC = {
  pid: 489,
  cmd: 'systemd-udevd',
  cpu_util: 0.0,
  mem: 0.1,
  disk_read: 0.0,
  disk_write: 0.0,
  running_time: 1482236516.07,
  shutdown_time: null,
  net_incoming: 0.6,
  net_outgoing: 5.7,
};

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function setup(over: Partial<GuestProtocolOptions> = {}) {
  const store = new GuestStore(':memory:');
  const users = new GuestUsers();
  await users.addUser('admin', '123456');
  const app = Fastify();
  apps.push(app);
  app.addHook('onClose', () => store.close());
  await app.register(guestProtocol, {
    store,
    users,
    agentKey: AGENT_FIXED_SESSION_ID,
    timeZone: 'Asia/Shanghai',
    now: () => AT,
    ...over,
  });
  const post = async (payload: string | Buffer, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'POST', url: '/wsgi_app.py', payload, headers });
    return { status: response.statusCode, body: response.json<GuestEnvelope>() };
  };
  const login = async () => {
    const { body } = await post(
      JSON.stringify({ method: 458753, data: { user_name: 'admin', password: '123456' } }),
    );
    return body.session_id;
  };
  return { app, store, users, post, login };
}

const report = (method: string, data: unknown, sessionId = AGENT_FIXED_SESSION_ID) =>
  JSON.stringify({ method, data, session_id: sessionId });

describe('guestProtocol', () => {
  it('takes the agent raw reports without Content-Type and answers the queries with repr records', async () => {
    const { post, login, store } = await setup();
    const vm = await post(report('116116', { ...VM, instance_id: ID }));
    expect(vm.status).toBe(200);
    expect(vm.body).toMatchObject({ status_code: 1, method: 116116 });
    const procs = await post(report('116117', { instance_id: ID, data: [PROC] }));
    expect(procs.status).toBe(200);
    expect(store.agentAddress(ID)).toBe('127.0.0.1');

    const session = await login();
    const vmAnswer = await post(
      JSON.stringify({ method: 611611, data: { instance_id: `${ID};` }, session_id: session }),
    );
    const vmId = store.vmRecords(ID, 1)[0]?.objectId;
    expect(vmAnswer.body).toEqual({
      status_code: 1,
      session_id: session,
      message_id: '',
      message: "'success query vm information'",
      data: [
        `{u'net_incoming': 0.6, u'disk_write': 128.8, u'mem': 8.6, u'net_outgoing': 5.7, u'instance_id': u'${ID}', ` +
          `u'cpu_util': 0.0, u'disk_read': 0.0, u'create_date': u'2017-01-01T21:37:59.680000', ` +
          `u'_id': ObjectId('${vmId}'), u'proc': 95}`,
      ],
      method: 611611,
    });
    expect(vmId).toMatch(/^58690637/);

    const procAnswer = await post(
      JSON.stringify({ method: 611711, data: { instance_id: ID }, session_id: session }),
    );
    const procId = store.procRecords(ID, 1)[0]?.objectId;
    expect(procAnswer.body.message).toBe("'success query proc information'");
    expect(procAnswer.body.data).toEqual([
      `{u'net_incoming': 0.6, u'shutdown_time': None, u'mem': 0.1, u'net_outgoing': 5.7, u'cmd': u'systemd-udevd', ` +
        `u'pid': 489, u'instance_id': u'${ID}', u'disk_write': 0.0, u'disk_read': 0.0, ` +
        `u'create_date': u'2017-01-01T21:37:59.680000', u'_id': ObjectId('${procId}'), u'cpu_util': 0.0, ` +
        `u'running_time': 1482236516.07}`,
    ]);
  });

  it('answers several ids in request order, each cut at the limit, and by process name', async () => {
    const { post, login, store } = await setup();
    store.addProcReport('a', [PROC, { ...PROC, pid: 512, cmd: 'vballoon' }], AT);
    store.addProcReport('b', [PROC], AT);
    store.addProcReport('b', [{ ...PROC, pid: 512, cmd: 'vballoon', mem: 0.3 }], AT + 1000);
    const session = await login();
    const all = await post(
      JSON.stringify({ method: 611711, data: { instance_id: 'b;a;' }, session_id: session, limit: 2 }),
    );
    expect(
      (all.body.data as string[]).map((r) =>
        /u'instance_id': u'(\w)'.*u'pid': (\d+)|u'pid': (\d+).*u'instance_id': u'(\w)'/
          .exec(r)
          ?.slice(3, 5)
          .join(':'),
      ),
    ).toEqual(['512:b', '489:b', '512:a', '489:a']);
    const byName = await post(
      JSON.stringify({
        method: '611712',
        data: { instance_id: 'b' },
        session_id: session,
        limit: 4,
        proc_name: 'vballoon',
      }),
    );
    expect(byName.body.data).toHaveLength(1);
    expect((byName.body.data as string[])[0]).toContain("u'mem': 0.3");
  });

  it('wants a valid session for queries and startmonitor (status 4)', async () => {
    const { post } = await setup();
    for (const method of [611611, 611711, 611712, 32523]) {
      const answer = await post(
        JSON.stringify({ method, data: { instance_id: ID }, session_id: 'nope', proc_name: 'x' }),
      );
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ status_code: GUEST_STATUS.expired, method });
    }
  });

  it('refuses a wrong password with status 3', async () => {
    const { post } = await setup();
    const answer = await post(
      JSON.stringify({ method: 458753, data: { user_name: 'admin', password: 'x' } }),
    );
    expect(answer.body).toMatchObject({ status_code: 3, method: 458753, session_id: '' });
  });

  it('refuses reports with a wrong key or no key configured, storing nothing', async () => {
    const wrong = await setup();
    expect((await wrong.post(report('116116', { ...VM, instance_id: ID }, 'other'))).status).toBe(403);
    expect(wrong.store.vmRecords(ID, 1)).toEqual([]);
    const none = await setup({ agentKey: null });
    expect((await none.post(report('116117', { instance_id: ID, data: [PROC] }))).status).toBe(403);
    expect(none.store.procRecords(ID, 1)).toEqual([]);
  });

  it('answers bad input with a failure envelope and a 4xx, never a crash', async () => {
    const { post, login, store } = await setup();
    const session = await login();
    const cases: [string | Buffer, number][] = [
      ['{"method": 611611,', 400],
      ['', 400],
      ['[1]', 400],
      [JSON.stringify({ method: 999, session_id: session }), 400],
      [JSON.stringify({ method: 611611, data: {}, session_id: session }), 400],
      [JSON.stringify({ method: 611611, data: { instance_id: ';' }, session_id: session }), 400],
      [JSON.stringify({ method: 611611, data: { instance_id: ID }, session_id: session, limit: -1 }), 400],
      [JSON.stringify({ method: 611611, data: { instance_id: ID }, session_id: session, limit: 1.5 }), 400],
      [
        JSON.stringify({ method: 611611, data: { instance_id: ID }, session_id: session, limit: 10_001 }),
        400,
      ],
      [
        JSON.stringify({ method: 611611, data: { instance_id: 'x;'.repeat(1001) }, session_id: session }),
        400,
      ],
      [JSON.stringify({ method: 611712, data: { instance_id: ID }, session_id: session }), 400],
      [
        JSON.stringify({
          method: 611711,
          data: { instance_id: 'x;'.repeat(11) },
          session_id: session,
          limit: 10_000,
        }),
        400,
      ],
      [report('116116', { ...VM, instance_id: ID, cpu_util: 'high' }), 400],
      [report('116117', { instance_id: ID, data: [{ ...PROC, pid: -1 }] }), 400],
      [Buffer.alloc(GUEST_BODY_LIMIT + 1, 0x20), 413],
    ];
    for (const [payload, status] of cases) {
      const answer = await post(payload);
      expect(answer.status, String(payload).slice(0, 80)).toBe(status);
      expect(answer.body).toMatchObject({ status_code: GUEST_STATUS.failure, message_id: '' });
    }
    expect(store.vmRecords(ID, 1)).toEqual([]);
  });

  it('reads the body whatever its Content-Type says', async () => {
    const { post } = await setup();
    for (const type of ['application/json', 'text/plain', 'application/x-www-form-urlencoded']) {
      const answer = await post(report('116116', { ...VM, instance_id: ID }), { 'content-type': type });
      expect(answer.status, type).toBe(200);
    }
  });

  it('startmonitor marks the instance live and forwards to a known agent, whose failure does not fail the answer', async () => {
    const forward = vi.fn(() => Promise.reject(new Error('agent down')));
    const { post, login, store } = await setup({ forwardStartMonitor: forward, liveSeconds: 60 });
    await post(report('116116', { ...VM, instance_id: ID }));
    const session = await login();
    const answer = await post(
      JSON.stringify({ method: 32523, data: { instance_id: `${ID};other;` }, session_id: session }),
    );
    expect(answer.body).toEqual({
      status_code: 1,
      session_id: session,
      message_id: '',
      message: "''",
      data: null,
      method: 32523,
    });
    expect(store.liveUntil(ID)).toBe(AT + 60_000);
    expect(store.liveUntil('other')).toBe(AT + 60_000);
    expect(forward).toHaveBeenCalledTimes(1);
    expect(forward).toHaveBeenCalledWith('127.0.0.1', ID);
  });

  it('forwards startmonitor to the configured address of an agent, before the address it reports from', async () => {
    const forward = vi.fn(() => Promise.resolve());
    const { post, login } = await setup({
      forwardStartMonitor: forward,
      agentAddresses: new Map([
        [ID, '10.0.0.7'],
        ['never-reported', '10.0.0.8'],
      ]),
    });
    await post(report('116116', { ...VM, instance_id: ID }));
    const session = await login();
    await post(
      JSON.stringify({ method: 32523, data: { instance_id: `${ID};never-reported;` }, session_id: session }),
    );
    expect(forward.mock.calls).toEqual([
      ['10.0.0.7', ID],
      ['10.0.0.8', 'never-reported'],
    ]);
  });

  it('refuses a time zone the runtime does not know', async () => {
    await expect(setup({ timeZone: 'Nowhere/City' })).rejects.toThrow(/unknown time zone/);
  });
});
