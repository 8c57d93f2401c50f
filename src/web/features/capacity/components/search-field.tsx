import { useId, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '@/web/lib/i18n';
import { resourceTypeQueryOptions } from '../api/get-resource-type';
import type { FilterProblem } from '../utils/filter-problem';

// The search, in Gnocchi's own query-string syntax (what `gnocchi aggregates --search` takes), with presets,
// the resource type's attribute names to insert, and a filter error shown under the field with a caret where
// the parser stopped.

const PRESETS = {
  poweredOn: 'power_state = "poweredOn"',
  folder: 'folder = ""',
  cluster: 'cluster = ""',
} as const;

interface SearchFieldProps {
  /** What the URL holds; the field is re-mounted (key) when it changes from outside. */
  value: string;
  resourceType: string;
  /** Presets are VM filters: other resource types have none. */
  withPresets: boolean;
  problem?: FilterProblem;
  onSearch: (search: string) => void;
}

function ProblemExcerpt({ text, at }: { text: string; at: number }) {
  // A caret under the character, in a monospace line: the position reads without counting.
  return (
    <pre className="capacity-filter-excerpt" aria-hidden="true">
      {text}
      {'\n'}
      {' '.repeat(at)}^
    </pre>
  );
}

export function SearchField({ value, resourceType, withPresets, problem, onSearch }: SearchFieldProps) {
  const { t } = useTranslation('capacity');
  const [text, setText] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  const helpId = useId();
  const errorId = useId();
  const attributes = useQuery(resourceTypeQueryOptions(resourceType));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text);
  };
  const insert = (word: string) => {
    const field = input.current;
    const start = field?.selectionStart ?? text.length;
    const end = field?.selectionEnd ?? text.length;
    const next = `${text.slice(0, start)}${word}${text.slice(end)}`;
    setText(next);
    field?.focus();
    requestAnimationFrame(() => field?.setSelectionRange(start + word.length, start + word.length));
  };
  const preset = (filter: string) => {
    setText(filter);
    // A preset with a value to fill in waits for it; a complete one searches at once.
    if (filter.endsWith('""')) {
      input.current?.focus();
      requestAnimationFrame(() => input.current?.setSelectionRange(filter.length - 1, filter.length - 1));
    } else onSearch(filter);
  };
  const shown = problem && text === value;

  return (
    <form className="capacity-search" onSubmit={submit} role="search">
      <label htmlFor={`${helpId}-input`}>{t('search.label')}</label>
      <div className="capacity-search-row">
        <input
          id={`${helpId}-input`}
          ref={input}
          type="search"
          className="capacity-search-input"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={t('search.placeholder')}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? `${errorId} ${helpId}` : helpId}
        />
        <button type="submit">{t('search.apply')}</button>
        {value !== '' && (
          <button
            type="button"
            onClick={() => {
              setText('');
              onSearch('');
            }}
          >
            {t('search.clear')}
          </button>
        )}
      </div>
      <p id={helpId} className="muted capacity-search-help">
        {t('search.help')}
      </p>
      {shown && (
        <div id={errorId} className="form-error capacity-filter-problem" role="alert">
          <p>
            {problem.kind === 'unbalanced'
              ? t('problem.unbalanced', { at: (problem.at ?? 0) + 1 })
              : problem.at === undefined
                ? t('problem.invalid')
                : t('problem.invalidAt', { at: problem.at + 1 })}
          </p>
          {problem.at !== undefined && <ProblemExcerpt text={value} at={problem.at} />}
          {problem.kind === 'invalid' && (
            <p className="capacity-filter-detail">{t('problem.detail', { message: problem.message })}</p>
          )}
        </div>
      )}
      <div className="capacity-search-helpers">
        {withPresets && (
          <div role="group" aria-label={t('search.presets')}>
            <span className="muted">{t('search.presets')}:</span>{' '}
            {Object.entries(PRESETS).map(([name, filter]) => (
              <button key={name} type="button" className="chip" onClick={() => preset(filter)}>
                {t(`preset.${name as keyof typeof PRESETS}`)}
              </button>
            ))}
          </div>
        )}
        {attributes.data && (
          <div role="group" aria-label={t('search.attributes')}>
            <span className="muted">{t('search.attributes')}:</span>{' '}
            {attributes.data.map((name) => (
              <button
                key={name}
                type="button"
                className="chip chip-code"
                aria-label={t('search.insert', { name })}
                onClick={() => insert(name)}
              >
                {name}
              </button>
            ))}
          </div>
        )}
      </div>
    </form>
  );
}
