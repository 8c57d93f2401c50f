import type { Logger } from 'pino';
import { GuestAnswerError, readGuestAnswer, recordStrings, type GuestAnswer } from '@/shared/guest/envelope';
import { GUEST_METHODS, GUEST_STATUS } from '@/shared/guest/protocol';
import { parsePyRecord, PyRecordError, type PyRecord } from '@/shared/guest/py-literal';
import { GuestAnswerFormatError, GuestNetworkError, GuestStatusError } from './errors';

// The dashboard's client of the guest-monitoring protocol: one POST of a JSON body per call to the service's
// …/wsgi_app.py. It signs in on first use (458753), and once more when an answer says the session expired
// (status 4); every request has a timeout. Records come back read by the tolerant parser; one that is not a
// record at all is skipped and logged.

export interface GuestClientOptions {
  /** The service's endpoint, …/wsgi_app.py. */
  url: string;
  user: string;
  password: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  log?: Pick<Logger, 'warn'>;
}

type QueryMethod = 'vmData' | 'procData' | 'procByName' | 'startMonitor';

const METHOD_NAMES: Record<QueryMethod, string> = {
  vmData: '611611 (VM data)',
  procData: '611711 (process data)',
  procByName: '611712 (process data by name)',
  startMonitor: '32523 (startmonitor)',
};

/** Ids the way the document sends them: separated and ended by `;`. */
const instanceIds = (ids: readonly string[]) => `${ids.join(';')};`;

export class GuestClient {
  private session: Promise<string> | undefined;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: GuestClientOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  /** The latest VM records of each id, newest first, up to `limit` per id. */
  vmRecords(ids: readonly string[], limit: number, signal?: AbortSignal): Promise<PyRecord[]> {
    return this.records('vmData', { data: { instance_id: instanceIds(ids) }, limit }, signal);
  }

  /** The latest process records of an instance, newest first (one per process per report). */
  procRecords(id: string, limit: number, signal?: AbortSignal): Promise<PyRecord[]> {
    return this.records('procData', { data: { instance_id: instanceIds([id]) }, limit }, signal);
  }

  /** The latest records of one process name of an instance, newest first. */
  procRecordsByName(id: string, name: string, limit: number, signal?: AbortSignal): Promise<PyRecord[]> {
    return this.records(
      'procByName',
      { data: { instance_id: instanceIds([id]) }, limit, proc_name: name },
      signal,
    );
  }

  /** Asks the instance's agent to report in real time for a while. */
  async startMonitor(id: string, signal?: AbortSignal): Promise<void> {
    await this.query('startMonitor', { data: { instance_id: instanceIds([id]) } }, signal);
  }

  private async records(method: QueryMethod, body: object, signal?: AbortSignal): Promise<PyRecord[]> {
    const answer = await this.query(method, body, signal);
    let texts: string[];
    try {
      texts = recordStrings(answer);
    } catch (error) {
      throw new GuestAnswerFormatError(METHOD_NAMES[method], 'its data is not a list of records', {
        cause: error,
      });
    }
    const records: PyRecord[] = [];
    for (const text of texts) {
      try {
        records.push(parsePyRecord(text));
      } catch (error) {
        if (!(error instanceof PyRecordError)) throw error;
        this.options.log?.warn(
          { err: error, method: METHOD_NAMES[method] },
          'skipped an unreadable guest record',
        );
      }
    }
    return records;
  }

  /** One query, signing in first if needed and once more if the session expired meanwhile. */
  private async query(method: QueryMethod, body: object, signal?: AbortSignal): Promise<GuestAnswer> {
    for (let attempt = 0; ; attempt++) {
      const session = this.signedIn();
      const sessionId = await session;
      const answer = await this.post(
        METHOD_NAMES[method],
        { method: GUEST_METHODS[method], session_id: sessionId, ...body },
        signal,
      );
      if (answer.status_code === GUEST_STATUS.success) return answer;
      if (answer.status_code === GUEST_STATUS.expired && attempt === 0) {
        // Only the session that expired is dropped: another caller may have signed in again already.
        if (this.session === session) this.session = undefined;
        continue;
      }
      throw new GuestStatusError(METHOD_NAMES[method], answer.status_code);
    }
  }

  /** The session id, signing in once however many calls wait for it; a failed sign-in is not kept. */
  private signedIn(): Promise<string> {
    if (!this.session) {
      const session = this.login();
      this.session = session;
      session.catch(() => {
        if (this.session === session) this.session = undefined;
      });
    }
    return this.session;
  }

  private async login(): Promise<string> {
    const answer = await this.post('login', {
      data: { user_name: this.options.user, password: this.options.password },
      method: GUEST_METHODS.login,
    });
    if (answer.status_code !== GUEST_STATUS.success || !answer.session_id) {
      throw new GuestStatusError('login', answer.status_code);
    }
    return answer.session_id;
  }

  private async post(what: string, body: object, signal?: AbortSignal): Promise<GuestAnswer> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new GuestNetworkError(what, error);
    }
    if (!response.ok) throw new GuestAnswerFormatError(what, `HTTP ${response.status}`);
    try {
      return readGuestAnswer(text);
    } catch (error) {
      if (!(error instanceof GuestAnswerError)) throw error;
      throw new GuestAnswerFormatError(what, 'not the protocol’s envelope', { cause: error });
    }
  }
}
