import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

// The guest service's accounts (458753 login): configured at start, kept in memory with scrypt hashes, and
// sessions that expire, so a client that keeps a session id must log in again once it lapses.

export const DEFAULT_SESSION_TTL_MS = 60 * 60_000;
const KEY_BYTES = 32;
/** Node's scrypt defaults (N = 16384, r = 8): tens of milliseconds a guess. */
const deriveKey = promisify<string, Buffer, number, Buffer>(scrypt);

interface Account {
  salt: Buffer;
  key: Buffer;
}

export interface GuestUsersOptions {
  sessionTtlMs?: number;
  now?: () => number;
}

export class GuestUsers {
  private readonly accounts = new Map<string, Account>();
  /** session id → expiry (ms) */
  private readonly sessions = new Map<string, number>();
  private readonly sessionTtlMs: number;
  private readonly now: () => number;
  /** An unknown user's password is still derived against this, so a wrong name costs as long as a wrong password. */
  private readonly decoy: Account = { salt: randomBytes(16), key: randomBytes(KEY_BYTES) };

  constructor(options: GuestUsersOptions = {}) {
    this.sessionTtlMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  async addUser(name: string, password: string): Promise<void> {
    const salt = randomBytes(16);
    this.accounts.set(name, { salt, key: await deriveKey(password.normalize('NFC'), salt, KEY_BYTES) });
  }

  /** A new session id, or null when the name or the password is wrong. */
  async login(name: string, password: string): Promise<string | null> {
    const account = this.accounts.get(name);
    const { salt, key } = account ?? this.decoy;
    const derived = await deriveKey(password.normalize('NFC'), salt, KEY_BYTES);
    if (!account || !timingSafeEqual(derived, key)) return null;
    const now = this.now();
    for (const [id, expiry] of this.sessions) if (expiry <= now) this.sessions.delete(id);
    const id = randomUUID();
    this.sessions.set(id, now + this.sessionTtlMs);
    return id;
  }

  sessionValid(id: string): boolean {
    const expiry = this.sessions.get(id);
    return expiry !== undefined && this.now() < expiry;
  }
}
