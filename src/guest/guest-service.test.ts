import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOCUMENT_ANSWERS, DOCUMENT_REQUESTS } from '../shared/guest/document-examples';
import { AGENT_FIXED_SESSION_ID } from '../shared/guest/protocol';
import { createGuestService, type GuestService, type GuestServiceOptions } from './guest-service';
import type { GuestEnvelope } from './guest-protocol';

// The document's own requests, replayed verbatim against reports sent as the public agent sends them.

const ID = '6abf5a1e-b85c-4e5f-ba02-f96e22cbd02e';
/** 13:37:59.680 UTC, which the document's server (UTC+8) wrote as 21:37:59.680. */
const AT = Date.UTC(2017, 0, 1, 13, 37, 59, 680);
const DOCUMENT_SESSIONS = ['9afdb1ec-d396-4ba3-af7a-1e38fd8751ca', '768a07b5-2206-4952-b445-21162571a19a'];

/** The agent's bodies as Python 2's json.dumps writes them: raw, method as a string, the fixed session id. */
const AGENT_VM_REPORT =
  '{"session_id": "11111111", "data": {"net_incoming": 0.6, "disk_write": 128.8, "mem": 8.6, "net_outgoing": 5.7, ' +
  `"instance_id": "${ID}", "cpu_util": 0.0, "disk_read": 0.0, "proc": 95}, "method": "116116"}`;
const agentProc = (cmd: string, pid: number, runningTime: string, mem: string, diskRead = '0.0') =>
  `{"net_incoming": 0.6, "shutdown_time": null, "mem": ${mem}, "net_outgoing": 5.7, "cmd": "${cmd}", ` +
  `"pid": ${pid}, "disk_write": 0.0, "disk_read": ${diskRead}, "cpu_util": 0.0, "running_time": ${runningTime}}`;
const AGENT_PROC_REPORT =
  `{"session_id": "11111111", "data": {"instance_id": "${ID}", "data": [` +
  [
    agentProc('vballoon', 512, '1482236517.03', '0.0'),
    agentProc('systemd-journald', 461, '1482236514.85', '0.1', '2.2'),
    agentProc('dhclient', 975, '1482236528.23', '0.4'),
    agentProc('lvmetad', 479, '1482236515.63', '0.2'),
    agentProc('systemd-udevd', 489, '1482236516.07', '0.1'),
  ].join(', ') +
  ']}, "method": "116117"}';

const VM_FIGURES = {
  cpu_util: 1.5,
  mem: 8.6,
  disk_read: 0.0,
  disk_write: 0.0,
  net_incoming: 0.6,
  net_outgoing: 5.7,
};

const services: GuestService[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(over: GuestServiceOptions = {}) {
  const service = await createGuestService({
    users: [{ name: 'admin', password: '123456' }],
    agentKey: AGENT_FIXED_SESSION_ID,
    timeZone: 'Asia/Shanghai',
    now: () => AT,
    forwardStartMonitor: () => Promise.resolve(),
    ...over,
  });
  services.push(service);
  const post = async (payload: string) => {
    const response = await service.app.inject({ method: 'POST', url: '/wsgi_app.py', payload });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    return { status: response.statusCode, body: response.json<GuestEnvelope>() };
  };
  const login = async () => (await post(DOCUMENT_REQUESTS.login)).body.session_id;
  /** A document request with the document's session id swapped for a live one. */
  const replay = (request: string, session: string) =>
    post(
      DOCUMENT_SESSIONS.reduce((text, documentSession) => text.replace(documentSession, session), request),
    );
  return { service, post, login, replay };
}

const objectIds = (records: unknown) =>
  (records as string[]).map((r) => /ObjectId\('([0-9a-f]{24})'\)/.exec(r)?.[1]);

describe('the guest service, replaying the document', () => {
  it('logs in with the document request and answers in its envelope', async () => {
    const { post } = await start();
    const { status, body } = await post(DOCUMENT_REQUESTS.login);
    expect(status).toBe(200);
    expect(body).toEqual({
      status_code: 1,
      session_id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      message_id: '',
      message: "'User authenticated sucessfully...'",
      method: 458753,
    });
    expect(Object.keys(body).sort()).toEqual(
      Object.keys(JSON.parse(DOCUMENT_ANSWERS.login) as object).sort(),
    );
  });

  it('answers the document queries with the records the agent reported', async () => {
    const { post, login, replay } = await start();
    expect((await post(AGENT_VM_REPORT)).status).toBe(200);
    expect((await post(AGENT_PROC_REPORT)).status).toBe(200);
    const session = await login();

    const vm = await replay(DOCUMENT_REQUESTS.vmData, session);
    const [vmId] = objectIds(vm.body.data);
    expect(vmId).toMatch(/^58690637/);
    expect(vm.body).toEqual({
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

    const procs = await replay(DOCUMENT_REQUESTS.procData, session);
    const ids = objectIds(procs.body.data);
    expect(procs.body).toMatchObject({
      status_code: 1,
      session_id: session,
      message_id: '',
      message: "'success query proc information'",
      method: 611711,
    });
    const proc = (
      cmd: string,
      pid: number,
      mem: string,
      diskRead: string,
      micros: string,
      id: string,
      rt: string,
    ) =>
      `{u'net_incoming': 0.6, u'shutdown_time': None, u'mem': ${mem}, u'net_outgoing': 5.7, u'cmd': u'${cmd}', ` +
      `u'pid': ${pid}, u'instance_id': u'${ID}', u'disk_write': 0.0, u'disk_read': ${diskRead}, ` +
      `u'create_date': u'2017-01-01T21:37:59.${micros}', u'_id': ObjectId('${id}'), u'cpu_util': 0.0, ` +
      `u'running_time': ${rt}}`;
    expect(procs.body.data).toEqual([
      proc('systemd-udevd', 489, '0.1', '0.0', '680004', ids[0] ?? '', '1482236516.07'),
      proc('lvmetad', 479, '0.2', '0.0', '680003', ids[1] ?? '', '1482236515.63'),
      proc('dhclient', 975, '0.4', '0.0', '680002', ids[2] ?? '', '1482236528.23'),
      proc('systemd-journald', 461, '0.1', '2.2', '680001', ids[3] ?? '', '1482236514.85'),
    ]);
    expect(new Set(ids).size).toBe(4);

    const byName = await replay(DOCUMENT_REQUESTS.procByName, session);
    expect(byName.body).toMatchObject({
      status_code: 1,
      message: "'success query proc information'",
      method: 611712,
    });
    expect(byName.body.data).toEqual([
      proc('vballoon', 512, '0.0', '0.0', '680000', objectIds(byName.body.data)[0] ?? '', '1482236517.03'),
    ]);

    const live = await replay(DOCUMENT_REQUESTS.startMonitor, session);
    expect(live.body).toEqual({
      status_code: 1,
      session_id: session,
      message_id: '',
      message: "''",
      data: null,
      method: 32523,
    });
  });

  it('answers the document queries with status 4 while the session is the document one', async () => {
    const { post } = await start();
    for (const request of [
      DOCUMENT_REQUESTS.vmData,
      DOCUMENT_REQUESTS.procData,
      DOCUMENT_REQUESTS.startMonitor,
    ]) {
      expect((await post(request)).body.status_code).toBe(4);
    }
  });

  it('refuses the agent reports when another agent key is configured', async () => {
    const { post, service } = await start({ agentKey: 'another-key' });
    expect((await post(AGENT_VM_REPORT)).status).toBe(403);
    expect((await post(AGENT_PROC_REPORT)).status).toBe(403);
    expect(service.store.latestReportAt(ID)).toBeNull();
  });

  it('still answers what it acknowledged after a restart on the same data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guest-service-'));
    dirs.push(dataDir);
    const first = await start({ dataDir });
    await first.post(AGENT_VM_REPORT);
    await first.post(AGENT_PROC_REPORT);
    const before = await first.replay(DOCUMENT_REQUESTS.procData, await first.login());
    await first.service.close();
    services.splice(services.indexOf(first.service), 1);

    const second = await start({ dataDir });
    const session = await second.login();
    const after = await second.replay(DOCUMENT_REQUESTS.procData, session);
    expect(after.body.data).toEqual(before.body.data);
    expect((await second.replay(DOCUMENT_REQUESTS.vmData, session)).body.data).toHaveLength(1);
  });

  it('answers concurrent agents after the one commit holding their reports, which a restart still has', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guest-service-'));
    dirs.push(dataDir);
    const first = await start({ dataDir });
    const { store } = first.service;
    let commits = 0;
    const batch = store.batch.bind(store);
    vi.spyOn(store, 'batch').mockImplementation((work) => {
      const outermost = !store.inTransaction;
      batch(work);
      if (outermost) commits++;
    });
    // A write SQLite refuses after validation: only that agent is answered with a failure.
    const sideDoor = new Database(join(dataDir, 'guest.sqlite'));
    sideDoor.exec(`CREATE TRIGGER refuse BEFORE INSERT ON vm_reports WHEN NEW.proc = 13
      BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    sideDoor.close();
    const vmReport = (i: number) =>
      JSON.stringify({
        method: '116116',
        session_id: AGENT_FIXED_SESSION_ID,
        // Report 7 fails validation (a negative process count) and never reaches the writer.
        data: { ...VM_FIGURES, instance_id: `vm-${i}`, proc: i === 7 ? -1 : i },
      });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        first.post(vmReport(i)).then((answer) => ({ i, commitsBefore: commits, ...answer })),
      ),
    );
    expect(commits).toBe(1);
    const status = (code: number) => answers.filter((a) => a.status === code).map((a) => a.i);
    expect(status(400)).toEqual([7]);
    expect(status(500)).toEqual([13]);
    expect(answers.find((a) => a.i === 13)?.body.message).toBe("'refused by the test'");
    const acknowledged = status(200);
    expect(acknowledged).toHaveLength(18);
    expect(answers.filter((a) => a.status === 200).every((a) => a.commitsBefore === 1)).toBe(true);

    await first.service.close();
    services.splice(services.indexOf(first.service), 1);
    const second = await start({ dataDir });
    const stored = (i: number) => second.service.store.vmRecords(`vm-${i}`, 10).map((r) => r.report.proc);
    expect(acknowledged.map(stored)).toEqual(acknowledged.map((i) => [i]));
    expect([stored(7), stored(13)]).toEqual([[], []]);
  });

  it('prunes reports past the retention when it starts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guest-service-'));
    dirs.push(dataDir);
    const first = await start({ dataDir });
    await first.post(AGENT_VM_REPORT);
    await first.service.close();
    services.splice(services.indexOf(first.service), 1);
    const later = await start({ dataDir, retentionDays: 1, now: () => AT + 2 * 86_400_000 });
    expect(later.service.store.latestReportAt(ID)).toBeNull();
  });

  it('refuses an unknown time zone', async () => {
    await expect(createGuestService({ timeZone: 'Nowhere/City' })).rejects.toThrow(/unknown time zone/);
  });
});
