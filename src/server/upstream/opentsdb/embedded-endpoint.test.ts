import { describe, expect, it } from 'vitest';
import { MemoryStore, type IncomingPoint } from '@/tsdb';
import { EmbeddedOpenTsdbEndpoint } from './embedded-endpoint';
import type { OpenTsdbPoint } from './endpoint';

const T0 = Date.UTC(2026, 10, 23, 14, 0);
const points: OpenTsdbPoint[] = Array.from({ length: 2_500 }, (_, i) => ({
  metric: 'vscope.vm.cpu.ready',
  timestamp: T0,
  value: i,
  tags: { vm: `vm-${i}` },
}));

/** A memory store that tells each write (a transaction, in the SQLite store) to the test. */
class CountingStore extends MemoryStore {
  readonly writes: number[] = [];
  constructor(private readonly onWrite: () => void = () => undefined) {
    super();
  }
  override write(batch: readonly IncomingPoint[]): Promise<void> {
    this.writes.push(batch.length);
    this.onWrite();
    return super.write(batch);
  }
}

describe('EmbeddedOpenTsdbEndpoint.put', () => {
  it('writes a big put in several writes, every point of it', async () => {
    const store = new CountingStore();
    await new EmbeddedOpenTsdbEndpoint(store, () => T0).put(points);
    expect(store.writes.length).toBeGreaterThan(1);
    expect(store.writes.reduce((a, b) => a + b, 0)).toBe(points.length);
    expect(await store.findSeries('vscope.vm.cpu.ready')).toHaveLength(points.length);
  });

  it('writes no further batch once its signal is aborted', async () => {
    const stopping = new AbortController();
    const store = new CountingStore(() => stopping.abort());
    const endpoint = new EmbeddedOpenTsdbEndpoint(store, () => T0);
    await expect(endpoint.put(points, stopping.signal)).rejects.toThrow(/abort/i);
    expect(store.writes).toHaveLength(1);
  });
});
