import { OvhErrorBodySchema } from '@/shared/ovh/envelopes';
import { messageOf } from '@/server/errors';
import { isTimeout, type PubliclyDescribed } from '../public-reason';

// An OVH API failure with everything an operator needs to chase it: status, OVH's class or error code, the
// message, the path (never the signature or keys), and OVH's `X-Ovh-Queryid` for a support ticket.

export class OvhApiError extends Error implements PubliclyDescribed {
  constructor(
    readonly status: number,
    readonly path: string,
    message: string,
    readonly code: string | undefined,
    readonly queryId: string | undefined,
  ) {
    super(`OVH API ${status} on ${path}: ${message}${queryId ? ` (query id ${queryId})` : ''}`);
    this.name = 'OvhApiError';
  }

  /** OVH's message stays out: behind a proxy it may be an HTML page naming hosts. */
  get publicReason(): string {
    return `OVH answered ${this.status}${this.code ? ` ${this.code}` : ''}${this.queryId ? ` (query id ${this.queryId})` : ''}`;
  }

  /** 5xx and 429 are worth retrying; other 4xx will fail the same way again. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429;
  }

  static async fromResponse(response: Response, path: string): Promise<OvhApiError> {
    const text = await response.text().catch(() => '');
    let message = text.slice(0, 300) || response.statusText;
    let code: string | undefined;
    try {
      const body = OvhErrorBodySchema.safeParse(JSON.parse(text));
      if (body.success) {
        message = body.data.message;
        code = body.data.errorCode ?? body.data.class;
      }
    } catch {
      // Not JSON (a proxy's HTML page, say): the raw text is the best message there is.
    }
    return new OvhApiError(
      response.status,
      path,
      message,
      code,
      response.headers.get('x-ovh-queryid') ?? undefined,
    );
  }
}

/** A network failure or timeout, before any HTTP status. */
export class OvhNetworkError extends Error implements PubliclyDescribed {
  readonly retryable = true;
  readonly publicReason: string;
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`OVH API unreachable on ${path}: ${messageOf(cause)}`, {
      cause,
    });
    this.name = 'OvhNetworkError';
    this.publicReason = isTimeout(cause) ? 'OVH did not answer in time' : 'OVH cannot be reached';
  }
}
