import { describe, expect, it } from 'vitest';
import { PendingWrites } from './pending-writes';

describe('PendingWrites', () => {
  it('keeps items untried within its bound, the oldest going first, and writes them with the next flush', async () => {
    const pending = new PendingWrites<number>(5);
    expect(pending.keep([1, 2, 3])).toBe(0);
    expect(pending.keep([4, 5, 6, 7])).toBe(2);
    expect(pending.size).toBe(5);
    const writes: number[][] = [];
    const result = await pending.flush([8], (items) => {
      writes.push(items);
      return Promise.resolve();
    });
    expect(writes).toEqual([[3, 4, 5, 6, 7, 8]]);
    expect(result).toEqual({ ok: true, written: 6 });
    expect(pending.size).toBe(0);
  });

  it('keeps a failed flush for the next one, unless the store refused it for good', async () => {
    const pending = new PendingWrites<number>(3);
    const down = () => Promise.reject(new Error('down'));
    expect(await pending.flush([1, 2], down)).toMatchObject({ ok: false, backlog: 2, dropped: 0 });
    expect(await pending.flush([3, 4], down)).toMatchObject({ ok: false, backlog: 3, dropped: 1 });
    const refused = await pending.flush([5], down, () => false);
    expect(refused).toMatchObject({ ok: false, backlog: 0, dropped: 4 });
  });
});
