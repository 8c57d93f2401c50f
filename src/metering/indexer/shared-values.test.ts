import { describe, expect, it } from 'vitest';
import { SharedValues } from './shared-values';

describe('SharedValues', () => {
  it('answers the first value held under a key', () => {
    const pool = new SharedValues<{ n: number }>();
    const first = { n: 1 };
    expect(pool.share('k', first)).toBe(first);
    expect(pool.share('k', { n: 1 })).toBe(first);
    expect(pool.share('other', { n: 2 })).toEqual({ n: 2 });
  });

  it('starts again rather than grow past its bound, still answering a value for each key', () => {
    const pool = new SharedValues<number>();
    for (let i = 0; i < 10_000; i += 1) expect(pool.share(String(i), i)).toBe(i);
    expect(pool.share('0', -1)).toBe(-1);
  });
});
