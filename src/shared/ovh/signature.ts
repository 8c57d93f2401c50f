import { createHash, timingSafeEqual } from 'node:crypto';

// OVH API v1 request signing ("$1$"), shared by the server's client (to sign) and the simulator (to verify),
// so both ends provably speak the same protocol. Headers are not signed, which is why X-Ovh-Batch is free.

export interface SignatureInput {
  applicationSecret: string;
  consumerKey: string;
  method: string;
  /** The full URL including scheme, host, the /1.0 base path and the query string. */
  url: string;
  /** The exact body sent; "" for GET and DELETE. */
  body: string;
  /** Epoch seconds in OVH's clock (local time + the /auth/time delta). */
  timestamp: number;
}

export function ovhSignature(input: SignatureInput): string {
  const plain = [
    input.applicationSecret,
    input.consumerKey,
    input.method.toUpperCase(),
    input.url,
    input.body,
    String(input.timestamp),
  ].join('+');
  return `$1$${createHash('sha1').update(plain).digest('hex')}`;
}

export function signaturesMatch(expected: string, received: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}
