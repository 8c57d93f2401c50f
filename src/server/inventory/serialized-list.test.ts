import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { serializeList } from './serialized-list';

describe('serializeList', () => {
  const items = [{ vmId: 1, name: 'web-01' }];

  it('serialises the list with its freshness and a strong ETag', () => {
    const result = serializeList({ value: items, fetchedAt: 1000, stale: false }, 120_000);
    expect(JSON.parse(result.body)).toEqual({
      fetchedAt: 1000,
      stale: false,
      pollIntervalMs: 120_000,
      items,
    });
    expect(result.etag).toMatch(/^"[\w-]+"$/);
  });

  it('reuses the bytes while nothing changed, and not once freshness or the value changes', () => {
    const first = serializeList({ value: items, fetchedAt: 1000, stale: false }, 120_000);
    expect(serializeList({ value: items, fetchedAt: 1000, stale: false }, 120_000)).toBe(first);

    const stale = serializeList(
      { value: items, fetchedAt: 1000, stale: true, error: { message: 'down', at: 2000 } },
      120_000,
    );
    expect(stale.etag).not.toBe(first.etag);
    expect(JSON.parse(stale.body)).toMatchObject({ stale: true, error: { message: 'down', at: 2000 } });

    const refreshed = serializeList(
      { value: [{ vmId: 1, name: 'web-02' }], fetchedAt: 3000, stale: false },
      120_000,
    );
    expect(JSON.parse(refreshed.body)).toMatchObject({ fetchedAt: 3000, items: [{ name: 'web-02' }] });
  });

  it('compresses each encoding once, for every request of the same refresh', async () => {
    const many = Array.from({ length: 500 }, (_, vmId) => ({ vmId, name: `vm-${vmId}` }));
    const list = serializeList({ value: many, fetchedAt: 1000, stale: false }, 120_000);
    expect(list.encode('gzip')).toBe(list.encode('gzip'));
    expect(gunzipSync(await list.encode('gzip')).toString()).toBe(list.body);
    expect(brotliDecompressSync(await list.encode('br')).toString()).toBe(list.body);
    expect((await list.encode('br')).length).toBeLessThan(list.body.length / 5);
    expect(list.etagOf('br')).not.toBe(list.etagOf('gzip'));
    expect(list.etagOf(null)).toBe(list.etag);
  });
});
