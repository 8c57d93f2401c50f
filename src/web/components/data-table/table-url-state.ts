import type { ColumnFiltersState, SortingState } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
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

/** The table state in the URL, and a way to change part of it (replacing the history entry, not adding one).
 * A change shows at once: the router applies a new URL a little later (after its loaders), and a table
 * waiting for it would lag behind every click and keystroke. Until the URL moves, the change is held here. */
export function useTableUrlState(
  columns: readonly ColumnInfo[],
): [TableState, (change: Partial<TableState>) => void] {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const [pending, setPending] = useState<{ state: TableState; search: string } | null>(null);
  const fromUrl = useMemo(() => readTableState(params, columns), [params, columns]);
  const current = pending?.search === search ? pending.state : fromUrl;
  // The same state keeps the same object when the URL catches up with a change already shown, so the table
  // does not sort 10 000 rows a second time for nothing.
  const serialized = JSON.stringify(current);
  const state = useMemo(() => JSON.parse(serialized) as TableState, [serialized]);
  const update = useCallback(
    (change: Partial<TableState>) => {
      const next = { ...state, ...change };
      setPending({ state: next, search });
      setParams((previous) => writeTableState(previous, next, columns), { replace: true });
    },
    [state, search, setParams, columns],
  );
  return [state, update];
}
