import { useEffect, useEffectEvent } from 'react';

/** Calls `onEscape` when Esc is pressed anywhere on the page, unless `disabled`. */
export function useEscapeKey(onEscape: () => void, disabled: boolean): void {
  const handle = useEffectEvent(onEscape);
  useEffect(() => {
    if (disabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') handle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [disabled]);
}
