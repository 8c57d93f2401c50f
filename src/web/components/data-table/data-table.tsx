import { useRef } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import { EmptyState } from '../states/query-states';
import type { DataColumn } from './columns';
import type { RowDetail } from './data-row';
import { DataTableBody } from './data-table-body';
import { DataTableHead } from './data-table-head';
import { DataTableToolbar } from './data-table-toolbar';
import { useDataTableModel } from './use-data-table-model';
import './data-table.css';

// The Filers, Hosts and VMs tables: sort, text and state filters (all in the URL), a row count, CSV export of
// the current view, and virtualised rows so 10 000 VMs scroll as smoothly as 10.

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
  const scrollRef = useRef<HTMLDivElement>(null);
  const model = useDataTableModel({ rows, columns, getRowId, scrollRef });

  if (rows.length === 0) return <EmptyState>{emptyText}</EmptyState>;

  const width = columns.reduce((sum, c) => sum + c.width, detail ? 2.5 : 0);
  return (
    <div className={`data-table-frame${placeholder ? ' is-placeholder' : ''}`} aria-busy={placeholder}>
      <DataTableToolbar
        model={model}
        columns={columns}
        total={rows.length}
        countLabel={countLabel}
        exportName={exportName}
      />
      <div className="data-table-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label={label}>
        <table
          className="data-table"
          aria-label={label}
          aria-rowcount={model.shownRows.length + 1}
          style={{ width: `${width}rem` }}
        >
          <DataTableHead
            sorting={model.state.sorting}
            onSort={model.sortBy}
            columns={columns}
            withDetails={detail !== undefined}
          />
          <DataTableBody model={model} columns={columns} detail={detail} />
        </table>
        {model.shownRows.length === 0 && (
          <EmptyState>
            <p>{noMatchText}</p>
            <button type="button" onClick={() => model.change({ filters: [], query: '' })}>
              {t('table.clearFilters')}
            </button>
          </EmptyState>
        )}
      </div>
    </div>
  );
}
