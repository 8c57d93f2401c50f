import { createFormatter, type Formatter } from './format';
import { usePreferences } from './preferences';

// One formatter per language and zone for the whole page: building one creates several Intl formats, and a
// table draws a few hundred formatted cells, each asking for it, every time it scrolls or sorts.
const formatters = new Map<string, Formatter>();

/** The formatter for the language and time zone in the URL. */
export function useFormatter(): Formatter {
  const [{ lang, tz }] = usePreferences();
  const key = `${lang}|${tz}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = createFormatter(lang, tz);
    formatters.set(key, formatter);
  }
  return formatter;
}
