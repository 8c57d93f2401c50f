// An upstream failure reaches whoever reads the data, viewers and unattended wall screens included, so what they
// read is in our words: a status, OVH's error class, "did not answer". The error itself, with its paths, host
// names and the upstream's raw text, goes to the log only.

/** An error that can say what went wrong without naming anything internal. */
export interface PubliclyDescribed {
  readonly publicReason: string;
}

export const UNEXPECTED_REASON = 'an unexpected error; the server log has the details';

export function publicReasonOf(error: unknown): string {
  if (error instanceof Error && 'publicReason' in error && typeof error.publicReason === 'string') {
    return error.publicReason;
  }
  return UNEXPECTED_REASON;
}

/** A fetch that failed on its own timeout, as opposed to a refused connection or a reset. */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || isTimeout(error.cause));
}
