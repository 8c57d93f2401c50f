import { useRef, type KeyboardEvent } from 'react';
import './time-range.css';
import { useTranslation } from '@/web/lib/i18n';
import { PeriodSchema, type PeriodName } from '@/shared/api/series';

// Day / Week / Month / Year as a WAI-ARIA tablist: one tab stop, arrows (and Home/End) move and select, so the
// keyboard switches periods as fast as the mouse. No tab is selected while a custom range is shown.

const PERIODS = PeriodSchema.options;
const MOVES: Record<string, (index: number) => number> = {
  ArrowRight: (i) => i + 1,
  ArrowDown: (i) => i + 1,
  ArrowLeft: (i) => i - 1,
  ArrowUp: (i) => i - 1,
  Home: () => 0,
  End: () => PERIODS.length - 1,
};

export const periodTabId = (period: PeriodName) => `graphs-period-${period}`;

interface PeriodTabsProps {
  selected: PeriodName | undefined;
  panelId: string;
  onSelect: (period: PeriodName) => void;
}

export function PeriodTabs({ selected, panelId, onSelect }: PeriodTabsProps) {
  const { t } = useTranslation();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const next = (move(index) + PERIODS.length) % PERIODS.length;
    tabs.current[next]?.focus();
    onSelect(PERIODS[next]!);
  };

  return (
    <div role="tablist" aria-label={t('range.periods.label')} className="period-tabs">
      {PERIODS.map((period, index) => (
        <button
          key={period}
          ref={(node) => {
            tabs.current[index] = node;
          }}
          id={periodTabId(period)}
          type="button"
          role="tab"
          aria-selected={selected === period}
          aria-controls={panelId}
          tabIndex={(selected ?? PERIODS[0]) === period ? 0 : -1}
          onClick={() => onSelect(period)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {t(`range.periods.${period}`)}
        </button>
      ))}
    </div>
  );
}
