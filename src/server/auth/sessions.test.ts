import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import type { Database } from '../db/database';
import { SessionStore } from './sessions';
import type { SessionIdentity } from './sessions';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const alice: SessionIdentity = {
  username: 'alice',
  role: 'admin',
  provider: 'local',
  pccUser: null,
  serviceName: null,
};

let db: Database;
let clock: number;
let sessions: SessionStore;
beforeEach(() => {
  db = openDatabase(':memory:');
  clock = 1_800_000_000_000;
  sessions = new SessionStore(db, { idleMs: HOUR, absoluteMs: 8 * HOUR, now: () => clock });
});
afterEach(() => db.close());

function storedLastSeen(id: string): number {
  return db.prepare('SELECT last_seen_at FROM sessions WHERE id = ?').pluck().get(id) as number;
}

describe('SessionStore', () => {
  it('creates a session behind a 32-byte base64url token and validates it', () => {
    const { token, session } = sessions.create(alice);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(session).toEqual({
      ...alice,
      id: expect.any(String) as string,
      createdAt: clock,
      lastSeenAt: clock,
    });
    expect(sessions.validate(token)).toEqual(session);
    expect(sessions.create(alice).token).not.toBe(token);
  });

  it('refuses unknown and malformed tokens', () => {
    sessions.create(alice);
    expect(sessions.validate('A'.repeat(43))).toBeUndefined();
    expect(sessions.validate('')).toBeUndefined();
    expect(sessions.validate("x' OR 1=1 --")).toBeUndefined();
  });

  it('stores only the SHA-256 of the token', () => {
    const { token, session } = sessions.create({
      ...alice,
      provider: 'vsphere',
      serviceName: 'pcc-1',
      pccUser: 'bob',
    });
    const rows = db.prepare('SELECT * FROM sessions').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? {};
    expect(row.token_hash).toEqual(createHash('sha256').update(token).digest());
    expect(JSON.stringify(db.prepare('SELECT * FROM sessions').raw().all())).not.toContain(token);
    expect(row).toMatchObject({
      id: session.id,
      provider: 'vsphere',
      service_name: 'pcc-1',
      pcc_user: 'bob',
    });
  });

  it('revokes one session, or all of a user', () => {
    const first = sessions.create(alice);
    const second = sessions.create(alice);
    const vsphere = sessions.create({ ...alice, provider: 'vsphere', serviceName: 'pcc-1' });
    const bob = sessions.create({ ...alice, username: 'bob' });
    sessions.revoke(first.token);
    expect(sessions.validate(first.token)).toBeUndefined();
    expect(sessions.validate(second.token)).toBeDefined();
    expect(sessions.revokeAllFor('ALICE', 'local')).toBe(1);
    expect(sessions.validate(second.token)).toBeUndefined();
    expect(sessions.validate(vsphere.token)).toBeDefined();
    expect(sessions.revokeAllFor('alice')).toBe(1);
    expect(sessions.validate(vsphere.token)).toBeUndefined();
    expect(sessions.validate(bob.token)).toBeDefined();
  });

  it('ends a session left idle, and slides the idle deadline while it is used', () => {
    const { token } = sessions.create(alice);
    clock += HOUR - 1;
    expect(sessions.validate(token)).toBeDefined();
    clock += HOUR - 1;
    expect(sessions.validate(token)).toBeDefined();
    clock += HOUR;
    expect(sessions.validate(token)).toBeUndefined();
    // Deleted on sight, not merely refused.
    expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
  });

  it('ends a session at its absolute lifetime however active it is', () => {
    const { token } = sessions.create(alice);
    for (let elapsed = 0; elapsed < 8 * HOUR - 30 * MINUTE; elapsed += 30 * MINUTE) {
      clock += 30 * MINUTE;
      expect(sessions.validate(token)).toBeDefined();
    }
    clock += 30 * MINUTE;
    expect(sessions.validate(token)).toBeUndefined();
  });

  it('writes lastSeenAt at most once a minute', () => {
    const { token, session } = sessions.create(alice);
    const created = clock;
    clock += 59_000;
    expect(sessions.validate(token)?.lastSeenAt).toBe(created);
    expect(storedLastSeen(session.id)).toBe(created);
    clock += 1_000;
    expect(sessions.validate(token)?.lastSeenAt).toBe(clock);
    expect(storedLastSeen(session.id)).toBe(clock);
    const touched = clock;
    clock += 30_000;
    sessions.validate(token);
    expect(storedLastSeen(session.id)).toBe(touched);
  });

  it('keeps a short idle limit honest despite the throttle', () => {
    const short = new SessionStore(db, { idleMs: 40_000, absoluteMs: HOUR, now: () => clock });
    const { token } = short.create(alice);
    for (let i = 0; i < 10; i++) {
      clock += 30_000;
      expect(short.validate(token)).toBeDefined();
    }
  });

  it('purges expired sessions', () => {
    const old = sessions.create(alice);
    clock += 30 * MINUTE;
    const recent = sessions.create({ ...alice, username: 'bob' });
    clock += 45 * MINUTE;
    expect(sessions.purgeExpired()).toBe(1);
    expect(sessions.validate(old.token)).toBeUndefined();
    expect(sessions.validate(recent.token)).toBeDefined();
  });

  it('refuses nonsensical lifetimes', () => {
    expect(() => new SessionStore(db, { idleMs: 0, absoluteMs: HOUR })).toThrow(/idleMs must be a positive/);
    expect(() => new SessionStore(db, { idleMs: HOUR, absoluteMs: Number.NaN })).toThrow(/absoluteMs/);
  });
});

describe('SessionStore on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vscope-sessions-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps sessions across a restart', () => {
    const file = join(dir, 'vscope.db');
    const first = openDatabase(file);
    const { token, session } = new SessionStore(first, { idleMs: HOUR, absoluteMs: 8 * HOUR }).create(alice);
    first.close();
    const reopened = openDatabase(file);
    try {
      expect(new SessionStore(reopened, { idleMs: HOUR, absoluteMs: 8 * HOUR }).validate(token)).toEqual(
        session,
      );
    } finally {
      reopened.close();
    }
  });
});
