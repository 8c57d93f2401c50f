import { useTranslation } from '@/web/lib/i18n';
import type { Alert } from '@/shared/api/inventory';
import { worstLevel } from '@/shared/thresholds/thresholds';
import { LevelBadge } from '@/web/components/status/level-badge';
import { useFormatter } from '@/web/lib/use-formatter';

/**
 * Every threshold breach of the datacenter, a screenful at a time (the rotation pages through the rest). The
 * colours come from the current poll only, so a value that recovers loses its colour at the next poll.
 */
export function AlertsStrip({
  alerts,
  shown,
  className,
}: {
  /** Every breach, for the count and the worst level. */
  alerts: readonly Alert[];
  /** This screen's share of them. */
  shown: readonly Alert[];
  className: string;
}) {
  const { t } = useTranslation('wall');
  const format = useFormatter();
  return (
    <section className={`wall-alerts ${className}`} aria-labelledby="wall-alerts-title">
      <h2 id="wall-alerts-title">
        <LevelBadge
          level={worstLevel(alerts.map((a) => a.level))}
          label={t('alerts', { count: alerts.length })}
        />
      </h2>
      {alerts.length === 0 ? (
        <p className="level level-ok">{t('noAlerts')}</p>
      ) : (
        <ul>
          {shown.map((alert) => (
            <li key={`${alert.kind}-${alert.id}-${alert.metric}`} className={`tile-${alert.level}`}>
              <LevelBadge level={alert.level} label={alert.name} />{' '}
              <span className="muted">{t(`kind.${alert.kind}`)}</span>{' '}
              <span>
                {t(`metric.${alert.metric}`)}{' '}
                <strong className="wall-figure">
                  {alert.metric === 'latencyMs' ? format.ms(alert.value) : format.percent(alert.value)}
                </strong>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
