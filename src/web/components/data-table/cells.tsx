import type { TFunction } from '../../lib/i18n';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from '../../lib/i18n';
import type { AlertLevel, ThresholdMetric } from '../../../shared/thresholds/thresholds';
import type { Formatter } from '../../lib/format';
import { useFormatter } from '../../lib/use-formatter';
import { levelIcon } from '../status/level-badge';
import { UsageBarView } from '../status/usage-bar';
import type { DataColumn } from './columns';

// Cells are plain elements built by the column definitions, not components with hooks of their own: a scroll
// through 10 000 rows mounts thousands of cells, and each hook subscription would cost more than the cell.

/** What cells need to speak and format: the common translator and the page's formatter. */
export interface CellKit {
  t: TFunction;
  format: Formatter;
}

export function useCellKit(): CellKit {
  const { t } = useTranslation();
  const format = useFormatter();
  return useMemo(() => ({ t, format }), [t, format]);
}

/** A figure judged against a threshold: coloured, and with an icon and its level's name when breached. */
export function thresholdFigure(kit: CellKit, level: AlertLevel, figure: ReactNode): ReactNode {
  return (
    <span className={`threshold-figure level-${level}`}>
      {level !== 'ok' && (
        <span role="img" aria-label={kit.t(`level.${level}`)}>
          {levelIcon(level)}{' '}
        </span>
      )}
      {figure}
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
export function usageColumn<T>(
  kit: CellKit,
  {
    value,
    metric,
    detail,
    ...basics
  }: ColumnBasics<T> &
    Pick<DataColumn<T>, 'csv'> & {
      value: (row: T) => number | null;
      metric: ThresholdMetric;
      detail?: (row: T) => string;
    },
): DataColumn<T> {
  return {
    ...basics,
    unit: '%',
    type: 'number',
    align: 'start',
    value,
    cell: (row) => (
      <UsageBarView
        percent={value(row)}
        metric={metric}
        detail={detail?.(row)}
        t={kit.t}
        format={kit.format}
      />
    ),
  };
}
