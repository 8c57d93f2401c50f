import { useTranslation } from '@/web/lib/i18n';
import type { AlertLevel } from '@/shared/thresholds/thresholds';

const ICONS: Record<AlertLevel, string> = { ok: '✓', warning: '⚠', critical: '✖' };

/** A threshold level as colour, icon and word, so it reads without colour vision too. */
export function LevelBadge({ level, label }: { level: AlertLevel; label?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`level level-${level}`}>
      <span aria-hidden="true">{ICONS[level]}</span> {label ?? t(`level.${level}`)}
    </span>
  );
}

export function levelIcon(level: AlertLevel): string {
  return ICONS[level];
}
