import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import type { Theme, TimeZonePreference } from '@/web/lib/preferences';

/**
 * Puts the wall's theme and time zone into the URL, where the whole app reads them (theme of the document,
 * times of the freshness clock), when they come from the display's configuration or the wall's defaults.
 */
export function useWallPreferences(theme: Theme, tz: TimeZonePreference): void {
  const [params, setParams] = useSearchParams();
  const inUrl = params.get('theme') === theme && params.get('tz') === tz;
  useEffect(() => {
    if (inUrl) return;
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set('theme', theme);
        next.set('tz', tz);
        return next;
      },
      { replace: true },
    );
  }, [inUrl, theme, tz, setParams]);
}
