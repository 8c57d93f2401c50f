import {
  getCoreRowModel,
  getFilteredRowModel,
  useReactTable,
  type ColumnDef,
  type FilterFn,
  type Row,
  type Updater,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from '../../lib/i18n';
import { usePreferences } from '../../lib/preferences';
import { useFormatter } from '../../lib/use-formatter';
import { EmptyState } from '../states/query-states';
import type { CellValue, DataColumn } from './columns';
import { alignClass, DataRow, ROW_HEIGHT, type RowDetail } from './data-row';
import { ColumnFilter, type FilterOption } from './column-filter';
import { buildCsv, csvFileName, downloadCsv } from './csv';
import { compareText, sortRows } from './sort-rows';
import { useTableUrlState, type TableState } from './table-url-state';
import './data-table.css';

// The Filers, Hosts and VMs tables: sort, text and state filters (all in the URL), a row count, CSV export of
// the current view, and virtualised rows so 10 000 VMs scroll as smoothly as 10.

/** Rows drawn beyond each edge of the view: enough for a wheel step, few enough that a sort redraws little. */
const OVERSCAN = 4;
const DETAIL_ESTIMATE = 160;
const rowHeight = () => ROW_HEIGHT;
const itemIndex = (index: number) => index;

export interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  getRowId: (row: T) => string;
  /** The table's accessible name. */
  label: string;
  /** "120 VMs", for the row count. */
  countLabel: (count: number) => string;
  /** Shown instead of the table when there are no rows at all. */
  emptyText: string;
  /** Shown when the filters leave no row. */
  noMatchText: string;
  /** The CSV file's name before its date, e.g. `pcc-1-886-vms`. */
  exportName: string;
  /** The rows belong to something else (the previous datacenter) while the right ones load. */
  placeholder?: boolean;
  /** Per-row details behind an expander (e.g. a host's NICs). */
  detail?: RowDetail<T>;
}

const enumFilter: FilterFn<unknown> = (row, id, values: string[]) =>
  values.includes(String(row.getValue(id)));

function searchTextOf<T>(columns: readonly DataColumn<T>[], row: T): string {
  const parts: string[] = [];
  for (const column of columns) {
    if (typeof column.searchable === 'function') parts.push(column.searchable(row));
    else if (column.searchable) parts.push(String(column.value(row) ?? ''));
  }
  return parts.join('\n').toLowerCase();
}

type DisplayItem<T> = { row: Row<T>; position: number; detail: boolean; key: string };

export function DataTable<T>({
  rows,
  columns,
  getRowId,
  label,
  countLabel,
  emptyText,
  noMatchText,
  exportName,
  placeholder = false,
  detail,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const format = useFormatter();
  const [{ tz }] = usePreferences();
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
  const scrollRef = useRef<HTMLDivElement>(null);
  const tableId = useId();

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

  const firstColumnId = columns[0]?.id;
  const globalFilter = state.query.trim().toLowerCase();
  const data = rows as T[];
  // TanStack Table hands back functions that React Compiler cannot memoise; this component does not rely on it.
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
    // TanStack keeps the sort state and header toggles; the rows are sorted by `sortRows`, which reads each
    // value once instead of at every comparison (10 000 rows: a few ms instead of a visible pause).
    manualSorting: true,
    isMultiSortEvent: (event) => (event as MouseEvent).shiftKey,
  });
  const filteredRows = table.getRowModel().rows;
  const shownRows = useMemo(
    () => sortRows(filteredRows, (row) => row.original, state.sorting, columns),
    [filteredRows, state.sorting, columns],
  );

  const filterOptions = useMemo(() => {
    const options = new Map<string, FilterOption[]>();
    for (const column of columns) {
      if (column.type !== 'enum') continue;
      const counts = new Map<string, number>();
      for (const row of rows) {
        const value = String(column.value(row) ?? '');
        counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      options.set(
        column.id,
        [...counts]
          .map(([value, count]) => ({ value, count, label: column.optionLabel?.(value) ?? value }))
          .sort((a, b) => compareText(a.label, b.label)),
      );
    }
    return options;
  }, [columns, rows]);

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

  if (rows.length === 0) return <EmptyState>{emptyText}</EmptyState>;

  const filtered = state.filters.length > 0 || globalFilter !== '';
  const virtualItems = virtualizer.getVirtualItems();
  const paddingTop = virtualItems[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (virtualItems.at(-1)?.end ?? 0);
  const columnCount = columns.length + (detail ? 1 : 0);
  const width = columns.reduce((sum, c) => sum + c.width, detail ? 2.5 : 0);
  const clearFilters = () => change({ filters: [], query: '' });

  return (
    <div className={`data-table-frame${placeholder ? ' is-placeholder' : ''}`} aria-busy={placeholder}>
      <div className="data-table-toolbar">
        <label className="data-table-search">
          <span className="visually-hidden">{t('table.search')}</span>
          <input
            type="search"
            value={state.query}
            placeholder={t('table.searchPlaceholder')}
            onChange={(event) => change({ query: event.target.value })}
          />
        </label>
        {columns
          .filter((column) => column.type === 'enum')
          .map((column) => (
            <ColumnFilter
              key={column.id}
              label={column.header}
              options={filterOptions.get(column.id) ?? []}
              selected={(state.filters.find((f) => f.id === column.id)?.value as string[] | undefined) ?? []}
              onChange={(values) =>
                change({
                  filters: [
                    ...state.filters.filter((f) => f.id !== column.id),
                    ...(values.length > 0 ? [{ id: column.id, value: values }] : []),
                  ],
                })
              }
            />
          ))}
        <p className="data-table-count" role="status">
          {countLabel(rows.length)}
          {filtered &&
            ` · ${t('table.shown', { count: shownRows.length, n: format.number(shownRows.length, 0) })}`}
        </p>
        <button
          type="button"
          onClick={() =>
            downloadCsv(
              buildCsv(
                columns,
                shownRows.map((row) => row.original),
              ),
              csvFileName(exportName, Date.now(), tz),
            )
          }
        >
          {t('table.exportCsv')}
        </button>
      </div>

      <div className="data-table-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label={label}>
        <table
          className="data-table"
          aria-label={label}
          aria-rowcount={shownRows.length + 1}
          style={{ width: `${width}rem` }}
        >
          <colgroup>
            {detail && <col style={{ width: '2.5rem' }} />}
            {columns.map((column) => (
              <col key={column.id} style={{ width: `${column.width}rem` }} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              {detail && (
                <th scope="col">
                  <span className="visually-hidden">{t('table.details')}</span>
                </th>
              )}
              {table.getFlatHeaders().map((header) => {
                const column = columns[header.index]!;
                const sorted = header.column.getIsSorted();
                const sortIndex = header.column.getSortIndex();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={alignClass(column)}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        className="sort-button"
                        title={column.header}
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        {column.header}
                        <span className="sort-mark" aria-hidden="true">
                          {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                          {sorted && state.sorting.length > 1 ? sortIndex + 1 : ''}
                        </span>
                      </button>
                    ) : (
                      <span className="header-label" title={column.header}>
                        {column.header}
                      </span>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {paddingTop > 0 && (
              <tr className="spacer" aria-hidden="true" style={{ height: paddingTop }}>
                <td colSpan={columnCount} />
              </tr>
            )}
            {virtualItems.map((virtualItem) => {
              const item = itemAt(virtualItem.index);
              if (!item) return null;
              const { row } = item;
              const detailId = `${tableId}-detail-${row.id}`;
              if (item.detail && detail) {
                return (
                  <tr
                    key={item.key}
                    id={detailId}
                    className="detail-row"
                    data-index={virtualItem.index}
                    ref={virtualizer.measureElement}
                  >
                    <td colSpan={columnCount}>{detail.render(row.original)}</td>
                  </tr>
                );
              }
              return (
                <DataRow
                  key={item.key}
                  id={row.id}
                  row={row.original}
                  position={item.position}
                  columns={columns}
                  format={format}
                  detail={detail}
                  detailId={expanded.has(row.id) ? detailId : undefined}
                  onToggle={toggle}
                />
              );
            })}
            {paddingBottom > 0 && (
              <tr className="spacer" aria-hidden="true" style={{ height: paddingBottom }}>
                <td colSpan={columnCount} />
              </tr>
            )}
          </tbody>
        </table>
        {shownRows.length === 0 && (
          <EmptyState>
            <p>{noMatchText}</p>
            <button type="button" onClick={clearFilters}>
              {t('table.clearFilters')}
            </button>
          </EmptyState>
        )}
      </div>
    </div>
  );
}
