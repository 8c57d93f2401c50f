import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openDatabase } from './database';
import type { Migration } from './database';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vscope-db-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const notes: Migration = {
  version: MIGRATIONS.length + 1,
  description: 'notes',
  up: (db) => db.exec('CREATE TABLE notes (text TEXT NOT NULL)'),
};

describe('openDatabase', () => {
  it('creates the parent folder, turns on WAL, foreign keys and a busy timeout, and migrates', () => {
    const file = join(tempDir(), 'nested', 'deeper', 'vscope.db');
    const db = openDatabase(file);
    try {
      expect(existsSync(file)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['users', 'sessions']));
    } finally {
      db.close();
    }
  });

  it('works in memory', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('applies only the migrations a reopened database lacks', () => {
    const file = join(tempDir(), 'vscope.db');
    openDatabase(file).close();
    const db = openDatabase(file, [...MIGRATIONS, notes]);
    db.prepare('INSERT INTO notes VALUES (?)').run('kept');
    db.close();
    const again = openDatabase(file, [...MIGRATIONS, notes]);
    expect(again.prepare('SELECT text FROM notes').pluck().all()).toEqual(['kept']);
    expect(again.pragma('user_version', { simple: true })).toBe(notes.version);
    again.close();
  });

  it('rolls a failing migration back, version included', () => {
    const file = join(tempDir(), 'vscope.db');
    const broken: Migration = {
      version: notes.version,
      description: 'broken',
      up: (db) => db.exec('CREATE TABLE half (x INTEGER); SELECT * FROM missing_table;'),
    };
    expect(() => openDatabase(file, [...MIGRATIONS, broken])).toThrow(/missing_table/);
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('refuses gaps or repeats in the numbering and databases from a newer program', () => {
    const file = join(tempDir(), 'vscope.db');
    expect(() => openDatabase(file, [...MIGRATIONS, { ...notes, version: 1 }])).toThrow(/without gaps/);
    expect(() => openDatabase(file, [...MIGRATIONS, { ...notes, version: notes.version + 1 }])).toThrow(
      /without gaps/,
    );
    openDatabase(file, [...MIGRATIONS, notes]).close();
    expect(() => openDatabase(file)).toThrow(/written by a newer version/);
  });
});
