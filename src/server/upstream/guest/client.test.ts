import { describe, expect, it, vi } from 'vitest';
import { DOCUMENT_ANSWERS } from '@/shared/guest/document-examples';
import { GUEST_METHODS } from '@/shared/guest/protocol';
import { GuestClient } from './client';
import { GuestAnswerFormatError, GuestNetworkError, GuestStatusError } from './errors';

const URL_ = 'http://127.0.0.1:9/wsgi_app.py';
const PASSWORD = 'guest-password-1';
const SESSION = '9afdb1ec-d396-4ba3-af7a-1e38fd8751ca';

interface Sent {
  method: number;
  session_id?: string;
  data: Record<string, unknown>;
  limit?: number;
  proc_name?: string;
}

/** A service answering the document's answers; `answer` may override one request's answer. */
function fakeService(answer?: (sent: Sent, index: number) => string | Response | undefined) {
  const sent: Sent[] = [];
  const byMethod: Record<number, string> = {
    [GUEST_METHODS.login]: DOCUMENT_ANSWERS.login,
    [GUEST_METHODS.vmData]: DOCUMENT_ANSWERS.vmData,
    [GUEST_METHODS.procData]: DOCUMENT_ANSWERS.procData,
    [GUEST_METHODS.procByName]: DOCUMENT_ANSWERS.procByName,
    [GUEST_METHODS.startMonitor]: DOCUMENT_ANSWERS.startMonitor,
  };
  const fetch = vi.fn((_url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(init?.body as string) as Sent;
    sent.push(body);
    const custom = answer?.(body, sent.length - 1);
    if (custom instanceof Response) return Promise.resolve(custom);
    return Promise.resolve(new Response(custom ?? byMethod[body.method]));
  });
  const client = new GuestClient({ url: URL_, user: 'admin', password: PASSWORD, fetch });
  return { client, sent, fetch };
}

const expired = (method: number) =>
  JSON.stringify({
    status_code: 4,
    session_id: '',
    message_id: '',
    message: "'session expired'",
    data: null,
    method,
  });

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('GuestClient', () => {
  it('signs in once, lazily, then sends queries in the document’s shape with the session', async () => {
    const { client, sent } = fakeService();
    const [vm, procs] = await Promise.all([client.vmRecords(['a', 'b'], 1), client.procRecords('a', 4)]);
    await client.procRecordsByName('a', 'vballoon', 4);
    await client.startMonitor('a');
    expect(sent.map((s) => s.method)).toEqual([458753, 611611, 611711, 611712, 32523]);
    expect(sent[0]).toEqual({ method: 458753, data: { user_name: 'admin', password: PASSWORD } });
    expect(sent[1]).toEqual({ method: 611611, session_id: SESSION, data: { instance_id: 'a;b;' }, limit: 1 });
    expect(sent[3]).toMatchObject({ data: { instance_id: 'a;' }, limit: 4, proc_name: 'vballoon' });
    expect(vm[0]?.value.proc).toBe(95n);
    expect(procs.map((r) => r.brokenFields)).toEqual([['instance_id'], ['instance_id'], ['instance_id'], []]);
  });

  it('signs in again once when the service says the session expired', async () => {
    const { client, sent } = fakeService((s, i) => (i === 1 ? expired(s.method) : undefined));
    expect(await client.vmRecords(['a'], 1)).toHaveLength(1);
    expect(sent.map((s) => s.method)).toEqual([458753, 611611, 458753, 611611]);
  });

  it('gives up when the session expires again right after signing in', async () => {
    const { client, sent } = fakeService((s) =>
      s.method === GUEST_METHODS.login ? undefined : expired(s.method),
    );
    const error = await errorOf(client.vmRecords(['a'], 1));
    expect(error).toBeInstanceOf(GuestStatusError);
    expect(sent).toHaveLength(4);
  });

  it('reports a refused sign-in without the password, and tries again on the next call', async () => {
    let refuse = true;
    const { client } = fakeService((s) =>
      s.method === GUEST_METHODS.login && refuse
        ? JSON.stringify({
            status_code: 3,
            session_id: '',
            message_id: '',
            message: `'bad password ${PASSWORD}'`,
            method: s.method,
          })
        : undefined,
    );
    const error = await errorOf(client.procRecords('a', 4));
    expect(error).toBeInstanceOf(GuestStatusError);
    expect((error as GuestStatusError).publicReason).toMatch(/refused the dashboard’s sign-in/);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(PASSWORD);
    refuse = false;
    expect(await client.procRecords('a', 4)).toHaveLength(4);
  });

  it('never puts the session id in an error', async () => {
    const { client } = fakeService((s) =>
      s.method === GUEST_METHODS.vmData
        ? JSON.stringify({
            status_code: 3,
            session_id: SESSION,
            message_id: '',
            message: `'no ${SESSION}'`,
            method: s.method,
          })
        : undefined,
    );
    const error = await errorOf(client.vmRecords(['a'], 1));
    expect(error).toBeInstanceOf(GuestStatusError);
    expect(error.message).not.toContain(SESSION);
  });

  it('turns HTTP errors and non-envelopes into readable failures', async () => {
    const http = fakeService((s) =>
      s.method === GUEST_METHODS.vmData ? new Response('oops', { status: 502 }) : undefined,
    );
    expect(await errorOf(http.client.vmRecords(['a'], 1))).toBeInstanceOf(GuestAnswerFormatError);
    const html = fakeService((s) => (s.method === GUEST_METHODS.vmData ? '<html>' : undefined));
    const error = await errorOf(html.client.vmRecords(['a'], 1));
    expect((error as GuestAnswerFormatError).publicReason).toMatch(/unreadable answer/);
  });

  it('skips a record that is not a record at all, and keeps the others', async () => {
    const answer = JSON.stringify({
      status_code: 1,
      session_id: SESSION,
      message_id: '',
      message: "''",
      data: ['nonsense', "{u'proc': 3}"],
      method: 611611,
    });
    const warn = vi.fn();
    const { fetch } = fakeService((s) => (s.method === GUEST_METHODS.vmData ? answer : undefined));
    const client = new GuestClient({ url: URL_, user: 'admin', password: PASSWORD, fetch, log: { warn } });
    expect((await client.vmRecords(['a'], 2)).map((r) => r.value)).toEqual([{ proc: 3n }]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('times out a service that does not answer, and says so', async () => {
    const fetch = (_: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
      });
    const client = new GuestClient({ url: URL_, user: 'admin', password: PASSWORD, fetch, timeoutMs: 20 });
    const error = await errorOf(client.vmRecords(['a'], 1));
    expect(error).toBeInstanceOf(GuestNetworkError);
    expect((error as GuestNetworkError).publicReason).toBe(
      'the guest-monitoring service did not answer in time',
    );
  });
});
