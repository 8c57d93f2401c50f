import { memo, type ReactNode } from 'react';
import { NO_VALUE, type Formatter } from '@/web/lib/format';
import type { DataColumn } from './columns';

// One data row of the table. Memoised: a URL change, a poll that leaves a row as it was, or a scroll step
// redraws only the rows that changed or came into view, not every row on screen.

/** px; fixed so the virtualiser never has to measure a data row. */
export const ROW_HEIGHT = 36;

export interface RowDetail<T> {
  render: (row: T) => ReactNode;
  toggleLabel: (row: T) => string;
}

export const alignClass = (column: Pick<DataColumn<unknown>, 'align' | 'type'>) =>
  (column.align ?? (column.type === 'number' ? 'end' : 'start')) === 'end' ? 'num' : undefined;

function defaultCell<T>(column: DataColumn<T>, row: T, format: Formatter): ReactNode {
  const value = column.value(row);
  if (value === null || value === '') return NO_VALUE;
  if (typeof value === 'number') return format.number(value);
  return column.optionLabel ? column.optionLabel(value) : value;
}

interface DataRowProps<T> {
  id: string;
  row: T;
  /** 0-based, among the rows shown. */
  position: number;
  columns: readonly DataColumn<T>[];
  format: Formatter;
  detail?: RowDetail<T>;
  /** The details row's element id, when the row has details and they are open. */
  detailId?: string;
  onToggle: (id: string) => void;
}

function DataRowView<T>({ id, row, position, columns, format, detail, detailId, onToggle }: DataRowProps<T>) {
  return (
    <tr aria-rowindex={position + 2} data-row-id={id} style={{ height: ROW_HEIGHT }}>
      {detail && (
        <td>
          <button
            type="button"
            className="expander"
            aria-expanded={detailId !== undefined}
            aria-controls={detailId}
            aria-label={detail.toggleLabel(row)}
            onClick={() => onToggle(id)}
          >
            <span aria-hidden="true">{detailId !== undefined ? '▾' : '▸'}</span>
          </button>
        </td>
      )}
      {columns.map((column) => (
        <td key={column.id} className={alignClass(column)}>
          {column.cell ? column.cell(row) : defaultCell(column, row, format)}
        </td>
      ))}
    </tr>
  );
}

export const DataRow = memo(DataRowView) as typeof DataRowView;
