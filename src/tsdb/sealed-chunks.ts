import type Database from 'better-sqlite3';

// Where closed spans of the history live: one compressed blob per (level, series, span start), where a row per
// point or bucket would cost more in SQLite's own overhead than in data. The head tables (raw, rollup) keep the
// open, still-changing span. A span of one series at one level is whole in a chunk or whole in the head, never
// split: a write into sealed time first takes its chunk back to the head (OpenTSDB overwrites a point, and a
// rollup bucket must see it), and the next pass that moves the level's boundary seals it again.

/** A level as chunks see it: raw points are level 0, each rollup its own id. */
export interface ChunkLevel {
  readonly id: number;
  readonly chunkMs: number;
}

export interface HeadRow {
  readonly series: number;
  readonly ts: number;
}

/** A span ends this long before it is sealed, so points of one poll that arrive a little apart stay in the head. */
const SEAL_GRACE_MS = 15 * 60_000;

const chunkStart = (ts: number, level: ChunkLevel) => Math.floor(ts / level.chunkMs) * level.chunkMs;

export class SealedChunks {
  /** Per level, the time before which every span is sealed (or was, and was taken back by a write). */
  private readonly sealedBefore = new Map<number, number>();
  private readonly stmt;

  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS chunk (id INTEGER PRIMARY KEY, level INTEGER NOT NULL,
      series INTEGER NOT NULL, start INTEGER NOT NULL, data BLOB NOT NULL, UNIQUE (level, series, start))`);
    this.stmt = {
      read: db.prepare<[number, number, number, number], { data: Buffer }>(
        'SELECT data FROM chunk WHERE level = ? AND series = ? AND start > ? AND start <= ? ORDER BY start',
      ),
      find: db.prepare<[number, number, number], { data: Buffer }>(
        'SELECT data FROM chunk WHERE level = ? AND series = ? AND start = ?',
      ),
      remove: db.prepare<[number, number, number]>(
        'DELETE FROM chunk WHERE level = ? AND series = ? AND start = ?',
      ),
      insert: db.prepare<[number, number, number, Buffer]>(
        'INSERT INTO chunk (level, series, start, data) VALUES (?, ?, ?, ?)',
      ),
      prune: db.prepare<[number, number]>('DELETE FROM chunk WHERE level = ? AND start <= ?'),
      setSealed: db.prepare<[string, number]>('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    };
    const sealed = db
      .prepare<[], { key: string; value: number }>("SELECT key, value FROM meta WHERE key LIKE 'sealed:%'")
      .all();
    for (const { key, value } of sealed) this.sealedBefore.set(Number(key.slice('sealed:'.length)), value);
  }

  /** The chunks of a series that overlap [fromMs, toMs], oldest first. */
  read(level: ChunkLevel, series: number, fromMs: number, toMs: number): Buffer[] {
    return this.stmt.read.all(level.id, series, fromMs - level.chunkMs, toMs).map((r) => r.data);
  }

  /** Deletes and returns the chunk holding `ts` when it lies in sealed time; the caller restores its rows. */
  takeBack(level: ChunkLevel, series: number, ts: number): Buffer | undefined {
    if (ts >= (this.sealedBefore.get(level.id) ?? -Infinity)) return undefined;
    const start = chunkStart(ts, level);
    const chunk = this.stmt.find.get(level.id, series, start);
    if (chunk) this.stmt.remove.run(level.id, series, start);
    return chunk?.data;
  }

  /**
   * Moves the level's boundary up to the last span that ended a grace ago, sealing every head row before it.
   * `head` returns those rows sorted by series then time, `encode` makes one span's chunk, and `dropHead`
   * deletes them from the head. Nothing happens until a whole new span has closed.
   */
  seal<T extends HeadRow>(
    level: ChunkLevel,
    newestMs: number,
    head: { rows: (before: number) => T[]; encode: (rows: T[]) => Buffer; drop: (before: number) => void },
  ): void {
    const before = chunkStart(newestMs - SEAL_GRACE_MS, level);
    if (before <= (this.sealedBefore.get(level.id) ?? -Infinity)) return;
    let span: T[] = [];
    const flush = () => {
      const first = span[0];
      if (first) this.stmt.insert.run(level.id, first.series, chunkStart(first.ts, level), head.encode(span));
      span = [];
    };
    for (const row of head.rows(before)) {
      const first = span[0];
      if (first && (first.series !== row.series || chunkStart(first.ts, level) !== chunkStart(row.ts, level)))
        flush();
      span.push(row);
    }
    flush();
    head.drop(before);
    this.stmt.setSealed.run(`sealed:${level.id}`, before);
    this.sealedBefore.set(level.id, before);
  }

  /** Deletes the chunks whose whole span is older than `keptFromMs`; readers clip the rest. */
  prune(level: ChunkLevel, keptFromMs: number): void {
    this.stmt.prune.run(level.id, keptFromMs - level.chunkMs);
  }
}
