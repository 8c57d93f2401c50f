import { useTranslation } from 'react-i18next';
import { alertLevel, type ThresholdMetric } from '../../../shared/thresholds/thresholds';
import { useFormatter } from '../../lib/use-formatter';
import { levelIcon } from './level-badge';

/** A percentage as a bar coloured by its threshold, with the figure and (when breached) an icon beside it. */
export function UsageBar({
  percent,
  metric,
  detail,
}: {
  percent: number | null;
  metric: ThresholdMetric;
  /** Absolute figures, e.g. "12.4 / 20 GHz". */
  detail?: string;
}) {
  const { t } = useTranslation();
  const format = useFormatter();
  if (percent === null || !Number.isFinite(percent)) {
    return <span className="usage usage-none">{t('state.noData')}</span>;
  }
  const level = alertLevel(metric, percent);
  const width = Math.max(0, Math.min(100, percent));
  return (
    <span className={`usage level-${level}`}>
      <span className="usage-track" aria-hidden="true">
        <span className="usage-fill" style={{ width: `${width}%` }} />
      </span>
      <span className="usage-figure">
        {level !== 'ok' && (
          <span role="img" aria-label={t(`level.${level}`)}>
            {levelIcon(level)}{' '}
          </span>
        )}
        {format.percent(percent)}
        {detail && <span className="usage-detail"> · {detail}</span>}
      </span>
    </span>
  );
}
