import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gunzip, gzip } from 'node:zlib';
import type { Freshness } from '@/shared/api/freshness';
import type { Snapshot } from './refreshing-cache';

// A datacenter's VM list is the same bytes for every screen until the next refresh, so it is serialised,
// hashed and compressed once per refresh rather than once per request: with many screens polling, the
// JSON.stringify, the ETag hash and above all the compression of a 10 000-VM list (seconds each time) were
// most of the server's work. Only the compressed bytes are kept: the JSON is let go once both encodings are
// made (at 10 000 VMs, 20 MB a list against 3 MB for gzip and br together), and the rare client that takes
// neither gets it unzipped from the gzip copy.

export type ListEncoding = 'br' | 'gzip';
/** The encodings lists are kept in, preferred first when a client accepts both equally. */
export const LIST_ENCODINGS: ListEncoding[] = ['br', 'gzip'];

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
const gunzipped = promisify(gunzip);

// Brotli's default quality (11) takes tens of seconds on a 20 MB list; 5 is within a few per cent of its size
// at a small fraction of the time, and still smaller than gzip.
const BROTLI_QUALITY = 5;

function compress(json: Buffer, encoding: ListEncoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(json, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
        },
      })
    : gzipped(json);
}

export class SerializedList {
  private readonly encoded = new Map<ListEncoding, Promise<Buffer>>();
  private readonly made = new Set<ListEncoding>();
  /** The JSON, held while an encoding of it is missing (being made, or failed and to be made again). */
  private json: Buffer | undefined;

  constructor(
    body: string,
    readonly etag: string,
  ) {
    this.json = Buffer.from(body);
    // Both now, so the JSON can go as soon as they are made; zlib runs on libuv's thread pool meanwhile.
    for (const encoding of LIST_ENCODINGS) void this.encode(encoding).catch(() => undefined);
  }

  /**
   * The ETag of the body in that encoding: a strong ETag names one representation's bytes, so each encoding
   * has its own (as RFC 9110 §8.8.3.3 asks), and a 304 is never answered for bytes the client does not hold.
   */
  etagOf(encoding: ListEncoding | null): string {
    return encoding === null ? this.etag : `${this.etag.slice(0, -1)}-${encoding}"`;
  }

  /** The body in that encoding, the same bytes for every request of this refresh. */
  encode(encoding: ListEncoding): Promise<Buffer> {
    let pending = this.encoded.get(encoding);
    if (!pending) {
      // An encoding is missing only while the JSON is still held.
      pending = compress(this.json!, encoding);
      pending.then(
        () => {
          this.made.add(encoding);
          if (this.made.size === LIST_ENCODINGS.length) this.json = undefined;
        },
        // A failure is not kept: the next request tries again.
        () => this.encoded.delete(encoding),
      );
      this.encoded.set(encoding, pending);
    }
    return pending;
  }

  /** The JSON itself, for a client that takes no encoding we keep. */
  async identity(): Promise<Buffer> {
    return this.json ?? gunzipped(await this.encode('gzip'));
  }
}

const cache = new WeakMap<object, { key: string; serialized: SerializedList }>();

/** A snapshot's age and state as every answer built from a cache tells it (FreshnessSchema). */
export function freshnessOf(snapshot: Snapshot<unknown>, pollIntervalMs: number): Freshness {
  return {
    fetchedAt: snapshot.fetchedAt,
    stale: snapshot.stale,
    ...(snapshot.error ? { error: snapshot.error } : {}),
    ...(snapshot.refreshingSince === undefined ? {} : { refreshingSince: snapshot.refreshingSince }),
    pollIntervalMs,
  };
}

export function listPayload<T>(snapshot: Snapshot<T>, pollIntervalMs: number) {
  return { ...freshnessOf(snapshot, pollIntervalMs), items: snapshot.value };
}

/**
 * The list response as JSON with its ETag, reused while the snapshot's value and freshness are unchanged.
 * `items` gives the value's form on the wire (VMs go by column, see `toColumns`).
 */
export function serializeList<T extends object>(
  snapshot: Snapshot<T>,
  pollIntervalMs: number,
  items: (value: T) => unknown = (value) => value,
): SerializedList {
  const key = `${snapshot.fetchedAt}|${snapshot.stale}|${snapshot.error?.at ?? ''}|${snapshot.refreshingSince ?? ''}|${pollIntervalMs}`;
  const hit = cache.get(snapshot.value);
  if (hit?.key === key) return hit.serialized;
  const body = JSON.stringify(listPayload({ ...snapshot, value: items(snapshot.value) }, pollIntervalMs));
  const serialized = new SerializedList(body, `"${createHash('sha1').update(body).digest('base64url')}"`);
  cache.set(snapshot.value, { key, serialized });
  return serialized;
}
