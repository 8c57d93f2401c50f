import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { GUEST_ENDPOINT, GUEST_METHODS, GUEST_STATUS, type GuestStatus } from '../shared/guest/protocol';
import { pyRepr } from '../shared/guest/py-repr';
import { PyStr } from '../shared/guest/py-value';
import { checkTimeZone } from '../shared/guest/create-date';
import { procRecordRepr, vmRecordRepr } from './guest-records';
import type { GuestStore } from './guest-store';
import type { GuestUsers } from './guest-users';
import { ProcReportRequestSchema, VmReportRequestSchema } from './reports';
import type { StartMonitorForwarder } from './start-monitor';

// The guest-monitoring protocol: one POST endpoint whose JSON body names a method code, answered in the
// document's envelope. The agent posts json.dumps(...) with no Content-Type, so the body is read raw here.

export const GUEST_BODY_LIMIT = 4 * 1024 * 1024;
export const DEFAULT_LIVE_SECONDS = 300;
export const DEFAULT_QUERY_LIMIT = 1;
export const MAX_QUERY_LIMIT = 10_000;
export const MAX_INSTANCES_PER_REQUEST = 1_000;
/** Ids × limit: one answer never renders more records than this. */
export const MAX_RECORDS_PER_ANSWER = 100_000;

export interface GuestProtocolOptions {
  store: GuestStore;
  users: GuestUsers;
  /** The session_id agents must report with; null refuses every report. */
  agentKey: string | null;
  timeZone: string;
  liveSeconds?: number;
  now?: () => number;
  forwardStartMonitor?: StartMonitorForwarder;
  /** Agents' command addresses set by the operator (an agent behind NAT reports from another address). */
  agentAddresses?: ReadonlyMap<string, string>;
}

export interface GuestEnvelope {
  status_code: GuestStatus;
  session_id: string;
  message_id: '';
  message: string;
  /** Absent from login's answer, as in the document's example. */
  data?: unknown;
  method: number | null;
}

/** A request the protocol refuses: answered with a failure envelope and an HTTP status. */
export class GuestRequestError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number,
    readonly method: number | null = null,
    readonly status: GuestStatus = GUEST_STATUS.failure,
    readonly sessionId = '',
  ) {
    super(message);
  }
}

const quoted = (message: string): string => pyRepr(new PyStr(message));

function envelope(
  status: GuestStatus,
  sessionId: string,
  message: string,
  data: unknown,
  method: number | null,
): GuestEnvelope {
  return {
    status_code: status,
    session_id: sessionId,
    message_id: '',
    message: quoted(message),
    data,
    method,
  };
}

const MethodSchema = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
]);
const RequestSchema = z.object({
  method: MethodSchema,
  session_id: z.string().optional(),
  data: z.unknown().optional(),
  limit: z.unknown().optional(),
  proc_name: z.unknown().optional(),
});
type GuestRequest = z.infer<typeof RequestSchema>;

const LoginSchema = z.object({ user_name: z.string(), password: z.string() });
const InstanceListSchema = z.object({ instance_id: z.string() });

function parseBody(raw: Buffer): GuestRequest {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new GuestRequestError('malformed JSON body', 400);
  }
  const parsed = RequestSchema.safeParse(json);
  if (!parsed.success) throw new GuestRequestError('the body needs a numeric method', 400);
  return parsed.data;
}

function instanceIds(request: GuestRequest, method: number): string[] {
  const parsed = InstanceListSchema.safeParse(request.data);
  const ids = parsed.success
    ? parsed.data.instance_id
        .split(';')
        .map((id) => id.trim())
        .filter((id) => id !== '')
    : [];
  if (ids.length === 0) throw new GuestRequestError('missing instance_id', 400, method);
  if (ids.length > MAX_INSTANCES_PER_REQUEST) {
    throw new GuestRequestError(`at most ${MAX_INSTANCES_PER_REQUEST} instance ids a request`, 400, method);
  }
  return ids;
}

/** The ids a query names and its per-id limit. */
function queryTargets(request: GuestRequest, method: number): { ids: string[]; limit: number } {
  const ids = instanceIds(request, method);
  const { limit = DEFAULT_QUERY_LIMIT } = request;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > MAX_QUERY_LIMIT) {
    throw new GuestRequestError(`limit must be an integer from 0 to ${MAX_QUERY_LIMIT}`, 400, method);
  }
  if (ids.length * limit > MAX_RECORDS_PER_ANSWER) {
    throw new GuestRequestError(`instance ids × limit may be at most ${MAX_RECORDS_PER_ANSWER}`, 400, method);
  }
  return { ids, limit };
}

function installGuestProtocol(app: FastifyInstance, options: GuestProtocolOptions): void {
  const { store, users, agentKey, timeZone, forwardStartMonitor } = options;
  const configuredAddresses = options.agentAddresses ?? new Map<string, string>();
  const liveMs = (options.liveSeconds ?? DEFAULT_LIVE_SECONDS) * 1000;
  const now = options.now ?? Date.now;
  checkTimeZone(timeZone);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: GUEST_BODY_LIMIT },
    (_request, body, done) => {
      done(null, body);
    },
  );

  app.setErrorHandler((error: FastifyError, request, reply: FastifyReply) => {
    if (error instanceof GuestRequestError) {
      return reply
        .code(error.httpStatus)
        .send(envelope(error.status, error.sessionId, error.message, null, error.method));
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'guest request failed');
    return reply.code(status).send(envelope(GUEST_STATUS.failure, '', error.message, null, null));
  });

  function requireSession(request: GuestRequest, method: number): string {
    const sessionId = request.session_id ?? '';
    if (!users.sessionValid(sessionId)) {
      throw new GuestRequestError('session expired or unknown', 200, method, GUEST_STATUS.expired, sessionId);
    }
    return sessionId;
  }

  function requireAgent(request: GuestRequest, method: number): void {
    if (agentKey === null || request.session_id !== agentKey) {
      throw new GuestRequestError('report refused: wrong agent key', 403, method);
    }
  }

  function reportData<T>(schema: z.ZodType<T>, request: GuestRequest, method: number): T {
    const parsed = schema.safeParse(request.data);
    if (!parsed.success)
      throw new GuestRequestError(`invalid report: ${z.prettifyError(parsed.error)}`, 400, method);
    return parsed.data;
  }

  app.post(GUEST_ENDPOINT, { bodyLimit: GUEST_BODY_LIMIT }, async (request) => {
    const body = parseBody(Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
    const { method } = body;
    switch (method) {
      case GUEST_METHODS.login: {
        const credentials = LoginSchema.safeParse(body.data);
        if (!credentials.success)
          throw new GuestRequestError('data needs user_name and password', 400, method);
        const session = await users.login(credentials.data.user_name, credentials.data.password);
        if (session === null) throw new GuestRequestError('User authentication failed', 200, method);
        return envelope(
          GUEST_STATUS.success,
          session,
          'User authenticated sucessfully...',
          undefined,
          method,
        );
      }
      case GUEST_METHODS.vmData: {
        const session = requireSession(body, method);
        const { ids, limit } = queryTargets(body, method);
        const data = ids.flatMap((id) =>
          store.vmRecords(id, limit).map((record) => vmRecordRepr(record, timeZone)),
        );
        return envelope(GUEST_STATUS.success, session, 'success query vm information', data, method);
      }
      case GUEST_METHODS.procData:
      case GUEST_METHODS.procByName: {
        const session = requireSession(body, method);
        const { ids, limit } = queryTargets(body, method);
        const name = body.proc_name;
        if (method === GUEST_METHODS.procByName && (typeof name !== 'string' || name === '')) {
          throw new GuestRequestError('missing proc_name', 400, method);
        }
        const data = ids.flatMap((id) =>
          (typeof name === 'string' && method === GUEST_METHODS.procByName
            ? store.procRecordsByName(id, name, limit)
            : store.procRecords(id, limit)
          ).map((record) => procRecordRepr(record, timeZone)),
        );
        return envelope(GUEST_STATUS.success, session, 'success query proc information', data, method);
      }
      case GUEST_METHODS.startMonitor: {
        const session = requireSession(body, method);
        const ids = instanceIds(body, method);
        const until = now() + liveMs;
        const forwards: Promise<void>[] = [];
        for (const id of ids) {
          store.markLive(id, until);
          const address = configuredAddresses.get(id) ?? store.agentAddress(id);
          if (address !== null && forwardStartMonitor) {
            forwards.push(
              forwardStartMonitor(address, id).catch((err: unknown) => {
                request.log.warn({ err, instanceId: id }, 'start_monitor was not forwarded to the agent');
              }),
            );
          }
        }
        await Promise.all(forwards);
        return envelope(GUEST_STATUS.success, session, '', null, method);
      }
      case GUEST_METHODS.reportVm: {
        requireAgent(body, method);
        const { instance_id, ...report } = reportData(VmReportRequestSchema, body, method);
        await store.writeVmReport(instance_id, report, now(), request.ip);
        return envelope(
          GUEST_STATUS.success,
          body.session_id ?? '',
          'success report vm information',
          null,
          method,
        );
      }
      case GUEST_METHODS.reportProc: {
        requireAgent(body, method);
        const report = reportData(ProcReportRequestSchema, body, method);
        await store.writeProcReport(report.instance_id, report.data, now(), request.ip);
        return envelope(
          GUEST_STATUS.success,
          body.session_id ?? '',
          'success report proc information',
          null,
          method,
        );
      }
      default:
        throw new GuestRequestError(`unknown method ${method}`, 400, method);
    }
  });
}

/** POST /wsgi_app.py under the prefix it is registered with. */
export const guestProtocol: FastifyPluginAsync<GuestProtocolOptions> = (app, options) =>
  // A Promise so that a bad option (an unknown time zone) fails the registration instead of stalling it.
  new Promise((resolve) => {
    installGuestProtocol(app, options);
    resolve();
  });
