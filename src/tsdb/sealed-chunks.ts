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

/** What one maintenance pass does at a level, decided at its start; a field left out has nothing to do. */
export interface LevelPass {
  readonly level: ChunkLevel;
  /** Chunks that start at or before this are deleted: their whole span is past the level's retention. */
  readonly pruneThrough?: number;
  /** Empty chunks that start before this are given their data. */
  readonly fillBefore?: number;
  /** Head rows before this are sealed into chunks. */
  readonly sealBefore?: number;
}

export interface LevelPassBounds {
  readonly newestMs: number;
  /** The level's retention bound: what starts before it may be pruned. */
  readonly keptFromMs: number;
  /** For a level whose empty chunks stand on raw points: the raw retention bound. */
  readonly rawKeptFromMs?: number;
}

const SEALED = 'sealed:';
/** Present while a pass is under way: a pass cut short (a crash, a close) is done again in full at open. */
const PASS_UNDER_WAY = 'pass';

export class SealedChunks {
  /**
   * Per level, the time before which a span may be sealed, for some series or all: set when a pass that moves
   * it starts, so a write in it during the pass or after a crash looks for a chunk to take back.
   */
  private readonly sealedBefore = new Map<number, number>();
  /** Per level, the boundary the last complete pass sealed every series up to. */
  private readonly sealedAllBefore = new Map<number, number>();
  /** Per level, the last chunk start a prune deleted through: a prune waits for a whole chunk to age. */
  private readonly prunedThrough = new Map<number, number>();
  /** Per level, the time before which no chunk is empty: their raw points were, or are about to be, pruned. */
  private readonly filledBefore = new Map<number, number>();
  /** Whether a pass started and did not end (a crash, a close, an error): the next does it all again. */
  private cutShort: boolean;
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
      setMark: db.prepare<[string, number]>('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      clearMark: db.prepare<[string]>('DELETE FROM meta WHERE key = ?'),
    };
    const marks = db.prepare<[], { key: string; value: number }>('SELECT key, value FROM meta').all();
    for (const { key, value } of marks)
      if (key.startsWith(SEALED)) this.sealedBefore.set(Number(key.slice(SEALED.length)), value);
    this.cutShort = marks.some((m) => m.key === PASS_UNDER_WAY);
    if (!this.cutShort)
      for (const [level, before] of this.sealedBefore) this.sealedAllBefore.set(level, before);
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
   * What a pass over every series does at a level, and the marks that must hold while it runs (call in a
   * transaction, before the first series): a prune waits for a whole chunk to age; a fill covers up to the next
   * chunk boundary past the raw retention, so that it runs once a chunk width, not once a pass, and
   * `mayStayEmpty` refuses an empty chunk before it; a seal moves the boundary to the last span that ended a
   * grace ago, once a whole new span has closed.
   */
  begin(level: ChunkLevel, bounds: LevelPassBounds): LevelPass {
    const was = (marks: Map<number, number>) =>
      this.cutShort ? -Infinity : (marks.get(level.id) ?? -Infinity);
    const through = chunkStart(bounds.keptFromMs, level) - level.chunkMs;
    const pruneThrough = through >= 0 && through > was(this.prunedThrough) ? through : undefined;
    const fillTo =
      bounds.rawKeptFromMs === undefined
        ? undefined
        : Math.ceil(bounds.rawKeptFromMs / level.chunkMs) * level.chunkMs;
    const fillBefore = fillTo !== undefined && fillTo > was(this.filledBefore) ? fillTo : undefined;
    const sealTo = chunkStart(bounds.newestMs - SEAL_GRACE_MS, level);
    const sealBefore = sealTo > was(this.sealedAllBefore) ? sealTo : undefined;
    if (fillBefore !== undefined) this.filledBefore.set(level.id, fillBefore);
    if (sealBefore !== undefined && sealBefore > (this.sealedBefore.get(level.id) ?? -Infinity)) {
      this.stmt.setMark.run(`${SEALED}${level.id}`, sealBefore);
      this.sealedBefore.set(level.id, sealBefore);
    }
    return { level, pruneThrough, fillBefore, sealBefore };
  }

  /** Marks a pass under way, before its first series: one cut short is done again by the next, or at open. */
  passStarted(): void {
    this.stmt.setMark.run(PASS_UNDER_WAY, 1);
    this.cutShort = true;
  }

  /** The levels' passes went through every series: the marks that let the next pass skip what is done. */
  passEnded(passes: readonly LevelPass[]): void {
    for (const { level, pruneThrough, sealBefore } of passes) {
      if (pruneThrough !== undefined) this.prunedThrough.set(level.id, pruneThrough);
      if (sealBefore !== undefined) this.sealedAllBefore.set(level.id, sealBefore);
    }
    this.stmt.clearMark.run(PASS_UNDER_WAY);
    this.cutShort = false;
  }

  /** Deletes the series' chunks whose whole span is past retention; readers clip the rest. */
  prune(pass: LevelPass, series: number): void {
    if (pass.pruneThrough === undefined) return;
    this.stmt.prune.run(chunkKey(series, pass.level, 0), chunkKey(series, pass.level, pass.pruneThrough));
  }

  /**
   * Empty chunks stand for spans whose buckets their raw points give back. Before those raw points are pruned,
   * `fill` gives data to the series' empty chunks that start before the pass's bound.
   */
  fillEmpty(pass: LevelPass, series: number, fill: (chunk: Chunk) => Buffer): void {
    if (pass.fillBefore === undefined) return;
    const { level, fillBefore } = pass;
    for (const row of this.stmt.empty.all(
      chunkKey(series, level, 0),
      chunkKey(series, level, fillBefore - 1),
    ))
      this.stmt.fill.run(fill(toChunk(row)), row.key);
  }

  /** Whether a span sealed now may be an empty chunk: no fill has passed its start. */
  mayStayEmpty(level: ChunkLevel, startMs: number): boolean {
    return startMs >= (this.filledBefore.get(level.id) ?? Infinity);
  }

  /**
   * Seals the series' head rows before the pass's boundary, a chunk a span: `head.rows` returns them in time
   * order, `head.encode` makes one span's chunk, and `head.drop` deletes them from the head.
   */
  seal<T extends { readonly ts: number }>(
    pass: LevelPass,
    series: number,
    head: {
      rows: (before: number) => T[];
      encode: (rows: T[], startMs: number) => Buffer;
      drop: (before: number) => void;
    },
  ): void {
    const { level, sealBefore } = pass;
    if (sealBefore === undefined) return;
    const rows = head.rows(sealBefore);
    if (rows.length === 0) return;
    let from = 0;
    for (let i = 1; i <= rows.length; i++) {
      const startMs = chunkStart(rows[from]!.ts, level);
      if (i < rows.length && chunkStart(rows[i]!.ts, level) === startMs) continue;
      this.stmt.insert.run(chunkKey(series, level, startMs), head.encode(rows.slice(from, i), startMs));
      from = i;
    }
    head.drop(sealBefore);
  }
}
