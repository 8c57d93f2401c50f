import type { ColumnFiltersState, SortingState } from '@tanstack/react-table';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { UNSAFE_DataRouterContext, useLocation, useSearchParams } from 'react-router';
import type { DataColumn } from './columns';

// A table's sort and filters live in the URL, so they survive a refresh and a shared link shows the same view:
// `?sort=-cpu,name&q=web&power=poweredOn,suspended`. Every other parameter of the URL is left as it is.

export const SORT_PARAM = 'sort';
export const QUERY_PARAM = 'q';

export interface TableState {
  sorting: SortingState;
  /** Enum columns only; each value is the list of values to keep. */
  filters: ColumnFiltersState;
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
  for (const filter of state.filters) {
    const values = filter.value as string[];
    if (values.length > 0) next.set(filter.id, values.join(','));
  }
  if (state.query) next.set(QUERY_PARAM, state.query);
  return next;
}

/** How long a change waits before it is written to the URL; a later change within it restarts the wait. */
export const URL_WRITE_DELAY_MS = 150;

/** The table state in the URL, and a way to change part of it (replacing the history entry, not adding one).
 * A change shows at once and reaches the URL a moment later: a new URL runs the router and re-renders every
 * route on the page, work that would otherwise sit between a click or keystroke and its result on a 10 000-row
 * table; typing a word writes the URL once. Until the URL moves, the change is held here, whatever else of
 * the URL changes meanwhile. */
export function useTableUrlState(
  columns: readonly ColumnInfo[],
): [TableState, (change: Partial<TableState>) => void] {
  const [params, setParams] = useSearchParams();
  const fromUrl = useMemo(() => readTableState(params, columns), [params, columns]);
  const urlState = JSON.stringify(fromUrl);
  const [pending, setPending] = useState<{ state: TableState; urlState: string } | null>(null);
  const current = pending?.urlState === urlState ? pending.state : fromUrl;
  // The same state keeps the same object when the URL catches up with a change already shown, so the table
  // does not sort 10 000 rows a second time for nothing.
  const serialized = JSON.stringify(current);
  const state = useMemo(() => JSON.parse(serialized) as TableState, [serialized]);

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // A change still waiting when the table goes away is dropped: the URL is another page's by then.
  useEffect(() => () => clearTimeout(timer.current), []);
  // The router hands a setter's updater the parameters of the render that made the setter: the write must use
  // the latest one, or it would undo whatever else changed in the URL while it waited.
  const latestSetParams = useRef(setParams);
  useEffect(() => {
    latestSetParams.current = setParams;
  }, [setParams]);
  // A write is a navigation, and a navigation cancels the one in flight: a link clicked just after a keystroke
  // must not be undone by it. The router's own state says whether one is under way, without the delay of a
  // render; the write waits for it, and is dropped if it leaves this page.
  const router = useContext(UNSAFE_DataRouterContext)?.router;
  const { pathname } = useLocation();
  const update = useCallback(
    (change: Partial<TableState>) => {
      const next = { ...state, ...change };
      setPending({ state: next, urlState });
      const write = () => {
        if (router && router.state.navigation.state !== 'idle') {
          timer.current = setTimeout(write, URL_WRITE_DELAY_MS);
          return;
        }
        if (router && router.state.location.pathname !== pathname) return;
        latestSetParams.current((previous) => writeTableState(previous, next, columns), { replace: true });
      };
      clearTimeout(timer.current);
      timer.current = setTimeout(write, URL_WRITE_DELAY_MS);
    },
    [state, urlState, columns, router, pathname],
  );
  return [state, update];
}
