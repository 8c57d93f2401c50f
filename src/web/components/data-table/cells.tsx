import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertLevel, ThresholdMetric } from '../../../shared/thresholds/thresholds';
import { levelIcon } from '../status/level-badge';
import { UsageBar } from '../status/usage-bar';
import type { DataColumn } from './columns';

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

export interface StateLook {
  tone: StateTone;
  icon?: string;
}

/** A state as an icon and a word, tinted by how good it is (never by colour alone). */
export function StateLabel({ look, children }: { look: StateLook; children: ReactNode }) {
  return (
    <span className={`state-label tone-${look.tone}`}>
      {look.icon && <span aria-hidden="true">{look.icon} </span>}
      {children}
    </span>
  );
}

/** How good the lifecycle state of an OVH resource is (hosts and filers share `adding`…`unknown`). */
export const RESOURCE_STATE_LOOKS: Readonly<Record<string, StateLook>> = {
  delivered: { tone: 'ok' },
  adding: { tone: 'warning' },
  removing: { tone: 'warning' },
  error: { tone: 'critical' },
};

type ColumnBasics<T> = Pick<DataColumn<T>, 'id' | 'header' | 'width'>;

/** A state column: its word and look per value, and a filter listing the values present. Values without a look
 * read as neutral. */
export function stateColumn<T>({
  value,
  label,
  looks,
  ...basics
}: ColumnBasics<T> & {
  value: (row: T) => string;
  label: (value: string) => string;
  looks: Readonly<Record<string, StateLook>>;
}): DataColumn<T> {
  return {
    ...basics,
    type: 'enum',
    value,
    optionLabel: label,
    cell: (row) => {
      const state = value(row);
      return <StateLabel look={looks[state] ?? { tone: 'neutral' }}>{label(state)}</StateLabel>;
    },
  };
}

/** A percentage judged against its threshold, as a bar with (optionally) the absolute figures beside it. */
export function usageColumn<T>({
  value,
  metric,
  detail,
  ...basics
}: ColumnBasics<T> &
  Pick<DataColumn<T>, 'csv'> & {
    value: (row: T) => number | null;
    metric: ThresholdMetric;
    detail?: (row: T) => string;
  }): DataColumn<T> {
  return {
    ...basics,
    unit: '%',
    type: 'number',
    align: 'start',
    value,
    cell: (row) => <UsageBar percent={value(row)} metric={metric} detail={detail?.(row)} />,
  };
}
