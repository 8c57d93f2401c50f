import { useEffect, useSyncExternalStore } from 'react';
import { changeLanguage } from '@/web/lib/i18n';
import { usePreferences } from '@/web/lib/preferences';

const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)');

function subscribeToScheme(onChange: () => void) {
  const query = darkQuery();
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

/** Applies the URL's theme and language to the document; `system` follows the OS, live. */
export function useApplyPreferences(): void {
  const [{ theme, lang }] = usePreferences();
  const systemDark = useSyncExternalStore(subscribeToScheme, () => darkQuery()?.matches ?? false);
  const resolved = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);
  useEffect(() => {
    void changeLanguage(lang);
  }, [lang]);
}
