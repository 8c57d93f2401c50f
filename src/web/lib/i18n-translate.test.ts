import { describe, expect, it } from 'vitest';
import { initI18n, translate } from './i18n';

// The translation runtime over the real bundles: plural forms per language, English behind every language,
// interpolation, other namespaces and default values.

describe('translate', () => {
  it('picks plural forms with the language’s own rules', async () => {
    await initI18n('fr');
    expect(translate('en', 'datacenters', 'alertCount', { count: 1 })).toBe('1 alert');
    expect(translate('en', 'datacenters', 'alertCount', { count: 0 })).toBe('0 alerts');
    // French puts 0 in the singular, English does not.
    expect(translate('fr', 'datacenters', 'alertCount', { count: 0 })).toBe('0 alerte');
    expect(translate('fr', 'datacenters', 'alertCount', { count: 3 })).toBe('3 alertes');
  });

  it('interpolates variables and leaves unknown ones visible', () => {
    expect(translate('en', 'common', 'freshness.updated', { time: '12:03:41' })).toBe('Updated 12:03:41');
    expect(translate('en', 'common', 'freshness.updated')).toBe('Updated {{time}}');
  });

  it('reads another namespace by prefix or option, and falls back to English, then the default, then the key', async () => {
    await initI18n('de');
    expect(translate('de', 'graphs', 'common:state.retry')).toBe('Erneut versuchen');
    expect(translate('de', 'graphs', 'state.retry', { ns: 'common' })).toBe('Erneut versuchen');
    expect(translate('zz', 'common', 'state.retry')).toBe('Try again');
    expect(translate('en', 'common', 'no.such.key', { defaultValue: 'shown' })).toBe('shown');
    expect(translate('en', 'common', 'no.such.key')).toBe('no.such.key');
  });
});
