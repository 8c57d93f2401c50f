import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

// Where the indexer's records last. The indexer keeps every record in memory (a deployment has thousands of
// resources, not millions, and search runs over them in memory); with --data each change is also written
// through to SQLite in one transaction before the answer, so an acknowledged change survives kill -9.

export type RecordKind = 'meta' | 'archive_policy' | 'resource_type' | 'resource' | 'revision' | 'metric';

export interface JournalRecord {
  readonly kind: RecordKind;
  readonly key: string;
  /** The record as JSON-able data; null deletes it. */
  readonly value: unknown;
}

export interface IndexerJournal {
  /** Every stored record, in insertion order within each kind. */
  load(): JournalRecord[];
  /** Applies the changes atomically and durably. */
  write(changes: readonly JournalRecord[]): void;
  close(): void;
}

export function memoryJournal(): IndexerJournal {
  return { load: () => [], write: () => undefined, close: () => undefined };
}

export function sqliteJournal(dataDir: string): IndexerJournal {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'indexer.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS record (
    kind TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, key))`);
  // Insertion order is kept in JS: asking SQLite for max(seq) on every insert read the whole table each time,
  // which made a first sync of 20 000 VMs' metrics quadratic. A rolled-back number leaves a harmless gap.
  let seq = (db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM record').get() as { seq: number }).seq;
  const upsert = db.prepare(
    `INSERT INTO record (kind, key, seq, json) VALUES (?, ?, ?, ?)
     ON CONFLICT (kind, key) DO UPDATE SET json = excluded.json`,
  );
  const remove = db.prepare('DELETE FROM record WHERE kind = ? AND key = ?');
  const writeAll = db.transaction((changes: readonly JournalRecord[]) => {
    for (const change of changes) {
      if (change.value === null) remove.run(change.kind, change.key);
      else upsert.run(change.kind, change.key, ++seq, JSON.stringify(change.value));
    }
  });
  return {
    load: () =>
      (
        db.prepare('SELECT kind, key, json FROM record ORDER BY seq').all() as {
          kind: RecordKind;
          key: string;
          json: string;
        }[]
      ).map((row) => ({ kind: row.kind, key: row.key, value: JSON.parse(row.json) as unknown })),
    write: (changes) => {
      if (changes.length > 0) writeAll(changes);
    },
    close: () => db.close(),
  };
}
