import { describe, expect, it } from 'vitest';
import { createSimulator } from './simulator';
import { crawlOvhApi } from './testing/crawl';

const now = Date.UTC(2026, 10, 23, 14, 0);

async function apiBytes(seed: number, at = now) {
  const { app } = createSimulator({ seed, now: () => at });
  return (await crawlOvhApi(app, at)).map((r) => `${r.path}\n${r.body}`);
}

describe('determinism', () => {
  it('gives the same bytes on every route for the same seed and time', async () => {
    const [a, b] = await Promise.all([apiBytes(7), apiBytes(7)]);
    expect(a.length).toBeGreaterThan(150);
    expect(b).toEqual(a);
  });

  it('gives another infrastructure for another seed', async () => {
    const [a, b] = await Promise.all([apiBytes(7), apiBytes(8)]);
    expect(b).not.toEqual(a);
  });

  it('moves live values with time, but only from one 5-minute bucket to the next', async () => {
    const [start, sameBucket, nextBucket] = await Promise.all([
      apiBytes(7),
      apiBytes(7, now + 4 * 60_000),
      apiBytes(7, now + 5 * 60_000),
    ]);
    const vmBodies = (bytes: string[]) => bytes.filter((b) => /\/vm\/\d+\n/.test(b));
    expect(vmBodies(sameBucket)).toEqual(vmBodies(start));
    expect(vmBodies(nextBucket)).not.toEqual(vmBodies(start));
  });
});
