import type { UseQueryResult } from '@tanstack/react-query';
import type { Freshness } from '../../../shared/api/inventory';
import { FreshnessStatus } from '../freshness/freshness-status';
import { ErrorState, LoadingState } from '../states/query-states';
import { DataTable, type DataTableProps } from './data-table';

/** A polled inventory list as a table: loading and error states first, then its freshness above the rows.
 * A failed poll keeps the last rows on screen under the stale banner. */
export function QueryTable<T>({
  query,
  ...table
}: { query: UseQueryResult<Freshness & { items: T[] }> } & Omit<DataTableProps<T>, 'rows' | 'placeholder'>) {
  if (query.isPending) return <LoadingState />;
  if (!query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      <FreshnessStatus query={query} />
      <DataTable {...table} rows={query.data.items} placeholder={query.isPlaceholderData} />
    </>
  );
}
