import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { RollupLevel } from './rollup-levels';
import {
  chooseReadSource,
  DEFAULT_RAW_RETENTION_MS,
  DEFAULT_ROLLUP_LEVELS,
  keptFromMs,
  RAW_CHUNK_MS,
  RAW_LEVEL_ID,
} from './rollup-levels';
import { decodeBuckets, decodePoints, encodeBuckets, encodePoints } from './chunk-codec';
import { NameIndex } from './name-index';
import { SealedChunks, type Chunk, type ChunkLevel, type LevelPass } from './sealed-chunks';
import { SeriesIndex } from './series-index';
import type {
  DataPoint,
  IncomingPoint,
  NameKind,
  ReadWindow,
  RollupBucket,
  SeriesData,
  SeriesRef,
  TsdbStore,
} from './store';
import { seriesKey } from './store';

// The persistent store (`--data DIR`). Each put is one SQLite transaction in WAL mode with synchronous=FULL,
// committed before the HTTP answer, so an acknowledged point survives kill -9. Rollups are maintained on
// write and old rows pruned by age; closed spans are sealed into compressed chunks (sealed-chunks.ts), which
// keeps a year of thousands of series small. That maintenance runs in the background, series by series, a few
// milliseconds a transaction with the event loop free between two: at 20 000 VMs (260 000 series) one pass is
// tens of seconds of work, which in one transaction would stop the server's thread as long. A database
// written before chunks existed is all head: the pass at open seals it.

export interface SqliteStoreOptions {
  readonly levels?: readonly RollupLevel[];
  readonly rawRetentionMs?: number;
  /** Clock used to cap the store's notion of "now" against points stamped in the future. */
  readonly now?: () => number;
  /** Where a failed maintenance pass is told; the next pass, ten minutes on, tries again. */
  readonly onMaintenanceError?: (error: unknown) => void;
  /** A maintenance transaction's work before it commits and yields (10 ms); 0 makes it one series a step. */
  readonly maintenanceStepMs?: number;
}

interface SeriesRow {
  id: number;
  metric: string;
  tags: string;
}

interface RawRow {
  ts: number;
  value: number;
  is_int: number;
}

/** What one maintenance pass does, decided at its start from the newest point then. */
interface MaintenancePlan {
  readonly raw: LevelPass;
  readonly rawKeptFromMs: number;
  readonly levels: readonly {
    readonly level: RollupLevel;
    readonly keptFromMs: number;
    readonly pass: LevelPass;
  }[];
}

const MAINTAIN_EVERY_MS = 10 * 60_000;
/** A maintenance transaction's work, after which it commits and yields: a request waits little more than this. */
const MAINTENANCE_STEP_MS = 10;
const RAW_LEVEL: ChunkLevel = { id: RAW_LEVEL_ID, chunkMs: RAW_CHUNK_MS };

const toPoint = (r: RawRow): DataPoint => ({
  ts: r.ts,
  value: r.value,
  isInteger: r.is_int === 1,
});
const hasWork = (pass: LevelPass) =>
  pass.pruneThrough !== undefined || pass.fillBefore !== undefined || pass.sealBefore !== undefined;

/** The chunk of a level whose buckets its raw points give back. */
const DERIVED = Buffer.alloc(0);

/** Buckets as the write path sums them: in time order, one point after the other. */
function bucketize(points: readonly DataPoint[], intervalMs: number): RollupBucket[] {
  const buckets: { ts: number; count: number; sum: number; min: number; max: number }[] = [];
  for (const p of points) {
    const ts = p.ts - (p.ts % intervalMs);
    const last = buckets[buckets.length - 1];
    if (last?.ts === ts) {
      last.count++;
      last.sum += p.value;
      last.min = Math.min(last.min, p.value);
      last.max = Math.max(last.max, p.value);
    } else buckets.push({ ts, count: 1, sum: p.value, min: p.value, max: p.value });
  }
  return buckets;
}

function sameBuckets(a: readonly RollupBucket[], b: readonly RollupBucket[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return (
        y !== undefined &&
        (['ts', 'count', 'sum', 'min', 'max'] as const).every((field) => Object.is(x[field], y[field]))
      );
    })
  );
}

/** Sealed entries then head rows, within the window: spans never overlap, but a reopened one sorts between. */
function within<T extends { ts: number }>(sealed: T[], head: T[], fromMs: number, toMs: number): T[] {
  const all = sealed.filter((e) => e.ts >= fromMs && e.ts <= toMs);
  const last = all[all.length - 1];
  all.push(...head);
  return last && head[0] && head[0].ts < last.ts ? all.sort((a, b) => a.ts - b.ts) : all;
}

export class SqliteStore implements TsdbStore {
  private readonly series = new SeriesIndex();
  private readonly names = new NameIndex();
  private readonly levels: readonly RollupLevel[];
  private readonly rawRetentionMs: number;
  private readonly now: () => number;
  private newestMs: number;
  private lastMaintainedMs = 0;
  /** Set from a pass's start to its last step, synchronously, so that a write just after it starts the next. */
  private maintaining = false;
  /** The last maintenance pass: it settles once it has gone through every series, failed or stopped. */
  private pass: Promise<void> = Promise.resolve();
  private closing = false;
  private readonly onMaintenanceError: (error: unknown) => void;
  private readonly maintenanceStepMs: number;
  private readonly chunks: SealedChunks;
  private readonly stmt;

  static open(dir: string, options: SqliteStoreOptions = {}): SqliteStore {
    mkdirSync(dir, { recursive: true });
    return new SqliteStore(new Database(join(dir, 'tsdb.sqlite')), options);
  }

  constructor(
    private readonly db: Database.Database,
    options: SqliteStoreOptions = {},
  ) {
    this.levels = options.levels ?? DEFAULT_ROLLUP_LEVELS;
    this.rawRetentionMs = options.rawRetentionMs ?? DEFAULT_RAW_RETENTION_MS;
    this.now = options.now ?? Date.now;
    this.onMaintenanceError =
      options.onMaintenanceError ?? ((error) => console.error('tsdb: maintenance pass failed', error));
    this.maintenanceStepMs = options.maintenanceStepMs ?? MAINTENANCE_STEP_MS;
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, metric TEXT NOT NULL, tags TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS raw (series INTEGER NOT NULL, ts INTEGER NOT NULL, value NOT NULL, is_int INTEGER NOT NULL,
        PRIMARY KEY (series, ts)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS rollup (level INTEGER NOT NULL, series INTEGER NOT NULL, ts INTEGER NOT NULL,
        count INTEGER NOT NULL, sum REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL,
        PRIMARY KEY (level, series, ts)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    `);
    this.chunks = new SealedChunks(db);
    this.stmt = {
      insertSeries: db.prepare<[string, string, string]>(
        'INSERT INTO series (key, metric, tags) VALUES (?, ?, ?)',
      ),
      oldValue: db.prepare<[number, number], { value: number }>(
        'SELECT value FROM raw WHERE series = ? AND ts = ?',
      ),
      putRaw: db.prepare<[number, number, number, number]>(
        'INSERT OR REPLACE INTO raw (series, ts, value, is_int) VALUES (?, ?, ?, ?)',
      ),
      addRollup: db.prepare<[number, number, number, number, number, number]>(`
        INSERT INTO rollup (level, series, ts, count, sum, min, max) VALUES (?, ?, ?, 1, ?, ?, ?)
        ON CONFLICT (level, series, ts) DO UPDATE SET count = count + 1, sum = sum + excluded.sum,
          min = min(min, excluded.min), max = max(max, excluded.max)`),
      replaceInRollup: db.prepare<[number, number, number, number, number, number, number]>(`
        UPDATE rollup SET sum = sum - ? + ?, min = min(min, ?), max = max(max, ?) WHERE level = ? AND series = ? AND ts = ?`),
      readRaw: db.prepare<[number, number, number], { ts: number; value: number; is_int: number }>(
        'SELECT ts, value, is_int FROM raw WHERE series = ? AND ts BETWEEN ? AND ? ORDER BY ts',
      ),
      readRollup: db.prepare<[number, number, number, number], RollupBucket>(
        'SELECT ts, count, sum, min, max FROM rollup WHERE level = ? AND series = ? AND ts BETWEEN ? AND ? ORDER BY ts',
      ),
      restoreRollup: db.prepare<[number, number, number, number, number, number, number]>(
        'INSERT INTO rollup (level, series, ts, count, sum, min, max) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      setNewest: db.prepare<[number]>("INSERT OR REPLACE INTO meta (key, value) VALUES ('newest', ?)"),
      pruneRaw: db.prepare<[number, number]>('DELETE FROM raw WHERE series = ? AND ts < ?'),
      pruneRollup: db.prepare<[number, number, number]>(
        'DELETE FROM rollup WHERE level = ? AND series = ? AND ts < ?',
      ),
      rawBefore: db.prepare<[number, number], RawRow>(
        'SELECT ts, value, is_int FROM raw WHERE series = ? AND ts < ? ORDER BY ts',
      ),
      rollupBefore: db.prepare<[number, number, number], RollupBucket>(
        'SELECT ts, count, sum, min, max FROM rollup WHERE level = ? AND series = ? AND ts < ? ORDER BY ts',
      ),
    };
    for (const row of db.prepare<[], SeriesRow>('SELECT id, metric, tags FROM series').all()) {
      this.remember(row.id, { metric: row.metric, tags: JSON.parse(row.tags) as Record<string, string> });
    }
    const newest = db.prepare<[], { value: number }>("SELECT value FROM meta WHERE key = 'newest'").get();
    this.newestMs = newest?.value ?? 0;
    this.startMaintenance();
  }

  private remember(id: number, ref: SeriesRef): void {
    this.names.addSeries(this.series.add(id, ref));
  }

  /** Inserts an unknown series; it is remembered in `created` until its transaction commits. */
  private seriesId(p: SeriesRef, created: Map<string, { id: number; ref: SeriesRef }>): number {
    const known = this.series.idOf(p);
    if (known !== undefined) return known;
    const key = seriesKey(p);
    const just = created.get(key);
    if (just) return just.id;
    const ref = { metric: p.metric, tags: { ...p.tags } };
    const id = Number(this.stmt.insertSeries.run(key, ref.metric, JSON.stringify(ref.tags)).lastInsertRowid);
    created.set(key, { id, ref });
    return id;
  }

  findSeries(metric: string): Promise<readonly SeriesRef[]> {
    return Promise.resolve(this.series.ofMetric(metric));
  }

  readSeries(series: SeriesRef, window: ReadWindow): Promise<SeriesData> {
    const id = this.series.idOf(series);
    if (id === undefined) return Promise.resolve({ kind: 'raw', points: [] });
    const source = chooseReadSource(window, this.newestMs, this.rawRetentionMs, this.levels);
    // Chunks are pruned whole, so a read clips what pruning row by row would have deleted.
    const retentionMs = source.kind === 'raw' ? this.rawRetentionMs : source.level.retentionMs;
    const fromMs = Math.max(window.startMs, keptFromMs(this.newestMs, retentionMs));
    if (source.kind === 'raw')
      return Promise.resolve({ kind: 'raw', points: this.rawPoints(id, fromMs, window.endMs) });
    const { level } = source;
    const sealed = this.bucketsOf(this.chunks.read(level, id, fromMs, window.endMs), id, level);
    const head = this.stmt.readRollup.all(level.id, id, fromMs, window.endMs);
    const buckets = within(sealed, head, fromMs, window.endMs);
    return Promise.resolve({ kind: 'rollup', intervalMs: source.level.intervalMs, buckets });
  }

  private rawPoints(id: number, fromMs: number, toMs: number): DataPoint[] {
    const sealed = this.chunks
      .read(RAW_LEVEL, id, fromMs, toMs)
      .flatMap((c) => decodePoints(c.data, c.startMs));
    return within(sealed, this.stmt.readRaw.all(id, fromMs, toMs).map(toPoint), fromMs, toMs);
  }

  /**
   * Sealed spans' buckets, oldest first: stored, or computed again from the raw points when sealing found them
   * alike, one read of raw points for each run of adjacent empty chunks (no bucket straddles two spans).
   */
  private bucketsOf(chunks: readonly Chunk[], id: number, level: RollupLevel): RollupBucket[] {
    const buckets: RollupBucket[] = [];
    let empty: { fromMs: number; toMs: number } | undefined;
    const derive = () => {
      if (empty) buckets.push(...bucketize(this.rawPoints(id, empty.fromMs, empty.toMs), level.intervalMs));
      empty = undefined;
    };
    for (const chunk of chunks) {
      const toMs = chunk.startMs + level.chunkMs - 1;
      if (chunk.data.length > 0) {
        derive();
        buckets.push(...decodeBuckets(chunk.data, chunk.startMs));
      } else if (empty?.toMs === chunk.startMs - 1) empty.toMs = toMs;
      else {
        derive();
        empty = { fromMs: chunk.startMs, toMs };
      }
    }
    derive();
    return buckets;
  }

  /** A level whose chunks are pruned before the raw points they span (the 5-minute one). */
  private outlivedByRaw(level: RollupLevel): boolean {
    return level.retentionMs + level.chunkMs <= this.rawRetentionMs;
  }

  /**
   * Whether a level's spans are worth checking against their raw points: at least four fit in the raw
   * retention (the 5- and 30-minute levels), so several of them are empty at a time; the check bucketizes a
   * span's raw points, which for the 2-hour level's 2-day spans would cost more than the one it would empty.
   */
  private worthEmptying(level: RollupLevel): boolean {
    return 4 * level.chunkMs <= this.rawRetentionMs;
  }

  /**
   * A span whose raw points are still kept is sealed as an empty chunk when its buckets are, bit for bit, what
   * its raw points sum to in time order: the usual case, when points came in order and none was overwritten.
   * Anything else is stored. Empty chunks of a level that outlives raw points are filled before those go.
   */
  private encodeRollup(buckets: RollupBucket[], id: number, startMs: number, level: RollupLevel): Buffer {
    const rawStillKept = this.outlivedByRaw(level) || this.chunks.mayStayEmpty(level, startMs);
    if (this.worthEmptying(level) && rawStillKept) {
      const derived = bucketize(this.rawPoints(id, startMs, startMs + level.chunkMs - 1), level.intervalMs);
      if (sameBuckets(buckets, derived)) return DERIVED;
    }
    return encodeBuckets(buckets, startMs);
  }

  /** Brings the sealed spans a point falls in (raw, and its bucket at each level) back into the head. */
  private reopen(id: number, ts: number): void {
    const raw = this.chunks.takeBack(RAW_LEVEL, id, ts);
    if (raw)
      for (const p of decodePoints(raw.data, raw.startMs))
        this.stmt.putRaw.run(id, p.ts, p.value, p.isInteger ? 1 : 0);
    for (const level of this.levels) {
      const chunk = this.chunks.takeBack(level, id, ts - (ts % level.intervalMs));
      if (!chunk) continue;
      for (const b of this.bucketsOf([chunk], id, level))
        this.stmt.restoreRollup.run(level.id, id, b.ts, b.count, b.sum, b.min, b.max);
    }
  }

  write(points: readonly IncomingPoint[]): Promise<void> {
    // New series rows commit with the points that need them; memory learns of them only after the commit.
    const created = new Map<string, { id: number; ref: SeriesRef }>();
    this.newestMs = this.db.transaction(() => {
      let newest = this.newestMs;
      for (const p of points) {
        const id = this.seriesId(p, created);
        this.reopen(id, p.ts);
        const old = this.stmt.oldValue.get(id, p.ts);
        this.stmt.putRaw.run(id, p.ts, p.value, p.isInteger ? 1 : 0);
        for (const level of this.levels) {
          const bucket = p.ts - (p.ts % level.intervalMs);
          if (old) this.stmt.replaceInRollup.run(old.value, p.value, p.value, p.value, level.id, id, bucket);
          else this.stmt.addRollup.run(level.id, id, bucket, p.value, p.value, p.value);
        }
        if (p.ts > newest) newest = p.ts;
      }
      // A point stamped in the future must not age everything else out.
      const capped = Math.min(newest, Math.max(this.now(), this.newestMs));
      this.stmt.setNewest.run(capped);
      return capped;
    })();
    for (const { id, ref } of created.values()) this.remember(id, ref);
    if (this.now() - this.lastMaintainedMs >= MAINTAIN_EVERY_MS) this.startMaintenance();
    return Promise.resolve();
  }

  /** Resolves once the maintenance pass under way, if any, is over. */
  maintained(): Promise<void> {
    return this.pass;
  }

  private startMaintenance(): void {
    if (this.maintaining) return;
    this.maintaining = true;
    this.lastMaintainedMs = this.now();
    this.pass = this.maintain().catch(this.onMaintenanceError);
  }

  /**
   * Deletes what is past its level's retention, fills the empty chunks whose raw points go next and seals the
   * spans that closed since the last pass, series by series: a transaction holds as many series as its step's
   * milliseconds allow. Each series is consistent at every commit, and a write into a span the pass
   * sealed takes it back, so reads and writes go on between two steps.
   */
  private async maintain(): Promise<void> {
    try {
      const plan = this.db.transaction(() => this.planMaintenance())();
      if (!plan) return;
      const ids = this.series.ids();
      let next = 0;
      while (next < ids.length) {
        if (this.closing) return;
        const stepEnd = performance.now() + this.maintenanceStepMs;
        this.unacknowledged(() => {
          do this.maintainSeries(plan, ids[next++]!);
          while (next < ids.length && performance.now() < stepEnd);
        });
        await setImmediate();
      }
      this.db.transaction(() => this.chunks.passEnded([plan.raw, ...plan.levels.map((l) => l.pass)]))();
    } finally {
      this.maintaining = false;
    }
  }

  /**
   * A transaction nobody waits on, committed without its own fsync: the WAL keeps transactions in order, so the
   * next acknowledged write's fsync makes it durable too, and a power cut before that leaves the store as it was
   * one or more steps earlier, each of which is consistent; a pass cut short is done again.
   */
  private unacknowledged(work: () => void): void {
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(work)();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  private planMaintenance(): MaintenancePlan | undefined {
    const newestMs = this.newestMs;
    const rawKeptFromMs = keptFromMs(newestMs, this.rawRetentionMs);
    const levels = this.levels.map((level) => {
      const levelKeptFromMs = keptFromMs(newestMs, level.retentionMs);
      const pass = this.chunks.begin(level, {
        newestMs,
        keptFromMs: levelKeptFromMs,
        rawKeptFromMs: this.outlivedByRaw(level) ? undefined : rawKeptFromMs,
      });
      return { level, keptFromMs: levelKeptFromMs, pass };
    });
    const raw = this.chunks.begin(RAW_LEVEL, { newestMs, keptFromMs: rawKeptFromMs });
    if (!hasWork(raw) && !levels.some((l) => hasWork(l.pass))) return undefined;
    this.chunks.passStarted();
    return { raw, rawKeptFromMs, levels };
  }

  private maintainSeries(plan: MaintenancePlan, id: number): void {
    for (const { level, keptFromMs: levelKeptFromMs, pass } of plan.levels) {
      if (pass.pruneThrough !== undefined) this.stmt.pruneRollup.run(level.id, id, levelKeptFromMs);
      this.chunks.prune(pass, id);
    }
    // Levels are pruned first, so only the chunks they keep are filled before the raw points under them go.
    for (const { level, pass } of plan.levels)
      this.chunks.fillEmpty(pass, id, (chunk) =>
        encodeBuckets(this.bucketsOf([chunk], id, level), chunk.startMs),
      );
    if (plan.raw.pruneThrough !== undefined) this.stmt.pruneRaw.run(id, plan.rawKeptFromMs);
    this.chunks.prune(plan.raw, id);
    this.chunks.seal(plan.raw, id, {
      rows: (before) => this.stmt.rawBefore.all(id, before),
      encode: (rows, startMs) => encodePoints(rows.map(toPoint), startMs),
      drop: (before) => this.stmt.pruneRaw.run(id, before),
    });
    for (const { level, pass } of plan.levels)
      this.chunks.seal(pass, id, {
        rows: (before) => this.stmt.rollupBefore.all(level.id, id, before),
        encode: (buckets, startMs) => this.encodeRollup(buckets, id, startMs, level),
        drop: (before) => this.stmt.pruneRollup.run(level.id, id, before),
      });
  }

  hasMetric(metric: string): Promise<boolean> {
    return Promise.resolve(this.names.has('metrics', metric));
  }

  suggest(kind: NameKind, prefix: string, max: number): Promise<readonly string[]> {
    return Promise.resolve(this.names.suggest(kind, prefix, max));
  }

  /** Stops the maintenance pass at its next step (the next open does it again) and closes the database. */
  async close(): Promise<void> {
    this.closing = true;
    await this.pass;
    if (this.db.open) this.db.close();
  }
}
