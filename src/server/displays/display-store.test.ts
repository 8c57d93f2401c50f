import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WallConfigSchema } from '@/shared/api/displays';
import { openDatabase, type Database } from '../db/database';
import { DisplayStore } from './display-store';

let db: Database;
let clock: number;
let displays: DisplayStore;
beforeEach(() => {
  db = openDatabase(':memory:');
  clock = 1_800_000_000_000;
  displays = new DisplayStore(db, { now: () => clock });
});
afterEach(() => db.close());

const NEW = {
  name: 'Lobby',
  scope: [{ serviceName: 'pcc-1', datacenterId: 1 }],
  wall: WallConfigSchema.parse({}),
  createdBy: 'alice',
};

describe('DisplayStore', () => {
  it('finds a display by its token, and nothing by another string', () => {
    const { display, token } = displays.create(NEW);
    expect(displays.findByToken(token)).toEqual(display);
    expect(displays.findByToken('A'.repeat(43))).toBeUndefined();
    expect(displays.findByToken(token.slice(1))).toBeUndefined();
    expect(displays.findByToken("' OR 1=1 --")).toBeUndefined();
  });

  it('still finds a revoked display by its token, marked revoked, so the screen can be told so', () => {
    const { display, token } = displays.create(NEW);
    clock += 1000;
    displays.revoke(display.id);
    expect(displays.findByToken(token)).toEqual({ ...display, revoked: true, revokedAt: clock });
    expect(displays.sessionDisplay(display.id)).toBeUndefined();
  });

  it('merges wall changes and keeps what is not changed', () => {
    const { display } = displays.create(NEW);
    const updated = displays.update(display.id, { wall: { theme: 'light' } });
    expect(updated).toEqual({ ...display, wall: { ...display.wall, theme: 'light' } });
    expect(displays.update('nope', { name: 'x' })).toBeUndefined();
  });

  it('never moves the last-seen time backwards', () => {
    const { display } = displays.create(NEW);
    displays.markSeen(display.id, clock + 60_000);
    displays.markSeen(display.id, clock + 30_000);
    expect(displays.get(display.id)?.lastSeenAt).toBe(clock + 60_000);
  });

  it('gives wall settings stored before a setting existed its default', () => {
    const { display } = displays.create(NEW);
    db.prepare('UPDATE displays SET wall = ? WHERE id = ?').run(
      JSON.stringify({ theme: 'light' }),
      display.id,
    );
    expect(displays.get(display.id)?.wall).toEqual({ ...WallConfigSchema.parse({}), theme: 'light' });
  });

  it('answers undefined for unknown ids', () => {
    expect(displays.get('nope')).toBeUndefined();
    expect(displays.rotateToken('nope')).toBeUndefined();
    expect(displays.revoke('nope')).toBeUndefined();
  });
});
