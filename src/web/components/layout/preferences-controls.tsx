import { useTranslation } from '@/web/lib/i18n';
import { LANGUAGES, usePreferences, type Language, type Theme } from '@/web/lib/preferences';

const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
  zh: '中文',
};

/** Language, theme and time zone: each written into the URL, so a shared link looks the same elsewhere. */
export function PreferencesControls() {
  const { t } = useTranslation();
  const [preferences, update] = usePreferences();
  return (
    <div className="preferences">
      <label>
        <span className="visually-hidden">{t('prefs.language')}</span>
        <select value={preferences.lang} onChange={(e) => update({ lang: e.target.value as Language })}>
          {LANGUAGES.map((lang) => (
            <option key={lang} value={lang} lang={lang}>
              {LANGUAGE_NAMES[lang]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="visually-hidden">{t('prefs.theme')}</span>
        <select value={preferences.theme} onChange={(e) => update({ theme: e.target.value as Theme })}>
          <option value="system">{t('prefs.themeSystem')}</option>
          <option value="light">{t('prefs.themeLight')}</option>
          <option value="dark">{t('prefs.themeDark')}</option>
        </select>
      </label>
      <button
        type="button"
        aria-pressed={preferences.tz === 'utc'}
        onClick={() => update({ tz: preferences.tz === 'utc' ? 'local' : 'utc' })}
        title={t('prefs.timeZone')}
      >
        {preferences.tz === 'utc' ? 'UTC' : t('prefs.local')}
      </button>
    </div>
  );
}
