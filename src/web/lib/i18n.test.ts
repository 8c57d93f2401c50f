import { describe, expect, it } from 'vitest';
import type { TFunction } from './i18n';
import { LANGUAGES } from './preferences';

// Every language carries every key English has, with the same interpolation variables: a missing
// translation would silently fall back to English, a missing variable would print a raw "{{x}}".

const bundles = import.meta.glob<Record<string, unknown>>(
  ['../locales/*.json', '../features/*/locales/*.json'],
  {
    import: 'default',
    eager: true,
  },
);

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
// Plural suffixes differ by language (Chinese has only `_other`); compare the base keys.
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

describe('translations', () => {
  const english = Object.keys(bundles).filter((path) => path.endsWith('/en.json'));

  it('exist for every namespace', () => {
    expect(english.length).toBeGreaterThan(1);
  });

  for (const enPath of english) {
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      it(`${enPath.replace('/en.json', `/${lang}.json`)} matches English`, () => {
        const other = bundles[enPath.replace('/en.json', `/${lang}.json`)];
        expect(other, `${lang} translation file`).toBeDefined();
        const en = flatten(bundles[enPath]);
        const tr = flatten(other);
        const trBase = new Map([...tr].map(([k, v]) => [baseKey(k), v]));
        for (const [key, text] of en) {
          const translated = tr.get(key) ?? trBase.get(baseKey(key));
          expect(translated, `${lang}: ${key}`).toBeTypeOf('string');
          expect(
            variables(translated!).filter((v) => v !== 'count'),
            `${lang}: ${key}`,
          ).toEqual(variables(text).filter((v) => v !== 'count'));
        }
      });
    }
  }
});

describe('translation keys', () => {
  it('are typed from the English bundles: a key that is not there does not compile', () => {
    const t = ((key: string) => key) as TFunction<'graphs'>;
    expect(t('title')).toBe('title');
    expect(t('graphs:title')).toBe('graphs:title');
    expect(t('state.retry', { ns: 'common' })).toBe('state.retry');
    expect(t(`chart.${'cpu' as const}`)).toBe('chart.cpu');
    expect(t(`kind.${'disk' as string}`, { defaultValue: 'disk' })).toBe('kind.disk');
    // @ts-expect-error: not a key of the graphs namespace
    t('nope');
    // @ts-expect-error: nor of the namespace it is qualified with
    t('graphs:nope');
    // @ts-expect-error: `ns` names the namespace the key must be in
    t('chart.cpu', { ns: 'wall' });
    // @ts-expect-error: a key built at run time needs what to show when it is missing
    t(`kind.${'disk' as string}`);
  });
});
