import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from '@/web/lib/i18n';
import type { Freshness, InventoryKind } from '@/shared/api/inventory';
import { useDatacenterRef } from '@/web/lib/datacenter-params';
import { useFormatter } from '@/web/lib/use-formatter';
import { FreshnessStatus } from '../freshness/freshness-status';
import { ErrorState, LoadingState } from '../states/query-states';
import { DataTable, type DataTableProps } from './data-table';

type PageTableProps<T> = Pick<DataTableProps<T>, 'columns' | 'getRowId' | 'detail'>;

/** A datacenter's Filers, Hosts or VMs page: its title, then loading and error states, then the data's freshness
 * above the table. A failed poll keeps the last rows on screen under the stale banner. The words come from the
 * feature's own namespace (named like the kind): `title`, `count`, `empty` and `noMatch`. */
export function InventoryPage<T>({
  kind,
  query,
  ...table
}: { kind: InventoryKind; query: UseQueryResult<Freshness & { items: T[] }> } & PageTableProps<T>) {
  const { t } = useTranslation(kind);
  const dc = useDatacenterRef();
  const format = useFormatter();
  // Not a landmark of its own: the table's scroll region already is one, under the same name.
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      {query.isPending ? (
        <LoadingState />
      ) : !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <FreshnessStatus freshness={query} />
          <DataTable
            {...table}
            rows={query.data.items}
            placeholder={query.isPlaceholderData}
            label={t('title')}
            countLabel={(count) => t('count', { count, n: format.number(count, 0) })}
            emptyText={t('empty')}
            noMatchText={t('noMatch')}
            exportName={`${dc.serviceName}-${dc.datacenterId}-${kind}`}
          />
        </>
      )}
    </div>
  );
}
