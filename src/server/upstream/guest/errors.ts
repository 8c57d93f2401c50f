import { isTimeout, type PubliclyDescribed } from '../public-reason';

// The guest service's failures. Their messages name the protocol method and status only: never the password
// the client signs in with nor the session id it holds, which would let whoever reads a log or an error
// page query the service as the dashboard.

/** The service could not be reached, or did not answer in time. */
export class GuestNetworkError extends Error implements PubliclyDescribed {
  readonly publicReason: string;
  constructor(what: string, cause: unknown) {
    super(`guest service unreachable on ${what}: ${cause instanceof Error ? cause.name : 'error'}`, {
      cause,
    });
    this.name = 'GuestNetworkError';
    this.publicReason = isTimeout(cause)
      ? 'the guest-monitoring service did not answer in time'
      : 'the guest-monitoring service cannot be reached';
  }
}

/** An answer that is not the protocol's: an HTTP error, or a body that is not its envelope. */
export class GuestAnswerFormatError extends Error implements PubliclyDescribed {
  readonly publicReason: string;
  constructor(what: string, detail: string, options?: { cause?: unknown }) {
    super(`guest service gave an unreadable answer to ${what}: ${detail}`, options);
    this.name = 'GuestAnswerFormatError';
    this.publicReason = `the guest-monitoring service gave an unreadable answer (${detail.slice(0, 60)})`;
  }
}

/** The service answered with a status other than success. */
export class GuestStatusError extends Error implements PubliclyDescribed {
  readonly publicReason: string;
  constructor(
    what: string,
    readonly statusCode: number,
  ) {
    super(`guest service answered status ${statusCode} to ${what}`);
    this.name = 'GuestStatusError';
    this.publicReason =
      what === 'login'
        ? 'the guest-monitoring service refused the dashboard’s sign-in'
        : `the guest-monitoring service refused the request (status ${statusCode})`;
  }
}
