import { createHash } from 'node:crypto';
import type { Freshness } from '@/shared/api/freshness';
import type { Snapshot } from './refreshing-cache';

// A datacenter's VM list is the same bytes for every screen until the next refresh, so it is serialised and
// hashed once per refresh rather than once per request: with many screens polling, JSON.stringify and the
// ETag hash of a 2 000-VM list were most of the server's work.

export interface SerializedList {
  body: string;
  etag: string;
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

/** The list response as JSON with its ETag, reused while the snapshot's value and freshness are unchanged. */
export function serializeList<T extends object>(
  snapshot: Snapshot<T>,
  pollIntervalMs: number,
): SerializedList {
  const key = `${snapshot.fetchedAt}|${snapshot.stale}|${snapshot.error?.at ?? ''}|${snapshot.refreshingSince ?? ''}|${pollIntervalMs}`;
  const hit = cache.get(snapshot.value);
  if (hit?.key === key) return hit.serialized;
  const body = JSON.stringify(listPayload(snapshot, pollIntervalMs));
  const serialized = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
  cache.set(snapshot.value, { key, serialized });
  return serialized;
}
