import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '@/web/lib/i18n';

export interface FilterOption {
  value: string;
  label: string;
  /** Rows with this value, before any filter. */
  count: number;
}

/** A state column's filter: tick the values to keep; none ticked keeps every row. */
export function ColumnFilter({
  label,
  options,
  selected,
  onChange,
}: {
  label: string;
  options: FilterOption[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);

  // A dropdown closes when the user clicks elsewhere, as a native select does.
  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) ref.current.open = false;
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  // A value kept in the URL stays listed (with no rows) so it can be unticked after the data changed.
  const listed = [
    ...options,
    ...selected
      .filter((value) => !options.some((o) => o.value === value))
      .map((value) => ({ value, label: value, count: 0 })),
  ];
  const current =
    selected.length === 0
      ? t('table.filterAll')
      : selected.length === 1
        ? (listed.find((o) => o.value === selected[0])?.label ?? selected[0])
        : t('table.filterSome', { count: selected.length });

  return (
    <details
      ref={ref}
      className={`column-filter${selected.length > 0 ? ' is-active' : ''}`}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && event.currentTarget.open) {
          event.currentTarget.open = false;
          event.currentTarget.querySelector('summary')?.focus();
        }
      }}
    >
      <summary>
        {label}: <strong>{current}</strong>
      </summary>
      <fieldset>
        <legend className="visually-hidden">{label}</legend>
        {listed.map((option) => (
          <label key={option.value}>
            <input
              type="checkbox"
              checked={selected.includes(option.value)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...selected, option.value]
                    : selected.filter((value) => value !== option.value),
                )
              }
            />{' '}
            {option.label} <span className="muted">({option.count})</span>
          </label>
        ))}
        {selected.length > 0 && (
          <button type="button" onClick={() => onChange([])}>
            {t('table.showAll')}
          </button>
        )}
      </fieldset>
    </details>
  );
}
