import type Database from 'better-sqlite3';

// Where closed spans of the history live: one compressed blob per (level, series, span start), where a row per
// point or bucket would cost more in SQLite's own overhead than in data. The head tables (raw, rollup) keep the
// open, still-changing span. A span of one series at one level is whole in a chunk or whole in the head, never
// split: a write into sealed time first takes its chunk back to the head (OpenTSDB overwrites a point, and a
// rollup bucket must see it), and the next pass that moves the level's boundary seals it again.

/** A level as chunks see it: raw points are level 0, each rollup its own id. Widths are whole hours. */
export interface ChunkLevel {
  readonly id: number;
  readonly chunkMs: number;
}

export interface HeadRow {
  readonly series: number;
  readonly ts: number;
}

export interface Chunk {
  readonly startMs: number;
  readonly data: Buffer;
}

/** A span ends this long before it is sealed, so points of one poll that arrive a little apart stay in the head. */
const SEAL_GRACE_MS = 15 * 60_000;

const HOUR = 3_600_000;
/** Hours since 1970 a key can hold: past OpenTSDB's last timestamp (year 2286). */
const HOURS = 2 ** 22;
const LEVELS = 16;

const chunkStart = (ts: number, level: ChunkLevel) => Math.floor(ts / level.chunkMs) * level.chunkMs;

/**
 * A chunk's rowid is its key, (series, level, start hour), so the table holds no key columns and no index: at a
 * hundred chunks a series, those would weigh a sixth of the data. Series ids stay under 2^27.
 */
function chunkKey(series: number, level: ChunkLevel, startMs: number): number {
  const hour = Math.min(HOURS - 1, Math.max(0, Math.floor(startMs / HOUR)));
  return (series * LEVELS + level.id) * HOURS + hour;
}

export function chunkLevelOfKey(key: number): number {
  return Math.floor(key / HOURS) % LEVELS;
}

export function chunkStartOfKey(key: number): number {
  return (key % HOURS) * HOUR;
}

const toChunk = (row: { key: number; data: Buffer }): Chunk => ({
  startMs: chunkStartOfKey(row.key),
  data: row.data,
});

export class SealedChunks {
  /** Per level, the time before which every span is sealed (or was, and was taken back by a write). */
  private readonly sealedBefore = new Map<number, number>();
  /** Per level, the last chunk start a prune deleted through: a prune waits for a whole chunk to age. */
  private readonly prunedThrough = new Map<number, number>();
  /** Per level, the time before which no chunk is empty: their raw points were, or are about to be, pruned. */
  private readonly filledBefore = new Map<number, number>();
  private readonly stmt;

  constructor(db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS chunk (key INTEGER PRIMARY KEY, data BLOB NOT NULL)');
    this.stmt = {
      read: db.prepare<[number, number], { key: number; data: Buffer }>(
        'SELECT key, data FROM chunk WHERE key BETWEEN ? AND ? ORDER BY key',
      ),
      find: db.prepare<[number], { key: number; data: Buffer }>('SELECT key, data FROM chunk WHERE key = ?'),
      remove: db.prepare<[number]>('DELETE FROM chunk WHERE key = ?'),
      insert: db.prepare<[number, Buffer]>('INSERT INTO chunk (key, data) VALUES (?, ?)'),
      prune: db.prepare<[number, number]>('DELETE FROM chunk WHERE key BETWEEN ? AND ?'),
      empty: db.prepare<[number, number], { key: number; data: Buffer }>(
        'SELECT key, data FROM chunk WHERE key BETWEEN ? AND ? AND length(data) = 0',
      ),
      fill: db.prepare<[Buffer, number]>('UPDATE chunk SET data = ? WHERE key = ?'),
      setSealed: db.prepare<[string, number]>('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    };
    const sealed = db
      .prepare<[], { key: string; value: number }>("SELECT key, value FROM meta WHERE key LIKE 'sealed:%'")
      .all();
    for (const { key, value } of sealed) this.sealedBefore.set(Number(key.slice('sealed:'.length)), value);
  }

  /** The chunks of a series that overlap [fromMs, toMs], oldest first. */
  read(level: ChunkLevel, series: number, fromMs: number, toMs: number): Chunk[] {
    if (toMs < 0) return [];
    const first = chunkKey(series, level, chunkStart(fromMs, level));
    return this.stmt.read.all(first, chunkKey(series, level, toMs)).map(toChunk);
  }

  /** Deletes and returns the chunk holding `ts` when it lies in sealed time; the caller restores its rows. */
  takeBack(level: ChunkLevel, series: number, ts: number): Chunk | undefined {
    if (ts >= (this.sealedBefore.get(level.id) ?? -Infinity)) return undefined;
    const key = chunkKey(series, level, chunkStart(ts, level));
    const chunk = this.stmt.find.get(key);
    if (!chunk) return undefined;
    this.stmt.remove.run(key);
    return toChunk(chunk);
  }

  /**
   * Moves the level's boundary up to the last span that ended a grace ago, sealing every head row before it.
   * `head.rows` returns those rows sorted by series then time, `head.encode` makes one span's chunk, and
   * `head.drop` deletes them from the head. Nothing happens until a whole new span has closed.
   */
  seal<T extends HeadRow>(
    level: ChunkLevel,
    newestMs: number,
    head: {
      rows: (before: number) => T[];
      encode: (rows: T[], startMs: number) => Buffer;
      drop: (before: number) => void;
    },
  ): void {
    const before = chunkStart(newestMs - SEAL_GRACE_MS, level);
    if (before <= (this.sealedBefore.get(level.id) ?? -Infinity)) return;
    let span: T[] = [];
    const flush = () => {
      const first = span[0];
      if (first) {
        const startMs = chunkStart(first.ts, level);
        this.stmt.insert.run(chunkKey(first.series, level, startMs), head.encode(span, startMs));
      }
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

  /**
   * Empty chunks stand for spans whose buckets their raw points give back. Before raw points older than
   * `rawKeptFromMs` are pruned, `fill` gives data to every empty chunk of the level that starts before then; so
   * that this runs once a level's chunk width, not once a pass, it fills up to the next chunk boundary, and
   * `mayStayEmpty` refuses an empty chunk before it.
   */
  fillEmpty(
    level: ChunkLevel,
    series: Iterable<number>,
    rawKeptFromMs: number,
    fill: (series: number, chunk: Chunk) => Buffer,
  ): void {
    const before = Math.ceil(rawKeptFromMs / level.chunkMs) * level.chunkMs;
    if (before <= (this.filledBefore.get(level.id) ?? -Infinity)) return;
    for (const id of series)
      for (const row of this.stmt.empty.all(chunkKey(id, level, 0), chunkKey(id, level, before - 1)))
        this.stmt.fill.run(fill(id, toChunk(row)), row.key);
    this.filledBefore.set(level.id, before);
  }

  /** Whether a span sealed now may be an empty chunk: fillEmpty has not passed its start. */
  mayStayEmpty(level: ChunkLevel, startMs: number): boolean {
    return startMs >= (this.filledBefore.get(level.id) ?? Infinity);
  }

  /** Deletes the chunks whose whole span is older than `keptFromMs`; readers clip the rest. */
  prune(level: ChunkLevel, series: Iterable<number>, keptFromMs: number): void {
    const through = chunkStart(keptFromMs, level) - level.chunkMs;
    if (through < 0 || through <= (this.prunedThrough.get(level.id) ?? -Infinity)) return;
    for (const id of series) this.stmt.prune.run(chunkKey(id, level, 0), chunkKey(id, level, through));
    this.prunedThrough.set(level.id, through);
  }
}
