import { useTranslation } from '@/web/lib/i18n';
import type { Theme } from '@/web/lib/preferences';

export interface WallControlsProps {
  paused: boolean;
  onPause: (paused: boolean) => void;
  onStep: (by: number) => void;
  theme: Theme;
  onTheme: (theme: Theme) => void;
  onClose: () => void;
}

/** What Esc brings up: pause the rotation, step through it, change the theme. */
export function WallControls({ paused, onPause, onStep, theme, onTheme, onClose }: WallControlsProps) {
  const { t } = useTranslation('wall');
  return (
    <div className="wall-controls" role="toolbar" aria-label={t('controls.label')}>
      <button type="button" onClick={() => onStep(-1)} autoFocus>
        <span aria-hidden="true">◀ </span>
        {t('controls.previous')}
      </button>
      <button type="button" aria-pressed={paused} onClick={() => onPause(!paused)}>
        <span aria-hidden="true">{paused ? '▶ ' : '‖ '}</span>
        {paused ? t('controls.resume') : t('controls.pause')}
      </button>
      <button type="button" onClick={() => onStep(1)}>
        {t('controls.next')}
        <span aria-hidden="true"> ▶</span>
      </button>
      <label>
        {t('prefs.theme', { ns: 'common' })}{' '}
        <select value={theme} onChange={(event) => onTheme(event.target.value as Theme)}>
          <option value="dark">{t('prefs.themeDark', { ns: 'common' })}</option>
          <option value="light">{t('prefs.themeLight', { ns: 'common' })}</option>
          <option value="system">{t('prefs.themeSystem', { ns: 'common' })}</option>
        </select>
      </label>
      <button type="button" onClick={onClose}>
        {t('controls.close')}
      </button>
    </div>
  );
}
