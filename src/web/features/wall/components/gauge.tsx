import { useTranslation } from '@/web/lib/i18n';
import { alertLevel, type ThresholdMetric } from '@/shared/thresholds/thresholds';
import { levelIcon } from '@/web/components/status/level-badge';
import { useFormatter } from '@/web/lib/use-formatter';

// The ring is drawn on a circle of circumference 100, so a percentage is directly its dash length.
const RADIUS = 100 / (2 * Math.PI);

/** A percentage as a ring coloured by its threshold, with the figure, an icon when breached, and its name. */
export function Gauge({
  percent,
  metric,
  label,
}: {
  percent: number | null;
  metric: ThresholdMetric;
  label: string;
}) {
  const { t } = useTranslation();
  const format = useFormatter();
  const known = percent !== null && Number.isFinite(percent);
  const level = known ? alertLevel(metric, percent) : undefined;
  const filled = known ? Math.max(0, Math.min(100, percent)) : 0;
  return (
    <figure className={`gauge gauge-${level ?? 'none'}`}>
      <svg viewBox="0 0 36 36" aria-hidden="true">
        <circle className="gauge-track" cx="18" cy="18" r={RADIUS} />
        {filled > 0 && (
          <circle
            className="gauge-fill"
            cx="18"
            cy="18"
            r={RADIUS}
            strokeDasharray={`${filled} ${100 - filled}`}
            strokeDashoffset="25"
          />
        )}
      </svg>
      <figcaption>
        <span className="gauge-value">
          {level ? (
            <>
              {level !== 'ok' && (
                <span role="img" aria-label={t(`level.${level}`)}>
                  {levelIcon(level)}{' '}
                </span>
              )}
              {format.percent(percent)}
            </>
          ) : (
            t('state.noData')
          )}
        </span>
        <span className="gauge-label">{label}</span>
      </figcaption>
    </figure>
  );
}
