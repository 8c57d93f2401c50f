import { useEffect, useEffectEvent, useState } from 'react';
import { sameDatacenter } from '@/web/lib/datacenter-params';
import type { WallItem } from '../utils/wall-pages';

export interface Rotation {
  item: WallItem | undefined;
  index: number;
  step: (by: number) => void;
}

/** Where the rotation stands: a datacenter, one of its pages, and which screenful of that page. */
type Position = Pick<WallItem, 'dc' | 'page' | 'sub'>;

/**
 * Which screen of the rotation is showing, moving on every `durationMs` unless paused. The position is kept
 * as datacenter, page and sub-page, so a poll that adds or removes sub-pages elsewhere does not make the wall
 * jump.
 */
export function useRotation(items: readonly WallItem[], durationMs: number, paused: boolean): Rotation {
  const [position, setPosition] = useState<Position>();
  const onPage = (item: WallItem) =>
    position !== undefined && sameDatacenter(item.dc, position.dc) && item.page === position.page;
  const exact = items.findIndex((item) => onPage(item) && item.sub === position?.sub);
  // A sub-page that no longer exists (fewer hosts or alerts than before) falls back to its page's first.
  const index = exact >= 0 ? exact : Math.max(0, items.findIndex(onPage));
  const item = items[index];

  const step = (by: number) => {
    if (items.length === 0) return;
    setPosition(items[(((index + by) % items.length) + items.length) % items.length]);
  };
  const advance = useEffectEvent(() => step(1));

  const rotating = !paused && durationMs > 0 && items.length > 1;
  useEffect(() => {
    if (!rotating) return;
    const timer = setTimeout(advance, durationMs);
    return () => clearTimeout(timer);
  }, [rotating, durationMs, item?.key]);

  return { item, index, step };
}
