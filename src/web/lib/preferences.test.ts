import { describe, expect, it } from 'vitest';
import { browserLanguage, readPreferences, withPreservedParams } from './preferences';

describe('preferences', () => {
  it('reads theme, language and time zone from the URL, falling back on bad values', () => {
    expect(readPreferences(new URLSearchParams('theme=dark&lang=FR&tz=utc'))).toEqual({
      theme: 'dark',
      lang: 'fr',
      tz: 'utc',
    });
    const fallback = readPreferences(new URLSearchParams('theme=pink&lang=xx&tz=mars'));
    expect(fallback.theme).toBe('system');
    expect(fallback.tz).toBe('local');
  });

  it('picks the first supported browser language', () => {
    expect(browserLanguage(['pt-BR', 'de-CH', 'en'])).toBe('de');
    expect(browserLanguage(['pt-BR'])).toBe('en');
  });

  it('keeps preserved parameters on links without overriding the link’s own', () => {
    const current = new URLSearchParams('theme=dark&kiosk=1&sort=name&lang=es');
    expect(withPreservedParams('/dc/a/1/hosts', current)).toBe('/dc/a/1/hosts?theme=dark&lang=es&kiosk=1');
    expect(withPreservedParams('/x?lang=fr', current)).toBe('/x?lang=fr&theme=dark&kiosk=1');
    expect(withPreservedParams('/x', new URLSearchParams())).toBe('/x');
  });
});
