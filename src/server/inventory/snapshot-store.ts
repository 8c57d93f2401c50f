import { once } from 'node:events';
import { createGzip, gunzipSync } from 'node:zlib';
import { yieldToEventLoop } from '../event-loop/pacer';
import type { Database } from '../db/database';
import type { Log } from '../logging';
import type { SavedValue, SnapshotStore } from './refreshing-cache';

// The inventory caches' last good values in the server's database, so a restart while OVH is down still has
// data to serve. A 10 000-VM list is about 20 MB of JSON: it is written once per refresh, after the readers
// waiting for that refresh have their answer, gzipped to a twelfth of that on libuv's thread pool, and
// stringified a slice at a time so that the requests arriving meanwhile are not held up behind it. Values are
// checked against today's schemas when read back, so an upgrade never serves a shape the SPA rejects.

/** Rows stringified between two turns of the event loop: about 1 MB of VMs, 15 to 25 ms of work. */
const SLICE = 500;

export interface SnapshotCodec<T> {
  /** The value as rows JSON can hold. */
  encode(value: T): unknown[];
  /** Back from JSON; throws on a shape this version does not know. */
  decode(data: unknown): T;
}

export interface SnapshotStores {
  store<T>(cache: string, codec: SnapshotCodec<T>): SnapshotStore<T>;
}

interface Row {
  key: string;
  fetched_at: number;
  value: Buffer;
}

export class InventorySnapshots implements SnapshotStores {
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly log: Log,
  ) {}

  store<T>(cache: string, codec: SnapshotCodec<T>): SnapshotStore<T> {
    return {
      load: () => this.load(cache, codec),
      save: (saved) => this.track(this.save(cache, codec, saved), { cache, key: saved.id }),
    };
  }

  /** Resolves once every write under way has reached the database. */
  async flush(): Promise<void> {
    await Promise.all([...this.writes]);
  }

  private load<T>(cache: string, codec: SnapshotCodec<T>): SavedValue<T>[] {
    const rows = this.db
      .prepare<[string], Row>('SELECT key, fetched_at, value FROM inventory_snapshots WHERE cache = ?')
      .all(cache);
    const saved: SavedValue<T>[] = [];
    for (const row of rows) {
      try {
        const data: unknown = JSON.parse(gunzipSync(row.value).toString('utf8'));
        saved.push({ id: row.key, value: codec.decode(data), fetchedAt: row.fetched_at });
      } catch (error) {
        this.log.warn({ err: error, cache, key: row.key }, 'kept inventory snapshot is unreadable, left out');
      }
    }
    return saved;
  }

  private async save<T>(cache: string, codec: SnapshotCodec<T>, saved: SavedValue<T>): Promise<void> {
    const value = await gzippedJson(codec.encode(saved.value));
    // Two writes of one key can finish out of order; the older value never replaces the newer.
    this.db
      .prepare(
        `INSERT INTO inventory_snapshots (cache, key, fetched_at, value) VALUES (?, ?, ?, ?)
         ON CONFLICT (cache, key) DO UPDATE SET fetched_at = excluded.fetched_at, value = excluded.value
         WHERE excluded.fetched_at >= inventory_snapshots.fetched_at`,
      )
      .run(cache, saved.id, saved.fetchedAt, value);
  }

  private track(write: Promise<void>, what: { cache: string; key: string }): void {
    const tracked = write
      .catch((error: unknown) =>
        this.log.warn({ err: error, ...what }, 'could not keep the inventory snapshot'),
      )
      .finally(() => this.writes.delete(tracked));
    this.writes.add(tracked);
  }
}

/** `rows` as a gzipped JSON array, stringified a slice per turn of the event loop. */
async function gzippedJson(rows: readonly unknown[]): Promise<Buffer> {
  const gzip = createGzip();
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(gzip, 'end');
  gzip.write('[');
  for (let start = 0; start < rows.length; start += SLICE) {
    // Yielding first also lets the readers that waited for this refresh have their answer before any of this.
    await yieldToEventLoop();
    const slice = rows.slice(start, start + SLICE).map((row) => JSON.stringify(row));
    gzip.write((start > 0 ? ',' : '') + slice.join(','));
  }
  gzip.end(']');
  await ended;
  return Buffer.concat(chunks);
}
