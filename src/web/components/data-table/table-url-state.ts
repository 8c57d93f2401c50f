import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigation, useSearchParams } from 'react-router';
import type { DataColumn } from './columns';

// A table's sort and filters live in the URL, so they survive a refresh and a shared link shows the same view:
// `?sort=-cpu,name&q=web&power=poweredOn,suspended`. Every other parameter of the URL is left as it is.

export const SORT_PARAM = 'sort';
export const QUERY_PARAM = 'q';

export type SortingState = readonly { id: string; desc: boolean }[];

export interface TableState {
  /** The first sort first; the next ones break its ties. */
  sorting: SortingState;
  /** Enum columns only; each value is the list of values to keep. */
  filters: readonly { id: string; value: readonly string[] }[];
  query: string;
}

type ColumnInfo = Pick<DataColumn<unknown>, 'id' | 'type' | 'sortable'>;

const listOf = (raw: string | null) => (raw ?? '').split(',').filter(Boolean);

export function readTableState(params: URLSearchParams, columns: readonly ColumnInfo[]): TableState {
  const sortable = new Set(columns.filter((c) => c.sortable !== false).map((c) => c.id));
  const seen = new Set<string>();
  const sorting = listOf(params.get(SORT_PARAM))
    .map((token) => (token.startsWith('-') ? { id: token.slice(1), desc: true } : { id: token, desc: false }))
    .filter((sort) => sortable.has(sort.id) && !seen.has(sort.id) && seen.add(sort.id));
  const filters = columns
    .filter((c) => c.type === 'enum')
    .flatMap((c) => {
      const values = listOf(params.get(c.id));
      return values.length > 0 ? [{ id: c.id, value: values }] : [];
    });
  return { sorting, filters, query: params.get(QUERY_PARAM) ?? '' };
}

/** `params` showing `state`. Filters go in column order, so one state has one spelling whichever filter came
 * first. */
export function writeTableState(
  params: URLSearchParams,
  state: TableState,
  columns: readonly ColumnInfo[],
): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete(SORT_PARAM);
  next.delete(QUERY_PARAM);
  for (const column of columns) if (column.type === 'enum') next.delete(column.id);
  if (state.sorting.length > 0) {
    next.set(SORT_PARAM, state.sorting.map((s) => (s.desc ? `-${s.id}` : s.id)).join(','));
  }
  for (const column of columns) {
    const values = state.filters.find((f) => f.id === column.id)?.value;
    if (column.type === 'enum' && values && values.length > 0) next.set(column.id, values.join(','));
  }
  if (state.query) next.set(QUERY_PARAM, state.query);
  return next;
}

/** How long a change waits before it is written to the URL; a later change within it restarts the wait. */
export const URL_WRITE_DELAY_MS = 150;

/** The table state, and a way to change part of it. The state is the table's own and shows at once; the URL
 * follows it once changes pause, replacing the history entry. Writing the URL runs the router and re-renders
 * the page, work that must not sit between a keystroke and its rows on a 10 000-row table.
 *
 * nuqs would throttle the same write, but its React Router adapter either writes `history` behind the router
 * (which then keeps an old URL, and the next theme change drops the table's parameters) or navigates, which
 * cancels a link clicked just before the write. */
export function useTableUrlState(
  columns: readonly ColumnInfo[],
): [TableState, (change: Partial<TableState>) => void] {
  const [params, setParams] = useSearchParams();
  const fromUrl = useMemo(() => readTableState(params, columns), [params, columns]);
  const urlKey = writeTableState(new URLSearchParams(), fromUrl, columns).toString();
  const [shown, setShown] = useState({ state: fromUrl, urlKey });
  const shownKey = useMemo(
    () => writeTableState(new URLSearchParams(), shown.state, columns).toString(),
    [shown.state, columns],
  );

  // The table's part of the URL moved. While a change of the table waits to be written, it stays (the move is
  // its own write landing, or is overwritten by it); otherwise the URL's state is taken (back, a link).
  if (shown.urlKey !== urlKey) {
    setShown({ state: shownKey !== shown.urlKey ? shown.state : fromUrl, urlKey });
  }

  // A write is a navigation, and a navigation cancels the one in flight: the write waits for the router to be
  // idle. It uses the setter of the latest URL, so what else changed meanwhile (a theme) is kept. Leaving the
  // page drops it: the URL is another page's by then.
  const navigating = useNavigation().state !== 'idle';
  useEffect(() => {
    if (shownKey === urlKey || navigating) return;
    const timer = setTimeout(
      () => setParams((previous) => writeTableState(previous, shown.state, columns), { replace: true }),
      URL_WRITE_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [shownKey, urlKey, navigating, setParams, shown.state, columns]);

  const update = useCallback(
    (change: Partial<TableState>) =>
      setShown((previous) => ({ ...previous, state: { ...previous.state, ...change } })),
    [],
  );
  return [shown.state, update];
}
