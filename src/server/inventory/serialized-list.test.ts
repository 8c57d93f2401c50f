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
});
