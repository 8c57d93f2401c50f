import { useEffect, useEffectEvent, useState } from 'react';
import type { WallItem } from '../utils/wall-pages';

export interface Rotation {
  item: WallItem | undefined;
  index: number;
  step: (by: number) => void;
}

/**
 * Which screen of the rotation is showing, moving on every `durationMs` unless paused. The position is kept
 * by the screen's key, so a poll that adds or removes sub-pages elsewhere does not make the wall jump.
 */
export function useRotation(items: readonly WallItem[], durationMs: number, paused: boolean): Rotation {
  const [currentKey, setCurrentKey] = useState<string>();
  const exact = items.findIndex((i) => i.key === currentKey);
  // A sub-page that no longer exists (fewer hosts or alerts than before) falls back to its page's first.
  const samePage = currentKey
    ? items.findIndex((i) => currentKey.startsWith(`${i.key.replace(/\d+$/, '')}`))
    : -1;
  const index = exact >= 0 ? exact : Math.max(0, samePage);
  const item = items[index];

  const step = (by: number) => {
    if (items.length === 0) return;
    setCurrentKey(items[(((index + by) % items.length) + items.length) % items.length]!.key);
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
