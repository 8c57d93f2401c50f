import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from './preferences';

// Translations live beside the code that uses them: `src/web/locales/<lang>.json` is the `common` namespace
// and `src/web/features/<feature>/locales/<lang>.json` is the feature's own. Only the chosen language is
// downloaded; the others stay out of the first load.

type Bundle = Record<string, unknown>;
const loaders = import.meta.glob<Bundle>(['../locales/*.json', '../features/*/locales/*.json'], {
  import: 'default',
});

function namespaceOf(path: string): string {
  const feature = /features\/([^/]+)\/locales\//.exec(path);
  return feature?.[1] ?? 'common';
}

function languageOf(path: string): string {
  return /\/([a-z]{2})\.json$/.exec(path)?.[1] ?? '';
}

async function loadLanguage(lang: Language): Promise<void> {
  const wanted = Object.entries(loaders).filter(([path]) => languageOf(path) === lang);
  await Promise.all(
    wanted.map(async ([path, load]) => {
      const ns = namespaceOf(path);
      if (!i18next.hasResourceBundle(lang, ns)) i18next.addResourceBundle(lang, ns, await load(), true, true);
    }),
  );
}

export const i18n = i18next;

let initialised: Promise<unknown> | undefined;

/** Starts i18n in `lang` with English behind it for any string a translation lacks. */
export async function initI18n(lang: Language): Promise<void> {
  initialised ??= i18next.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'en',
    defaultNS: 'common',
    ns: ['common'],
    resources: {},
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    returnNull: false,
  });
  await initialised;
  await Promise.all([loadLanguage('en'), loadLanguage(lang)]);
  if (i18next.language !== lang) await i18next.changeLanguage(lang);
}

export async function changeLanguage(lang: Language): Promise<void> {
  await loadLanguage(lang);
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}
