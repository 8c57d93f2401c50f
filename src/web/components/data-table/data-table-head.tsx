import { useTranslation } from '@/web/lib/i18n';
import type { DataColumn } from './columns';
import { alignClass } from './data-row';
import type { SortingState } from './table-url-state';

/** The columns' widths and headers; a sortable header is a button that sorts by it (shift-click adds it). */
export function DataTableHead<T>({
  sorting,
  onSort,
  columns,
  withDetails,
}: {
  sorting: SortingState;
  onSort: (column: DataColumn<T>, multi: boolean) => void;
  columns: readonly DataColumn<T>[];
  /** Rows have an expander in a first column of their own. */
  withDetails: boolean;
}) {
  const { t } = useTranslation();
  const multiSort = sorting.length > 1;
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
          {columns.map((column) => {
            const sortIndex = sorting.findIndex((sort) => sort.id === column.id);
            const sorted = sortIndex < 0 ? false : sorting[sortIndex]!.desc ? 'desc' : 'asc';
            return (
              <th
                key={column.id}
                scope="col"
                className={alignClass(column)}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
              >
                {column.sortable !== false ? (
                  <button
                    type="button"
                    className="sort-button"
                    title={column.header}
                    onClick={(event) => onSort(column, event.shiftKey)}
                  >
                    {column.header}
                    <span className="sort-mark" aria-hidden="true">
                      {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                      {sorted && multiSort ? sortIndex + 1 : ''}
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
