// The engine with --data. The durability set-up is the tsdb SqliteStore's: WAL with synchronous=FULL, and one
// transaction per acknowledged write, so a batch that returned survives kill -9.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Series } from '../carbonara/aggregate';
import type { MetricMeta, MetricState, StorageBackend } from './backend';
import { packChunk, packChunkRuns, packSeries, unpackChunk, unpackChunkRuns, unpackSeries } from './backend';

/** Distinct metas kept parsed at most (see `metaByText`). */
const MAX_DISTINCT_METAS = 1_024;

interface StateRow {
  meta: string;
  bound: Buffer;
}

export class SqliteBackend implements StorageBackend {
  private readonly stmt;
  /**
   * Every read and write needs its metric's meta, and nearly every metric has the same one (its policy's
   * timespans, expired up to the same splits): each distinct text is parsed once and its object shared. Keyed
   * by text, not by metric, it holds a few entries where a map per metric held a copy for each of the 40 800
   * capacity metrics of 20 000 VMs (about 80 MB).
   */
  private readonly metaByText = new Map<string, MetricMeta>();
  private readonly pack: typeof packChunk;
  private readonly unpack: typeof unpackChunk;

  static open(dir: string): SqliteBackend {
    mkdirSync(dir, { recursive: true });
    return new SqliteBackend(new Database(join(dir, 'metering.sqlite')));
  }

  constructor(private readonly db: Database.Database) {
    // Chunks are blobs of a few kilobytes: 16 kB pages keep each in one page instead of an overflow chain. Not
    // larger: a commit writes every page it changed to the WAL, and a capacity batch changes a page for each of
    // its metrics' series; 64 kB pages made a 1 000-VM pass 4.5 s instead of 2.6 s (API p99 56 → 33 ms) and
    // its files 112 MB instead of 59 (`recorder` bench). Only takes effect on a new database.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // A batch of a thousand measures writes some 80 MB of pages to the WAL, whose file then stays that size:
    // cut back to 16 MB once checkpointed.
    db.pragma('journal_size_limit = 16777216');
    // 8 MiB of page cache: a batch reads back the chunks it is about to rewrite, which it wrote a pass ago, so a
    // pass over a big infrastructure misses the cache whatever its size, and fills it for good: 64 MiB cost
    // that much resident memory.
    db.pragma('cache_size = -8192');
    // user_version 2: chunks packed as runs. A database made before that keeps the plain packing it was written with.
    const existed =
      db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'aggregate_chunk'").get() !== undefined;
    if (!existed) db.pragma('user_version = 2');
    const runs = db.pragma('user_version', { simple: true }) === 2;
    this.pack = runs ? packChunkRuns : packChunk;
    this.unpack = runs ? unpackChunkRuns : unpackChunk;
    db.exec(`
      CREATE TABLE IF NOT EXISTS metric_state (metric TEXT PRIMARY KEY, meta TEXT NOT NULL, bound BLOB NOT NULL)
        WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS aggregate_chunk (metric TEXT NOT NULL, granularity INTEGER NOT NULL,
        method TEXT NOT NULL, chunk INTEGER NOT NULL, data BLOB NOT NULL,
        PRIMARY KEY (metric, granularity, method, chunk)) WITHOUT ROWID;
    `);
    this.stmt = {
      getState: db.prepare<[string], StateRow>('SELECT meta, bound FROM metric_state WHERE metric = ?'),
      getMeta: db.prepare<[string], { meta: string }>('SELECT meta FROM metric_state WHERE metric = ?'),
      putState: db.prepare<[string, string, Buffer]>(
        'INSERT OR REPLACE INTO metric_state (metric, meta, bound) VALUES (?, ?, ?)',
      ),
      getChunk: db.prepare<[string, number, string, number], { data: Buffer }>(
        'SELECT data FROM aggregate_chunk WHERE metric = ? AND granularity = ? AND method = ? AND chunk = ?',
      ),
      putChunk: db.prepare<[string, number, string, number, Buffer]>(
        'INSERT OR REPLACE INTO aggregate_chunk (metric, granularity, method, chunk, data) VALUES (?, ?, ?, ?, ?)',
      ),
      deleteChunk: db.prepare<[string, number, string, number]>(
        'DELETE FROM aggregate_chunk WHERE metric = ? AND granularity = ? AND method = ? AND chunk = ?',
      ),
      deleteChunksBelow: db.prepare<[string, number, string, number]>(
        'DELETE FROM aggregate_chunk WHERE metric = ? AND granularity = ? AND method = ? AND chunk < ?',
      ),
      listChunks: db.prepare<[string, number, string, number, number], { chunk: number; data: Buffer }>(
        `SELECT chunk, data FROM aggregate_chunk WHERE metric = ? AND granularity = ? AND method = ? AND chunk >= ?
           AND chunk <= ? ORDER BY chunk`,
      ),
      deleteMetricState: db.prepare<[string]>('DELETE FROM metric_state WHERE metric = ?'),
      deleteMetricChunks: db.prepare<[string]>('DELETE FROM aggregate_chunk WHERE metric = ?'),
    };
  }

  getState(metricId: string): MetricState | undefined {
    const row = this.stmt.getState.get(metricId);
    if (!row) return undefined;
    return { meta: this.parseMeta(row.meta), bound: unpackSeries(row.bound) };
  }

  getMeta(metricId: string): MetricMeta | undefined {
    const row = this.stmt.getMeta.get(metricId);
    return row ? this.parseMeta(row.meta) : undefined;
  }

  private parseMeta(text: string): MetricMeta {
    const cached = this.metaByText.get(text);
    if (cached) return cached;
    // Metas that differ (policies changed, metrics expired at other splits) are few; should they not be, the
    // map starts again rather than grow.
    if (this.metaByText.size >= MAX_DISTINCT_METAS) this.metaByText.clear();
    const meta = JSON.parse(text) as MetricMeta;
    this.metaByText.set(text, meta);
    return meta;
  }

  putState(metricId: string, state: MetricState): void {
    this.stmt.putState.run(metricId, JSON.stringify(state.meta), packSeries(state.bound));
  }

  getChunk(metricId: string, granularityUs: number, method: string, chunk: number): Series | undefined {
    const row = this.stmt.getChunk.get(metricId, granularityUs, method, chunk);
    return row ? this.unpack(row.data, granularityUs, chunk) : undefined;
  }

  putChunk(metricId: string, granularityUs: number, method: string, chunk: number, series: Series): void {
    if (series.timestamps.length === 0) this.stmt.deleteChunk.run(metricId, granularityUs, method, chunk);
    else
      this.stmt.putChunk.run(metricId, granularityUs, method, chunk, this.pack(series, granularityUs, chunk));
  }

  deleteChunksBelow(metricId: string, granularityUs: number, method: string, chunk: number): void {
    this.stmt.deleteChunksBelow.run(metricId, granularityUs, method, chunk);
  }

  listChunks(
    metricId: string,
    granularityUs: number,
    method: string,
    fromChunk: number,
    toChunk: number,
  ): Series[] {
    // SQLite integers stop at ±2^63; the unbounded ends of a read are clamped to safe integers.
    const from = Math.max(fromChunk, Number.MIN_SAFE_INTEGER);
    const to = Math.min(toChunk, Number.MAX_SAFE_INTEGER);
    return this.stmt.listChunks
      .all(metricId, granularityUs, method, from, to)
      .map((row) => this.unpack(row.data, granularityUs, row.chunk));
  }

  deleteMetric(metricId: string): void {
    this.transaction(() => {
      this.stmt.deleteMetricState.run(metricId);
      this.stmt.deleteMetricChunks.run(metricId);
    });
  }

  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }
}
