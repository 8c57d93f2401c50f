import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// A display token is a bearer credential that sits in a wall screen's cookie for months. It is 32 random bytes,
// so a plain SHA-256 is enough to store it: there is nothing to brute-force that a slow hash would protect.

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newDisplayToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a string could be a token at all: junk is refused before it costs a hash and a query. */
export function isDisplayTokenShaped(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

export function hashDisplayToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Constant-time equality of two digests, so the check itself never hints at how much of a hash matched. */
export function sameDigest(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
