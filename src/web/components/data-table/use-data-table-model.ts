import {
  getCoreRowModel,
  getFilteredRowModel,
  useReactTable,
  type ColumnDef,
  type FilterFn,
  type Row,
  type RowModel,
  type Table,
  type Updater,
} from '@tanstack/react-table';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useState, type RefObject } from 'react';
import type { CellValue, DataColumn } from './columns';
import type { FilterOption } from './column-filter';
import { ROW_HEIGHT } from './data-row';
import { compareText, sortRows } from './sort-rows';
import { useTableUrlState, type TableState } from './table-url-state';

// What a data table shows, apart from how: its state (in the URL), the rows that pass its filters in its
// order, the values its state filters offer, and which rows the virtualiser lays out.

/** Rows drawn beyond each edge of the view: enough for a wheel step, few enough that a sort redraws little. */
const OVERSCAN = 4;
const DETAIL_ESTIMATE = 160;
const rowHeight = () => ROW_HEIGHT;
const itemIndex = (index: number) => index;

/** One item the virtualiser lays out: a shown row, or the details under an expanded one. */
export interface DisplayItem<T> {
  row: Row<T>;
  /** 0-based, among the rows shown. */
  position: number;
  detail: boolean;
  key: string;
}

export interface DataTableModel<T> {
  state: TableState;
  /** Changes the state, back at the top of the rows. */
  change: (next: Partial<TableState>) => void;
  /** Whether a text or state filter is on. */
  filtered: boolean;
  table: Table<T>;
  /** The rows that pass the filters, sorted. */
  shownRows: readonly Row<T>[];
  /** A state column's values, with how many rows hold each before any filter. */
  filterOptions: (column: DataColumn<T>) => FilterOption[];
  expanded: ReadonlySet<string>;
  toggle: (rowId: string) => void;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  itemAt: (index: number) => DisplayItem<T> | undefined;
}

const enumFilter: FilterFn<unknown> = (row, id, values: string[]) =>
  values.includes(String(row.getValue(id)));

/** TanStack's `getFacetedUniqueValues`, counting through the column's accessor: the library's own keeps every
 * value of every row in per-row caches, which cost 150 ms for the VM table's six state columns (10 000 rows),
 * and the first render of the VMs tab some 60 ms of CPU on the bench; this counts them in about 3 ms. */
function countedFacets<T>(table: Table<T>, columnId: string): () => Map<unknown, number> {
  let counted: RowModel<T> | undefined;
  let counts = new Map<unknown, number>();
  return () => {
    const column = table.getColumn(columnId);
    const model = column?.getFacetedRowModel();
    const value = column?.accessorFn;
    if (model && value && model !== counted) {
      counted = model;
      counts = new Map();
      for (const row of model.flatRows) {
        const key = value(row.original, row.index);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    return counts;
  };
}

function searchTextOf<T>(columns: readonly DataColumn<T>[], row: T): string {
  const parts: string[] = [];
  for (const column of columns) {
    if (typeof column.searchable === 'function') parts.push(column.searchable(row));
    else if (column.searchable) parts.push(String(column.value(row) ?? ''));
  }
  return parts.join('\n').toLowerCase();
}

export function useDataTableModel<T>({
  rows,
  columns,
  getRowId,
  scrollRef,
}: {
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  getRowId: (row: T) => string;
  /** The box the rows scroll in. */
  scrollRef: RefObject<HTMLDivElement | null>;
}): DataTableModel<T> {
  const [state, update] = useTableUrlState(columns);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback(
    (id: string) =>
      setExpanded((previous) => {
        const next = new Set(previous);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );

  // A new sort or filter shows the top of its result, not some middle of it. Set before the change renders, so
  // the browser is not made to lay the table out in the middle of drawing it.
  const change = (next: Partial<TableState>) => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    update(next);
  };

  // The text filter reads each row once, whichever columns it searches; cached per row object, so a poll that
  // brings new rows brings new text and an unchanged page costs nothing.
  const searchIndex = useMemo(() => {
    const cache = new WeakMap<object, string>();
    return (row: T) => {
      const key = row as object;
      let text = cache.get(key);
      if (text === undefined) {
        text = searchTextOf(columns, row);
        cache.set(key, text);
      }
      return text;
    };
  }, [columns]);

  const columnDefs = useMemo<ColumnDef<T, CellValue | undefined>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        accessorFn: (row) => column.value(row) ?? undefined,
        enableSorting: column.sortable !== false,
        sortDescFirst: column.type === 'number',
        filterFn: enumFilter as FilterFn<T>,
        enableColumnFilter: column.type === 'enum',
      })),
    [columns],
  );

  // TanStack's core row model keeps each row's values until `data` changes. A column can read from outside its
  // row (the VMs' guest agents arrive in their own answer), so new columns hand it a new array to read again.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the new columns are the reason for the new array
  const data = useMemo(() => [...rows], [rows, columnDefs]);

  const firstColumnId = columns[0]?.id;
  const globalFilter = state.query.trim().toLowerCase();
  // TanStack Table hands back functions that React Compiler cannot memoise; this hook does not rely on it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable<T>({
    data,
    columns: columnDefs,
    getRowId: (row) => getRowId(row),
    state: { sorting: state.sorting, columnFilters: state.filters, globalFilter },
    onSortingChange: (updater: Updater<TableState['sorting']>) =>
      change({ sorting: typeof updater === 'function' ? updater(state.sorting) : updater }),
    // The whole row is searched once, through its first column, instead of once per column.
    getColumnCanGlobalFilter: (column) => column.id === firstColumnId,
    globalFilterFn: (row, _columnId, query: string) => searchIndex(row.original).includes(query),
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    // Without a `getFacetedRowModel`, a column's facets count every row before any filter: ticking "Off" or
    // typing a name does not change what the other state filters offer.
    getFacetedUniqueValues: countedFacets,
    // TanStack keeps the sort state and header toggles; the rows are sorted by `sortRows`, which reads each
    // value once and compares numbers in a typed array instead of calling accessors at every comparison. Measured
    // on 10 000 rows against TanStack's `getSortedRowModel` (same collator): 4 ms instead of 84 for a number
    // column, 54 ms instead of 183 for names; bench/vm-table.bench.ts times the whole click in Chromium.
    manualSorting: true,
    isMultiSortEvent: (event) => (event as MouseEvent).shiftKey,
  });
  const filteredRows = table.getRowModel().rows;
  const shownRows = useMemo(
    () => sortRows(filteredRows, (row) => row.original, state.sorting, columns),
    [filteredRows, state.sorting, columns],
  );

  const filterOptions = (column: DataColumn<T>): FilterOption[] => {
    const counts = new Map<string, number>();
    for (const [value, count] of table.getColumn(column.id)?.getFacetedUniqueValues() ?? []) {
      const key = String(value ?? '');
      counts.set(key, (counts.get(key) ?? 0) + count);
    }
    return [...counts]
      .map(([value, count]) => ({ value, count, label: column.optionLabel?.(value) ?? value }))
      .sort((a, b) => compareText(a.label, b.label));
  };

  // What the virtualiser lays out: each shown row, and under an expanded one its details. With nothing
  // expanded, item i is row i, every item has one height, and nothing of the layout depends on the order: the
  // virtualiser then keeps its measurements through a sort or filter instead of making 10 000 again.
  const details = useMemo(() => {
    if (expanded.size === 0) return null;
    const list: DisplayItem<T>[] = [];
    shownRows.forEach((row, position) => {
      list.push({ row, position, detail: false, key: row.id });
      if (expanded.has(row.id)) list.push({ row, position, detail: true, key: `${row.id}:detail` });
    });
    return list;
  }, [shownRows, expanded]);
  const itemAt = (index: number): DisplayItem<T> | undefined => {
    if (details) return details[index];
    const row = shownRows[index];
    return row && { row, position: index, detail: false, key: row.id };
  };
  const sizing = useMemo(
    () =>
      details && {
        estimateSize: (index: number) => (details[index]?.detail ? DETAIL_ESTIMATE : ROW_HEIGHT),
        getItemKey: (index: number) => details[index]?.key ?? index,
      },
    [details],
  );
  const virtualizer = useVirtualizer({
    count: details ? details.length : shownRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: sizing?.estimateSize ?? rowHeight,
    getItemKey: sizing?.getItemKey ?? itemIndex,
    overscan: OVERSCAN,
  });

  return {
    state,
    change,
    filtered: state.filters.length > 0 || globalFilter !== '',
    table,
    shownRows,
    filterOptions,
    expanded,
    toggle,
    virtualizer,
    itemAt,
  };
}
