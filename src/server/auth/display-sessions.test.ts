import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WallConfigSchema } from '@/shared/api/displays';
import { openDatabase, MIGRATIONS, type Database } from '../db/database';
import { DisplayStore } from '../displays/display-store';
import { SessionStore, type Session, type SessionIdentity } from './sessions';

// What the session store does for wall displays: sessions tied to a display and confined to its scope.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let db: Database;
let clock: number;
let touched: Session[];
let sessions: SessionStore;
let displays: DisplayStore;
beforeEach(() => {
  db = openDatabase(':memory:');
  clock = 1_800_000_000_000;
  touched = [];
  sessions = new SessionStore(db, {
    idleMs: HOUR,
    absoluteMs: 8 * HOUR,
    now: () => clock,
    onTouch: (session) => touched.push(session),
  });
  displays = new DisplayStore(db, { now: () => clock });
});
afterEach(() => db.close());

function newDisplay(name: string) {
  const scope = [{ serviceName: 'pcc-1', datacenterId: 1 }];
  const { display } = displays.create({ name, scope, wall: WallConfigSchema.parse({}), createdBy: 'alice' });
  const identity: SessionIdentity = {
    username: name,
    role: 'viewer',
    provider: 'display',
    pccUser: null,
    serviceName: null,
    displayId: display.id,
    scope,
  };
  return { display, identity };
}

describe('SessionStore for displays', () => {
  it('keeps the display and the scope of a display session', () => {
    const { display, identity } = newDisplay('Lobby');
    const { token, session } = sessions.create(identity);
    expect(session).toMatchObject({ displayId: display.id, scope: identity.scope, provider: 'display' });
    expect(sessions.validate(token)).toEqual(session);
  });

  it('ends every session of one display, and only those', () => {
    const lobby = newDisplay('Lobby');
    const noc = newDisplay('NOC');
    const a = sessions.create(lobby.identity).token;
    const b = sessions.create(lobby.identity).token;
    const c = sessions.create(noc.identity).token;
    const local = sessions.create({
      ...lobby.identity,
      provider: 'local',
      displayId: undefined,
      scope: undefined,
    });
    expect(sessions.revokeDisplay(lobby.display.id)).toBe(2);
    expect(sessions.validate(a)).toBeUndefined();
    expect(sessions.validate(b)).toBeUndefined();
    expect(sessions.validate(c)).toBeDefined();
    expect(sessions.validate(local.token)).toBeDefined();
  });

  it("applies a display's new name and scope to its live sessions", () => {
    const { display, identity } = newDisplay('Lobby');
    const { token } = sessions.create(identity);
    const scope = [{ serviceName: 'pcc-2', datacenterId: 3 }];
    expect(sessions.updateDisplay(display.id, { username: 'Hall', scope })).toBe(1);
    expect(sessions.validate(token)).toMatchObject({ username: 'Hall', scope });
  });

  it('reports a session as touched only when its last-seen time is written', () => {
    const { identity } = newDisplay('Lobby');
    const { token, session } = sessions.create(identity);
    clock += 30_000;
    sessions.validate(token);
    expect(touched).toEqual([]);
    clock += 31_000;
    sessions.validate(token);
    expect(touched).toEqual([{ ...session, lastSeenAt: clock }]);
  });

  it('ties display sessions to an existing display', () => {
    const { identity } = newDisplay('Lobby');
    expect(() => sessions.create({ ...identity, displayId: 'no-such-display' })).toThrow(/FOREIGN KEY/);
    // The schema refuses a display session without a display, and a display id on another kind of session.
    expect(() => sessions.create({ ...identity, displayId: undefined })).toThrow(/CHECK/);
    expect(() => sessions.create({ ...identity, provider: 'local' })).toThrow(/CHECK/);
  });
});

describe('the wall displays migration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vscope-displays-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the sessions signed in before it', () => {
    const file = join(dir, 'vscope.db');
    const before = openDatabase(
      file,
      MIGRATIONS.filter((m) => m.version < 3),
    );
    // Written as the v2 store wrote it: today's store knows columns v2 does not have.
    const token = 'B'.repeat(43);
    before
      .prepare(
        `INSERT INTO sessions (id, token_hash, username, role, provider, pcc_user, service_name, created_at, last_seen_at)
         VALUES ('s1', ?, 'alice', 'admin', 'local', NULL, NULL, ?, ?)`,
      )
      .run(createHash('sha256').update(token).digest(), clock, clock);
    before.close();

    const after = openDatabase(file);
    try {
      expect(after.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
      const store = new SessionStore(after, { idleMs: HOUR, absoluteMs: 8 * HOUR, now: () => clock });
      expect(store.validate(token)).toEqual({
        id: 's1',
        username: 'alice',
        role: 'admin',
        provider: 'local',
        pccUser: null,
        serviceName: null,
        createdAt: clock,
        lastSeenAt: clock,
      });
      const indexes = after
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions'")
        .pluck()
        .all();
      expect(indexes).toEqual(expect.arrayContaining(['sessions_by_username', 'sessions_by_display']));
    } finally {
      after.close();
    }
  });
});
