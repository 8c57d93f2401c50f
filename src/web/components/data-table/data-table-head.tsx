import type { Table } from '@tanstack/react-table';
import { useTranslation } from '@/web/lib/i18n';
import type { DataColumn } from './columns';
import { alignClass } from './data-row';

/** The columns' widths and headers; a sortable header is a button that sorts by it (shift-click adds it). */
export function DataTableHead<T>({
  table,
  columns,
  withDetails,
}: {
  table: Table<T>;
  columns: readonly DataColumn<T>[];
  /** Rows have an expander in a first column of their own. */
  withDetails: boolean;
}) {
  const { t } = useTranslation();
  const multiSort = table.getState().sorting.length > 1;
  return (
    <>
      <colgroup>
        {withDetails && <col style={{ width: '2.5rem' }} />}
        {columns.map((column) => (
          <col key={column.id} style={{ width: `${column.width}rem` }} />
        ))}
      </colgroup>
      <thead>
        <tr aria-rowindex={1}>
          {withDetails && (
            <th scope="col">
              <span className="visually-hidden">{t('table.details')}</span>
            </th>
          )}
          {table.getFlatHeaders().map((header) => {
            const column = columns[header.index]!;
            const sorted = header.column.getIsSorted();
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
                      {sorted && multiSort ? header.column.getSortIndex() + 1 : ''}
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
    </>
  );
}
