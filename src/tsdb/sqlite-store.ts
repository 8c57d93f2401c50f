import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RollupLevel } from './rollup-levels';
import {
  chooseReadSource,
  DEFAULT_RAW_RETENTION_MS,
  DEFAULT_ROLLUP_LEVELS,
  keptFromMs,
} from './rollup-levels';
import { NameIndex } from './name-index';
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
// write and old rows pruned by age, which keeps a year of thousands of series small.

export interface SqliteStoreOptions {
  readonly levels?: readonly RollupLevel[];
  readonly rawRetentionMs?: number;
  /** Clock used to cap the store's notion of "now" against points stamped in the future. */
  readonly now?: () => number;
}

interface SeriesRow {
  id: number;
  metric: string;
  tags: string;
}

const PRUNE_EVERY_MS = 10 * 60_000;

export class SqliteStore implements TsdbStore {
  private readonly seriesByKey = new Map<string, { id: number; ref: SeriesRef }>();
  private readonly byMetric = new Map<string, SeriesRef[]>();
  private readonly names = new NameIndex();
  private readonly levels: readonly RollupLevel[];
  private readonly rawRetentionMs: number;
  private readonly now: () => number;
  private newestMs: number;
  private lastPruneMs = 0;
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
      setNewest: db.prepare<[number]>("INSERT OR REPLACE INTO meta (key, value) VALUES ('newest', ?)"),
      pruneRaw: db.prepare<[number, number]>('DELETE FROM raw WHERE series = ? AND ts < ?'),
      pruneRollup: db.prepare<[number, number, number]>(
        'DELETE FROM rollup WHERE level = ? AND series = ? AND ts < ?',
      ),
    };
    for (const row of db.prepare<[], SeriesRow>('SELECT id, metric, tags FROM series').all()) {
      this.remember(row.id, { metric: row.metric, tags: JSON.parse(row.tags) as Record<string, string> });
    }
    const newest = db.prepare<[], { value: number }>("SELECT value FROM meta WHERE key = 'newest'").get();
    this.newestMs = newest?.value ?? 0;
  }

  private remember(id: number, ref: SeriesRef): void {
    this.seriesByKey.set(seriesKey(ref), { id, ref });
    const list = this.byMetric.get(ref.metric);
    if (list) list.push(ref);
    else this.byMetric.set(ref.metric, [ref]);
    this.names.addSeries(ref);
  }

  /** Inserts an unknown series; it is remembered in `created` until its transaction commits. */
  private seriesId(p: SeriesRef, created: Map<string, { id: number; ref: SeriesRef }>): number {
    const key = seriesKey(p);
    const known = this.seriesByKey.get(key) ?? created.get(key);
    if (known) return known.id;
    const ref = { metric: p.metric, tags: { ...p.tags } };
    const id = Number(this.stmt.insertSeries.run(key, ref.metric, JSON.stringify(ref.tags)).lastInsertRowid);
    created.set(key, { id, ref });
    return id;
  }

  findSeries(metric: string): Promise<readonly SeriesRef[]> {
    return Promise.resolve(this.byMetric.get(metric) ?? []);
  }

  readSeries(series: SeriesRef, window: ReadWindow): Promise<SeriesData> {
    const id = this.seriesByKey.get(seriesKey(series))?.id;
    if (id === undefined) return Promise.resolve({ kind: 'raw', points: [] });
    const source = chooseReadSource(window, this.newestMs, this.rawRetentionMs, this.levels);
    if (source.kind === 'raw') {
      const points: DataPoint[] = this.stmt.readRaw
        .all(id, window.startMs, window.endMs)
        .map((r) => ({ ts: r.ts, value: r.value, isInteger: r.is_int === 1 }));
      return Promise.resolve({ kind: 'raw', points });
    }
    const buckets = this.stmt.readRollup.all(source.level.id, id, window.startMs, window.endMs);
    return Promise.resolve({ kind: 'rollup', intervalMs: source.level.intervalMs, buckets });
  }

  write(points: readonly IncomingPoint[]): Promise<void> {
    // New series rows commit with the points that need them; memory learns of them only after the commit.
    const created = new Map<string, { id: number; ref: SeriesRef }>();
    this.newestMs = this.db.transaction(() => {
      let newest = this.newestMs;
      for (const p of points) {
        const id = this.seriesId(p, created);
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
    this.pruneIfDue();
    return Promise.resolve();
  }

  /** Deletes rows past their level's retention, at most every few minutes. */
  private pruneIfDue(): void {
    const clock = this.now();
    if (clock - this.lastPruneMs < PRUNE_EVERY_MS) return;
    this.lastPruneMs = clock;
    this.db.transaction(() => {
      for (const { id } of this.seriesByKey.values()) {
        this.stmt.pruneRaw.run(id, keptFromMs(this.newestMs, this.rawRetentionMs));
        for (const level of this.levels) {
          this.stmt.pruneRollup.run(level.id, id, keptFromMs(this.newestMs, level.retentionMs));
        }
      }
    })();
  }

  hasMetric(metric: string): Promise<boolean> {
    return Promise.resolve(this.names.has('metrics', metric));
  }

  suggest(kind: NameKind, prefix: string, max: number): Promise<readonly string[]> {
    return Promise.resolve(this.names.suggest(kind, prefix, max));
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
