import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { serializeList, type SerializedList } from './serialized-list';

describe('serializeList', () => {
  const items = [{ vmId: 1, name: 'web-01' }];

  const json = async (list: SerializedList) => JSON.parse((await list.identity()).toString()) as unknown;

  it('serialises the list with its freshness and a strong ETag', async () => {
    const result = serializeList({ value: items, fetchedAt: 1000, stale: false }, 120_000);
    expect(await json(result)).toEqual({
      fetchedAt: 1000,
      stale: false,
      pollIntervalMs: 120_000,
      items,
    });
    expect(result.etag).toMatch(/^"[\w-]+"$/);
  });

  it('reuses the bytes while nothing changed, and not once freshness or the value changes', async () => {
    const first = serializeList({ value: items, fetchedAt: 1000, stale: false }, 120_000);
    expect(serializeList({ value: items, fetchedAt: 1000, stale: false }, 120_000)).toBe(first);

    const stale = serializeList(
      { value: items, fetchedAt: 1000, stale: true, error: { message: 'down', at: 2000 } },
      120_000,
    );
    expect(stale.etag).not.toBe(first.etag);
    expect(await json(stale)).toMatchObject({ stale: true, error: { message: 'down', at: 2000 } });

    const refreshed = serializeList(
      { value: [{ vmId: 1, name: 'web-02' }], fetchedAt: 3000, stale: false },
      120_000,
    );
    expect(await json(refreshed)).toMatchObject({ fetchedAt: 3000, items: [{ name: 'web-02' }] });
  });

  it('compresses each encoding once, for every request of the same refresh', async () => {
    const many = Array.from({ length: 500 }, (_, vmId) => ({ vmId, name: `vm-${vmId}` }));
    const list = serializeList({ value: many, fetchedAt: 1000, stale: false }, 120_000);
    const body = JSON.stringify({ fetchedAt: 1000, stale: false, pollIntervalMs: 120_000, items: many });
    expect(list.encode('gzip')).toBe(list.encode('gzip'));
    expect(gunzipSync(await list.encode('gzip')).toString()).toBe(body);
    expect(brotliDecompressSync(await list.encode('br')).toString()).toBe(body);
    expect((await list.encode('br')).length).toBeLessThan(body.length / 5);
    expect(list.etagOf('br')).not.toBe(list.etagOf('gzip'));
    expect(list.etagOf(null)).toBe(list.etag);
  });

  it('gives the JSON itself before and after both encodings are made, when it is no longer held', async () => {
    const many = Array.from({ length: 500 }, (_, vmId) => ({ vmId, name: `vm-${vmId}` }));
    const list = serializeList({ value: many, fetchedAt: 1000, stale: false }, 120_000);
    const before = (await list.identity()).toString();
    await Promise.all([list.encode('gzip'), list.encode('br')]);
    expect((await list.identity()).toString()).toBe(before);
    expect(JSON.parse(before)).toMatchObject({ fetchedAt: 1000, items: many });
  });
});
