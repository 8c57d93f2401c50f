import type { TFunction } from '@/web/lib/i18n';
import { useTranslation } from '@/web/lib/i18n';
import { alertLevel, type ThresholdMetric } from '@/shared/thresholds/thresholds';
import type { Formatter } from '@/web/lib/format';
import { useFormatter } from '@/web/lib/use-formatter';
import { levelIcon } from './level-badge';

export interface UsageBarProps {
  percent: number | null;
  metric: ThresholdMetric;
  /** Absolute figures, e.g. "12.4 / 20 GHz". */
  detail?: string;
}

/** A percentage as a bar coloured by its threshold, with the figure and (when breached) an icon beside it. */
export function UsageBar(props: UsageBarProps) {
  const { t } = useTranslation();
  const format = useFormatter();
  return <UsageBarView {...props} t={t} format={format} />;
}

/** The same bar drawn with a translator (common namespace) and formatter the caller already holds: a table
 * draws hundreds of them as it scrolls, and hooks in each would cost more than the bars themselves. */
export function UsageBarView({
  percent,
  metric,
  detail,
  t,
  format,
}: UsageBarProps & { t: TFunction; format: Formatter }) {
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
