import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';

// Display preferences live in the URL, not in local storage: a link or a wall screen's bookmark carries its
// theme, language and time zone, and every in-app link keeps them (like Grafana's preserved query params).

export const LANGUAGES = ['en', 'fr', 'de', 'es', 'zh'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

export const TimeZoneSchema = z.enum(['local', 'utc']);
export type TimeZonePreference = z.infer<typeof TimeZoneSchema>;

export interface Preferences {
  theme: Theme;
  lang: Language;
  tz: TimeZonePreference;
}

/** Query parameters that follow the user from page to page. */
export const PRESERVED_PARAMS = ['theme', 'lang', 'tz', 'kiosk', 'rotate'] as const;

export function browserLanguage(languages: readonly string[] = navigator.languages): Language {
  for (const tag of languages) {
    const base = LanguageSchema.safeParse(tag.slice(0, 2).toLowerCase());
    if (base.success) return base.data;
  }
  return 'en';
}

export function readPreferences(params: URLSearchParams): Preferences {
  return {
    theme: ThemeSchema.catch('system').parse(params.get('theme')?.toLowerCase()),
    lang: LanguageSchema.catch(() => browserLanguage()).parse(params.get('lang')?.toLowerCase()),
    tz: TimeZoneSchema.catch('local').parse(params.get('tz')?.toLowerCase()),
  };
}

/** The preserved parameters of `current`, merged into `to`'s own query string. */
export function withPreservedParams(to: string, current: URLSearchParams): string {
  const [pathname = '', query = ''] = to.split('?', 2);
  const next = new URLSearchParams(query);
  for (const key of PRESERVED_PARAMS) {
    const value = current.get(key);
    if (value !== null && !next.has(key)) next.set(key, value);
  }
  const search = next.toString();
  return search ? `${pathname}?${search}` : pathname;
}

export function usePreferences(): [Preferences, (change: Partial<Preferences>) => void] {
  const [params, setParams] = useSearchParams();
  const preferences = useMemo(() => readPreferences(params), [params]);
  const update = useCallback(
    (change: Partial<Preferences>) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(change)) next.set(key, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [preferences, update];
}
