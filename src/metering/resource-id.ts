// utils.ResourceUUID: the id under which Gnocchi stores a resource. A UUID in any of the spellings Python's
// uuid.UUID reads is kept (canonical form); any other text becomes a name-based UUID of the text and its
// creator, so two users' "my-server" never collide. The digest is sha1 from node:crypto: uuid5 is one hash and
// six bit flips, not worth a dependency.

import { createHash } from 'node:crypto';

const RESOURCE_ID_NAMESPACE = Buffer.from('0a7a15ffaa134ac2897c9bdf30ce175b', 'hex');

/** The longest non-UUID id the newest Gnocchi transforms (4.4.2 stopped at 255). */
export const MAX_TRANSFORMABLE_ID_LENGTH = 289;

export class ResourceIdError extends Error {}

/** uuid.UUID(text) as Python reads it: optional `urn:`/`uuid:` and braces, hyphens anywhere, then 32 digits
 *  that int(…, 16) accepts. Null when Python raises ValueError. */
export function parsePythonUuid(text: string): string | null {
  const hex = text
    .replaceAll('urn:', '')
    .replaceAll('uuid:', '')
    .replace(/^[{}]+|[{}]+$/g, '')
    .replaceAll('-', '');
  if ([...hex].length !== 32) return null;
  const m = /^\s*([+-]?)(?:0[xX]_?)?([0-9a-fA-F](?:_?[0-9a-fA-F])*)\s*$/.exec(hex);
  if (!m?.[2]) return null;
  const value = BigInt(`0x${m[2].replaceAll('_', '')}`);
  if (m[1] === '-' && value !== 0n) return null;
  return formatUuid(value.toString(16).padStart(32, '0'));
}

function formatUuid(hex32: string): string {
  const h = hex32.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function hasLoneSurrogate(s: string): boolean {
  return /\p{Surrogate}/u.test(s);
}

export function uuid5(namespace: Buffer, name: string): string {
  const digest = createHash('sha1').update(namespace).update(Buffer.from(name, 'utf8')).digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return formatUuid(bytes.toString('hex'));
}

/**
 * utils.ResourceUUID(value, creator). Throws ResourceIdError with Python's ValueError text where Gnocchi
 * raises one; callers turn it into their own 400.
 */
export function resourceUuid(value: string, creator: string | null): string {
  if (value.includes('/')) throw new ResourceIdError("'/' is not supported in resource id");
  const parsed = parsePythonUuid(value);
  if (parsed !== null) return parsed;
  if ([...value].length > MAX_TRANSFORMABLE_ID_LENGTH)
    throw new ResourceIdError('transformable resource id >289 max allowed characters');
  const name = `${value}\0${creator ?? '\0'}`;
  // Python cannot encode a lone surrogate to UTF-8 (UnicodeEncodeError, a ValueError).
  if (hasLoneSurrogate(name)) throw new ResourceIdError("'utf-8' codec can't encode character");
  return uuid5(RESOURCE_ID_NAMESPACE, name);
}
