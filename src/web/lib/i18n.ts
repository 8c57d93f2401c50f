import { useCallback, useSyncExternalStore } from 'react';
import type common from '../locales/en.json';
import type { Language } from './preferences';

// Translations live beside the code that uses them: `src/web/locales/<lang>.json` is the `common` namespace
// and `src/web/features/<feature>/locales/<lang>.json` is the feature's own. Only the chosen language is
// downloaded. The files use i18next's JSON format ({{variables}}, `_one`/`_other` plural keys), but the
// runtime is these few lines on the platform's Intl.PluralRules: i18next and react-i18next weighed 19 kB of
// the first page's 150 kB budget for features we do not use (backends, formatters, context, nesting).

type Bundle = Record<string, unknown>;

/** Each namespace's English bundle, where its keys are typed from: a key missing in English does not compile.
 * A feature adds its own namespace beside its bundles (`features/<feature>/locales/namespace.ts`). */
export interface Namespaces {
  common: typeof common;
}
export type Namespace = keyof Namespaces;

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
/** Every string's dotted path, plural forms also by their base key (`count_one` is asked for as `count`). */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${P}${K}` | (K extends `${infer Base}_${PluralSuffix}` ? `${P}${Base}` : never)
    : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
/** Every nested object's dotted path: a key built at run time names one of them. */
type Groups<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? never : `${P}${K}` | Groups<T[K], `${P}${K}.`>;
}[keyof T & string];

export type TranslationKey<N extends Namespace> = Leaves<Namespaces[N]>;
export type TranslationGroup<N extends Namespace> = Groups<Namespaces[N]>;
export type QualifiedKey = { [N in Namespace]: `${N}:${TranslationKey<N>}` }[Namespace];
/** Interpolation values; `count` picks the plural form, `ns` another namespace, `defaultValue` answers for a
 * missing key. */
type Vars = Record<string, string | number>;

// One module per language holds its namespaces: a page's strings come in one request, where one file per
// namespace took eleven, queued on the browser's six connections before the page's data (bench/vm-table.bench.ts).
// Each module is a glob of its own because a glob's pattern must be written out.
const languages = import.meta.glob<Record<string, Bundle>>('../locales/languages/*.ts', {
  import: 'strings',
});

const bundles = new Map<string, Bundle>();
const bundleKey = (lang: string, ns: string) => `${lang}|${ns}`;

function namespaceOf(path: string): string {
  return /features\/([^/]+)\/locales\//.exec(path)?.[1] ?? 'common';
}

async function loadLanguage(lang: Language): Promise<void> {
  const load = languages[`../locales/languages/${lang}.ts`];
  if (!load) return;
  for (const [path, bundle] of Object.entries(await load()))
    bundles.set(bundleKey(lang, namespaceOf(path)), bundle);
}

let language: Language = 'en';
const listeners = new Set<() => void>();

function lookup(lang: string, ns: string, key: string): string | undefined {
  let node: unknown = bundles.get(bundleKey(lang, ns));
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Bundle)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralOf(lang: string, count: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(count);
}

/** `key` in namespace `ns` (or `other:key`), in the current language, then English, then the key itself. */
export function translate(lang: string, ns: string, fullKey: string, vars?: Vars): string {
  const split = fullKey.indexOf(':');
  const [space, key] =
    split > 0 ? [fullKey.slice(0, split), fullKey.slice(split + 1)] : [String(vars?.ns ?? ns), fullKey];
  const count = vars?.count;
  let text: string | undefined;
  for (const l of lang === 'en' ? ['en'] : [lang, 'en']) {
    if (typeof count === 'number') {
      text = lookup(l, space, `${key}_${pluralOf(l, count)}`) ?? lookup(l, space, `${key}_other`);
    }
    text ??= lookup(l, space, key);
    if (text !== undefined) break;
  }
  if (text === undefined) return typeof vars?.defaultValue === 'string' ? vars.defaultValue : fullKey;
  return vars
    ? text.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => String(vars[name] ?? match))
    : text;
}

/** Loads `lang` (and English behind it) and makes it the current language. */
export async function initI18n(lang: Language): Promise<void> {
  await Promise.all([loadLanguage('en'), loadLanguage(lang)]);
  if (language !== lang) {
    language = lang;
    for (const listener of listeners) listener();
  }
}

export async function changeLanguage(lang: Language): Promise<void> {
  await initI18n(lang);
  document.documentElement.lang = lang;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `t` of namespace `N`: its own keys, another namespace's as `ns:key` or with `{ ns }`, and a key built at
 * run time under one of its groups when it says what to show if the key is missing. */
export interface TFunction<N extends Namespace = 'common'> {
  (key: TranslationKey<N> | QualifiedKey, vars?: Vars & { ns?: never }): string;
  (...args: { [O in Namespace]: [key: TranslationKey<O>, vars: Vars & { ns: O }] }[Namespace]): string;
  (key: `${TranslationGroup<N>}.${string}`, vars: Vars & { defaultValue: string }): string;
}

/** `t` for a namespace, re-rendering the caller when the language changes. */
export function useTranslation<N extends Namespace = 'common'>(
  ns: N = 'common' as N,
): { t: TFunction<N>; i18n: { language: Language } } {
  const lang = useSyncExternalStore(subscribe, () => language);
  // The keys are checked by the type the caller sees; the lookup itself takes any string.
  const t = useCallback((key: string, vars?: Vars) => translate(lang, ns, key, vars), [lang, ns]);
  return { t, i18n: { language: lang } };
}
