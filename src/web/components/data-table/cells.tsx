import type { TFunction } from '@/web/lib/i18n';
import { useMemo, type MouseEvent, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from '@/web/lib/i18n';
import type { AlertLevel, ThresholdMetric } from '@/shared/thresholds/thresholds';
import type { Formatter } from '@/web/lib/format';
import { withPreservedParams } from '@/web/lib/preferences';
import { useFormatter } from '@/web/lib/use-formatter';
import { levelIcon } from '../status/level-badge';
import { UsageBarView } from '../status/usage-bar';
import type { DataColumn } from './columns';

// Cells are plain elements built by the column definitions, with what they need (words, formatter, links) handed
// down in a `CellKit`: a scroll through 10 000 rows mounts thousands of cells, and a hook subscription in each
// would cost more than the cell. A cell may be a component with hooks only when it must fetch per row (the
// Hosts table's network figures): the virtualiser keeps that to the few dozen rows on screen, rows keyed by id
// keep it mounted (its query with it) through a sort, and the rows' memoisation keeps a poll that leaves its
// row as it was from re-rendering it.

/** What cells need to speak, format and link: the common translator, the page's formatter, and links. */
export interface CellKit {
  t: TFunction;
  format: Formatter;
  /** A link to an in-app path, keeping the URL's preserved parameters. A plain anchor the router follows on a
   * plain click: a `<Link>` per row would run router hooks in every row and redraw them all whenever any part
   * of the URL changes, a sort or a filter included. */
  link: (to: string, children: ReactNode, title?: string) => ReactNode;
}

export function useCellKit(): CellKit {
  const { t } = useTranslation();
  const format = useFormatter();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Only the preserved parameters matter to the links; the kit changes when they do, not on every sort.
  const preserved = withPreservedParams('', params);
  return useMemo(() => {
    const follow = (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      void navigate(event.currentTarget.getAttribute('href') ?? '/');
    };
    const link = (to: string, children: ReactNode, title?: string) => (
      <a href={withPreservedParams(to, new URLSearchParams(preserved))} title={title} onClick={follow}>
        {children}
      </a>
    );
    return { t, format, link };
  }, [t, format, navigate, preserved]);
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

/** How good a connection is: a host's (with maintenance as a state of its own) or a filer's. */
export const CONNECTION_LOOKS: Readonly<Record<string, StateLook>> = {
  connected: { icon: '✓', tone: 'ok' },
  online: { icon: '✓', tone: 'ok' },
  maintenance: { icon: '⚠', tone: 'warning' },
  disconnected: { icon: '✖', tone: 'critical' },
  notResponding: { icon: '✖', tone: 'critical' },
  offline: { icon: '✖', tone: 'critical' },
};

type ColumnBasics<T> = Pick<DataColumn<T>, 'id' | 'header' | 'width'>;

/** A plain text column that the table's search looks into. */
export function textColumn<T>({
  value,
  ...basics
}: ColumnBasics<T> & { value: (row: T) => string | null }): DataColumn<T> {
  return { ...basics, type: 'text', value, searchable: true };
}

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
