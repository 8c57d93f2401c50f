import { describe, expect, it } from 'vitest';
import type { WallDatacenter } from '../api/get-wall-datacenter';
import { pageSlice, subPageCount, wallItems } from './wall-pages';

const view = (hosts: number, alerts: number) =>
  ({
    hosts: Array.from({ length: hosts }, (_, i) => ({ hostId: i })),
    filers: [],
    summary: { alerts: Array.from({ length: alerts }, (_, i) => ({ id: i })) },
  }) as unknown as WallDatacenter;

describe('subPageCount', () => {
  it('needs as many screens as the longest list of the page', () => {
    expect(subPageCount('overview', view(6, 3))).toBe(1);
    expect(subPageCount('overview', view(13, 3))).toBe(2);
    expect(subPageCount('overview', view(6, 31))).toBe(4);
    expect(subPageCount('alerts', view(100, 31))).toBe(2);
    expect(subPageCount('hosts', undefined)).toBe(1);
  });
});

describe('pageSlice', () => {
  it('shows a screenful at a time, the last one again for a shorter list', () => {
    const items = [1, 2, 3, 4, 5];
    expect(pageSlice(items, 0, 2)).toEqual([1, 2]);
    expect(pageSlice(items, 2, 2)).toEqual([5]);
    expect(pageSlice(items, 7, 2)).toEqual([5]);
    expect(pageSlice([], 1, 2)).toEqual([]);
  });
});

describe('wallItems', () => {
  it('lists every datacenter, page and sub-page in rotation order', () => {
    const a = { serviceName: 'pcc-1', datacenterId: 1 };
    const b = { serviceName: 'pcc-1', datacenterId: 2 };
    const items = wallItems([a, b], ['overview', 'alerts'], (dc) => (dc === a ? view(13, 0) : undefined));
    expect(items.map((i) => i.key)).toEqual([
      'pcc-1:1|overview|0',
      'pcc-1:1|overview|1',
      'pcc-1:1|alerts|0',
      'pcc-1:2|overview|0',
      'pcc-1:2|alerts|0',
    ]);
  });
});
