import { useMemo } from 'react';
import { createFormatter, type Formatter } from './format';
import { usePreferences } from './preferences';

/** The formatter for the language and time zone in the URL. */
export function useFormatter(): Formatter {
  const [{ lang, tz }] = usePreferences();
  return useMemo(() => createFormatter(lang, tz), [lang, tz]);
}
