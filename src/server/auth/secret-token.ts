import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// The server's bearer secrets (session cookies, display tokens, API tokens) are 32 random bytes, so a plain
// SHA-256 is enough to store them: there is nothing to brute-force that a slow hash would protect. Only the
// digest is stored, so a leaked database or backup cannot be replayed as live credentials.

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes in base64url, no padding. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a string could be a token at all: junk is refused before it costs a hash and a query. */
export function isSecretTokenShaped(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

export function hashSecretToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Constant-time equality of two digests, so the check itself never hints at how much of a hash matched. */
export function sameDigest(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
