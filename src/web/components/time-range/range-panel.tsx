import type { ReactNode } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import { usePreferences } from '@/web/lib/preferences';
import { CUSTOM_RANGE_LEGEND_ID, CustomRangeForm } from './custom-range-form';
import { periodTabId, PeriodTabs } from './period-tabs';
import { rangeSearch, type GraphRange, type RangeProblem } from './range';
import './time-range.css';

/**
 * The period tabs and the custom range form, why the address's range could not be shown, and the panel they
 * control: the chosen period's tab panel, or a region named by the custom range's legend.
 */
export function RangePanel({
  range,
  problem,
  panelId,
  className,
  busy,
  placeholder,
  onRange,
  children,
}: {
  range: GraphRange;
  /** Why the range in the address was replaced by the default one. */
  problem: RangeProblem | undefined;
  panelId: string;
  className: string;
  busy: boolean;
  /** The panel shows the previous range's data while the new one's comes. */
  placeholder: boolean;
  onRange: (range: GraphRange) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [{ tz }] = usePreferences();
  const period = 'period' in range ? range.period : undefined;
  return (
    <>
      <div className="range-controls">
        <PeriodTabs selected={period} panelId={panelId} onSelect={(p) => onRange({ period: p })} />
        {/* Re-made when the range or the zone changes, so that its fields show them. */}
        <CustomRangeForm key={`${rangeSearch(range)}|${tz}`} range={range} onApply={onRange} />
      </div>
      {problem && (
        <p className="notice" role="alert">
          {t('range.inUrl', { reason: t(`range.problem.${problem}`) })}
        </p>
      )}
      <section
        id={panelId}
        role={period ? 'tabpanel' : 'region'}
        aria-labelledby={period ? periodTabId(period) : CUSTOM_RANGE_LEGEND_ID}
        aria-busy={busy}
        className={placeholder ? `${className} is-placeholder` : className}
      >
        {children}
      </section>
    </>
  );
}
