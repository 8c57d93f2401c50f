// Errors in the server's own words. A service says what went wrong for the domain (the thing asked for is
// missing, or not for this reader); which HTTP status that is, is the HTTP layer's business (http/api-error.ts).

export class DomainError extends Error {
  constructor(
    readonly reason: 'missing' | 'forbidden',
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The message of whatever was thrown: libraries may throw strings or plain objects as well as Errors. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
