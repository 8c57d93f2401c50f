import { describe, expect, it } from 'vitest';
import { maxOrNull, sumOrNull } from './null-aware';

describe('null-aware figures', () => {
  it('sums what is known, and knows nothing of nothing', () => {
    expect(sumOrNull(2, null, 3)).toBe(5);
    expect(sumOrNull(0, null)).toBe(0);
    expect(sumOrNull(null, null)).toBeNull();
    expect(sumOrNull()).toBeNull();
  });

  it('takes the largest known value', () => {
    expect(maxOrNull(-4, null, -2)).toBe(-2);
    expect(maxOrNull(null, 7)).toBe(7);
    expect(maxOrNull(null, null)).toBeNull();
  });
});
