import { useId, useState, type FormEvent } from 'react';
import './time-range.css';
import { useTranslation } from '@/web/lib/i18n';
import { minuteStamp } from '@/web/lib/date-stamp';
import { usePreferences } from '@/web/lib/preferences';
import { fromInputValue, rangeBounds, rangeProblem, type GraphRange, type RangeProblem } from './range';

// A custom range: two date-times in the zone the page shows (UTC or local), checked against the server's caps
// before the URL changes, with the reason beside the inputs when they cannot be shown.

export const CUSTOM_RANGE_LEGEND_ID = 'graphs-custom-range';

const PROBLEM_FIELD: Record<RangeProblem, 'from' | 'to' | 'both'> = {
  missing: 'both',
  order: 'both',
  future: 'to',
  tooLong: 'both',
  tooOld: 'from',
};

interface CustomRangeFormProps {
  /** What the page shows now: the inputs start from its bounds. Re-mount (key) to reset them. */
  range: GraphRange;
  onApply: (range: { from: number; to: number }) => void;
}

export function CustomRangeForm({ range, onApply }: CustomRangeFormProps) {
  const { t } = useTranslation();
  const [{ tz }] = usePreferences();
  const errorId = useId();
  const [initial] = useState(() => rangeBounds(range, Date.now()));
  const [from, setFrom] = useState(() => minuteStamp(initial.from, tz));
  const [to, setTo] = useState(() => minuteStamp(initial.to, tz));
  const [problem, setProblem] = useState<RangeProblem>();
  const zone = tz === 'utc' ? t('range.custom.zoneUtc') : t('range.custom.zoneLocal');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = { from: fromInputValue(from, tz), to: fromInputValue(to, tz) };
    const found = rangeProblem(next.from, next.to, Date.now());
    setProblem(found);
    if (!found) onApply(next);
  };
  const field = (name: 'from' | 'to', value: string, onChange: (value: string) => void) => {
    const invalid =
      problem !== undefined && (PROBLEM_FIELD[problem] === name || PROBLEM_FIELD[problem] === 'both');
    return (
      <label>
        <span>
          {t(`range.custom.${name}`)} <span className="muted">({zone})</span>
        </span>
        <input
          type="datetime-local"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
        />
      </label>
    );
  };

  return (
    <form className="custom-range" onSubmit={submit} noValidate>
      <fieldset>
        <legend id={CUSTOM_RANGE_LEGEND_ID}>{t('range.custom.legend')}</legend>
        {field('from', from, setFrom)}
        {field('to', to, setTo)}
        <button type="submit">{t('range.custom.apply')}</button>
        {problem && (
          <p id={errorId} className="form-error" role="alert">
            {t(`range.problem.${problem}`)}
          </p>
        )}
      </fieldset>
    </form>
  );
}
