import { downloadText } from '@/web/lib/download';
import { useTranslation } from '@/web/lib/i18n';
import { usePreferences } from '@/web/lib/preferences';
import { useFormatter } from '@/web/lib/use-formatter';
import type { DataColumn } from './columns';
import { ColumnFilter } from './column-filter';
import { buildCsv, csvFileName } from './csv';
import type { DataTableModel } from './use-data-table-model';

/** Above the rows: the text filter, a filter per state column, the row count, and the CSV export of the view. */
export function DataTableToolbar<T>({
  model,
  columns,
  total,
  countLabel,
  exportName,
}: {
  model: DataTableModel<T>;
  columns: readonly DataColumn<T>[];
  /** Rows before any filter. */
  total: number;
  countLabel: (count: number) => string;
  exportName: string;
}) {
  const { t } = useTranslation();
  const format = useFormatter();
  const [{ tz }] = usePreferences();
  const { state, change, shownRows } = model;
  return (
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
            options={model.filterOptions(column)}
            selected={state.filters.find((f) => f.id === column.id)?.value ?? []}
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
        {countLabel(total)}
        {model.filtered &&
          ` · ${t('table.shown', { count: shownRows.length, n: format.number(shownRows.length, 0) })}`}
      </p>
      <button
        type="button"
        onClick={() =>
          downloadText(
            csvFileName(exportName, Date.now(), tz),
            buildCsv(columns, shownRows),
            'text/csv;charset=utf-8',
          )
        }
      >
        {t('table.exportCsv')}
      </button>
    </div>
  );
}
