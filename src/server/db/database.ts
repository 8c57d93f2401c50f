import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export type Database = BetterSqlite3.Database;

/** One step of the schema. Versions are `PRAGMA user_version` numbers and run 1, 2, 3… without gaps. */
export interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}

/** The server's schema, oldest step first: what `openDatabase` applies unless given another list. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'local users',
    up(db) {
      // NOCASE keeps "Admin" and "admin" from becoming two accounts that look alike in the user list.
      db.exec(`
        CREATE TABLE users (
          username      TEXT PRIMARY KEY COLLATE NOCASE,
          password_hash TEXT NOT NULL,
          role          TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
          pcc_user      TEXT,
          created_at    INTEGER NOT NULL,
          updated_at    INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    description: 'sessions',
    up(db) {
      // vSphere sessions have no local user row, hence no foreign key on username; NOCASE matches users so
      // revoking 'alice' also ends the sessions opened as 'Alice'.
      db.exec(`
        CREATE TABLE sessions (
          id           TEXT PRIMARY KEY,
          token_hash   BLOB NOT NULL UNIQUE,
          username     TEXT NOT NULL COLLATE NOCASE,
          role         TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
          provider     TEXT NOT NULL CHECK (provider IN ('local', 'vsphere')),
          pcc_user     TEXT,
          service_name TEXT,
          created_at   INTEGER NOT NULL,
          last_seen_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX sessions_by_username ON sessions (username);
      `);
    },
  },
  {
    version: 3,
    description: 'wall displays',
    up(db) {
      // Sessions gain the display they were exchanged for and the datacenters they are confined to. SQLite
      // cannot widen a CHECK constraint in place, so the table is rebuilt; no foreign key points at it.
      db.exec(`
        CREATE TABLE displays (
          id           TEXT PRIMARY KEY,
          name         TEXT NOT NULL,
          token_hash   BLOB NOT NULL UNIQUE,
          scope        TEXT NOT NULL,
          wall         TEXT NOT NULL,
          created_at   INTEGER NOT NULL,
          created_by   TEXT NOT NULL,
          last_seen_at INTEGER,
          revoked_at   INTEGER
        ) STRICT;

        CREATE TABLE sessions_v3 (
          id           TEXT PRIMARY KEY,
          token_hash   BLOB NOT NULL UNIQUE,
          username     TEXT NOT NULL COLLATE NOCASE,
          role         TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
          provider     TEXT NOT NULL CHECK (provider IN ('local', 'vsphere', 'display')),
          pcc_user     TEXT,
          service_name TEXT,
          display_id   TEXT REFERENCES displays (id) ON DELETE CASCADE,
          scope        TEXT,
          created_at   INTEGER NOT NULL,
          last_seen_at INTEGER NOT NULL,
          CHECK ((provider = 'display') = (display_id IS NOT NULL))
        ) STRICT;
        INSERT INTO sessions_v3
          (id, token_hash, username, role, provider, pcc_user, service_name, created_at, last_seen_at)
          SELECT id, token_hash, username, role, provider, pcc_user, service_name, created_at, last_seen_at
          FROM sessions;
        DROP TABLE sessions;
        ALTER TABLE sessions_v3 RENAME TO sessions;
        CREATE INDEX sessions_by_username ON sessions (username);
        CREATE INDEX sessions_by_display ON sessions (display_id) WHERE display_id IS NOT NULL;
      `);
    },
  },
  {
    version: 4,
    description: 'inventory snapshots',
    up(db) {
      // The last good value of each inventory cache entry, gzipped JSON: a restart during an OVH outage serves
      // these, marked stale, rather than nothing. One row per entry, overwritten by each refresh.
      db.exec(`
        CREATE TABLE inventory_snapshots (
          cache      TEXT NOT NULL,
          key        TEXT NOT NULL,
          fetched_at INTEGER NOT NULL,
          value      BLOB NOT NULL,
          PRIMARY KEY (cache, key)
        ) STRICT;
      `);
    },
  },
  {
    version: 5,
    description: 'API tokens',
    up(db) {
      // Credentials for scripts and Gnocchi clients reading /metering: like a display, a name, a datacenter
      // scope and the digest of a secret shown once; revoked tokens stay listed so the page shows when.
      db.exec(`
        CREATE TABLE api_tokens (
          id           TEXT PRIMARY KEY,
          name         TEXT NOT NULL,
          token_hash   BLOB NOT NULL UNIQUE,
          scope        TEXT NOT NULL,
          created_at   INTEGER NOT NULL,
          created_by   TEXT NOT NULL,
          last_used_at INTEGER,
          revoked_at   INTEGER
        ) STRICT;
      `);
    },
  },
];

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new Error(
        `Migrations must be numbered 1, 2, 3… without gaps: expected ${index + 1}, found ${migration.version}`,
      );
  });
}

/** Brings the schema up to the last migration; each step commits together with its version number. */
function migrate(db: Database, migrations: readonly Migration[]): void {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  checkSequence(sorted);
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = sorted.at(-1)?.version ?? 0;
  if (current > latest)
    throw new Error(
      `The database is at schema version ${current} but this program only knows up to ${latest}: it was written by a newer version`,
    );
  for (const migration of sorted) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/**
 * Opens (creating if needed) the server's SQLite database and migrates it. `':memory:'` gives a private
 * in-memory database, handy in tests.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  try {
    // WAL lets readers (HTTP requests) proceed while a writer (recorder, CLI) holds the lock.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // The user CLI may write while the server runs: wait for the lock rather than fail at once.
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
