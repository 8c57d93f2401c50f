import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from '@/shared/metrics/catalog';
import { createSimulator } from '../simulator';
import { syntheticSeries } from './synthetic-series';
import { SyntheticStore } from './synthetic-store';

const DAY_MS = 86_400_000;
const now = Date.UTC(2026, 10, 23, 14, 7);
const series = syntheticSeries(createSimulator({ size: { vms: 4, hosts: 2 }, now: () => now }).inventory);

/** What a rollup bucket must hold: the series' own 5-minute values over [fromMs, toMs). */
function expected(valueAt: (bucket: number) => number | undefined, fromMs: number, toMs: number) {
  const values: number[] = [];
  for (let b = fromMs / BUCKET_MS; b < toMs / BUCKET_MS; b++) {
    const value = valueAt(b);
    if (value !== undefined) values.push(value);
  }
  return {
    ts: fromMs,
    count: values.length,
    sum: values.reduce((a, b) => a + b, 0),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

describe('synthetic store rollups', () => {
  it('summarise each series of a live object as its own 5-minute values, whichever member is read first', async () => {
    const store = new SyntheticStore(series, () => now);
    const vm = series.find((s) => s.metric === 'vscope.vm.cpu.usage.perc')!;
    expect(vm.family.members.length).toBeGreaterThan(1);
    const startMs = Math.floor(now / DAY_MS) * DAY_MS - 3 * DAY_MS;
    const window = { startMs, endMs: startMs + 3 * DAY_MS - 1, resolutionMs: DAY_MS };
    // The first read summarises the whole family; the others are answered from what it remembered.
    for (const member of [vm, ...vm.family.members]) {
      const data = await store.readSeries(member, window);
      expect(data.kind).toBe('rollup');
      if (data.kind !== 'rollup') continue;
      expect(data.buckets).toEqual(
        [0, 1, 2].map((d) => expected(member.valueAt, startMs + d * DAY_MS, startMs + (d + 1) * DAY_MS)),
      );
    }
  });
});
