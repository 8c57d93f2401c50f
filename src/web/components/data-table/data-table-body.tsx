import { useId } from 'react';
import { useFormatter } from '@/web/lib/use-formatter';
import type { DataColumn } from './columns';
import { DataRow, type RowDetail } from './data-row';
import type { DataTableModel } from './use-data-table-model';

/** The rows the virtualiser has in view (and a few either side), between spacers that stand for the rest. */
export function DataTableBody<T>({
  model,
  columns,
  detail,
}: {
  model: DataTableModel<T>;
  columns: readonly DataColumn<T>[];
  detail?: RowDetail<T>;
}) {
  const format = useFormatter();
  const tableId = useId();
  const { virtualizer, expanded } = model;
  const virtualItems = virtualizer.getVirtualItems();
  const paddingTop = virtualItems[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (virtualItems.at(-1)?.end ?? 0);
  const columnCount = columns.length + (detail ? 1 : 0);
  return (
    <tbody>
      {paddingTop > 0 && (
        <tr className="spacer" aria-hidden="true" style={{ height: paddingTop }}>
          <td colSpan={columnCount} />
        </tr>
      )}
      {virtualItems.map((virtualItem) => {
        const item = model.itemAt(virtualItem.index);
        if (!item) return null;
        const { row, id } = item;
        const detailId = `${tableId}-detail-${id}`;
        if (item.detail && detail) {
          return (
            <tr
              key={item.key}
              id={detailId}
              className="detail-row"
              data-index={virtualItem.index}
              ref={virtualizer.measureElement}
            >
              <td colSpan={columnCount}>{detail.render(row)}</td>
            </tr>
          );
        }
        return (
          <DataRow
            key={item.key}
            id={id}
            row={row}
            position={item.position}
            columns={columns}
            format={format}
            detail={detail}
            detailId={expanded.has(id) ? detailId : undefined}
            onToggle={model.toggle}
          />
        );
      })}
      {paddingBottom > 0 && (
        <tr className="spacer" aria-hidden="true" style={{ height: paddingBottom }}>
          <td colSpan={columnCount} />
        </tr>
      )}
    </tbody>
  );
}
