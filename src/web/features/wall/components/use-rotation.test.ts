import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { WallPageName } from '@/shared/api/displays';
import { fakeTimersPerTest } from '@/web/testing/fake-timers';
import type { WallItem } from '../utils/wall-pages';
import { useRotation } from './use-rotation';

const advance = fakeTimersPerTest();

const a = { serviceName: 'pcc-1', datacenterId: 1 };
const b = { serviceName: 'pcc-1', datacenterId: 12 };

/** A rotation of `dc`'s pages, each with its number of sub-pages. */
function itemsOf(dc: WallItem['dc'], pages: [WallPageName, number][]): WallItem[] {
  return pages.flatMap(([page, subCount]) =>
    Array.from({ length: subCount }, (_, sub) => ({
      key: `${dc.serviceName}:${dc.datacenterId}|${page}|${sub}`,
      dc,
      page,
      sub,
      subCount,
    })),
  );
}

describe('useRotation', () => {
  it('moves on every period, and stays on its screen when sub-pages elsewhere come and go', () => {
    const first = [
      ...itemsOf(a, [
        ['hosts', 1],
        ['alerts', 3],
      ]),
      ...itemsOf(b, [['hosts', 1]]),
    ];
    const { result, rerender } = renderHook(({ items }) => useRotation(items, 1_000, false), {
      initialProps: { items: first },
    });
    const tick = () => advance(1_000);
    tick();
    tick();
    expect(result.current.item).toMatchObject({ dc: a, page: 'alerts', sub: 1 });

    rerender({
      items: [
        ...itemsOf(a, [
          ['hosts', 2],
          ['alerts', 3],
        ]),
        ...itemsOf(b, [['hosts', 1]]),
      ],
    });
    expect(result.current.item).toMatchObject({ dc: a, page: 'alerts', sub: 1 });
    expect(result.current.index).toBe(3);
  });

  it('falls back to the first screen of its page when its sub-page is gone, not to another datacenter', () => {
    const { result, rerender } = renderHook(({ items }) => useRotation(items, 0, false), {
      initialProps: { items: [...itemsOf(a, [['alerts', 1]]), ...itemsOf(b, [['alerts', 3]])] },
    });
    act(() => result.current.step(3));
    expect(result.current.item).toMatchObject({ dc: b, page: 'alerts', sub: 2 });

    rerender({ items: [...itemsOf(a, [['alerts', 1]]), ...itemsOf(b, [['alerts', 1]])] });
    expect(result.current.item).toMatchObject({ dc: b, page: 'alerts', sub: 0 });
  });
});
