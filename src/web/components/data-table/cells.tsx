import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertLevel } from '../../../shared/thresholds/thresholds';
import { levelIcon } from '../status/level-badge';

/** A figure judged against a threshold: coloured, and with an icon and its level's name when breached. */
export function ThresholdFigure({ level, children }: { level: AlertLevel; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <span className={`threshold-figure level-${level}`}>
      {level !== 'ok' && (
        <span role="img" aria-label={t(`level.${level}`)}>
          {levelIcon(level)}{' '}
        </span>
      )}
      {children}
    </span>
  );
}

export type StateTone = 'ok' | 'warning' | 'critical' | 'neutral';

/** How good the lifecycle state of an OVH resource is (hosts and filers share `adding`…`unknown`). */
export const RESOURCE_STATE_TONE: Readonly<Record<string, StateTone>> = {
  delivered: 'ok',
  adding: 'warning',
  removing: 'warning',
  error: 'critical',
};

/** A state as an icon and a word, tinted by how good it is (never by colour alone). */
export function StateLabel({
  tone,
  icon,
  children,
}: {
  tone: StateTone;
  icon?: string;
  children: ReactNode;
}) {
  return (
    <span className={`state-label tone-${tone}`}>
      {icon && <span aria-hidden="true">{icon} </span>}
      {children}
    </span>
  );
}
