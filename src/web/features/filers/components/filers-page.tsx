import { InventoryPage } from '@/web/components/data-table/inventory-page';
import { useDatacenterRef } from '@/web/lib/datacenter-params';
import { useFilers } from '../api/get-filers';
import { useFilerColumns } from './filer-columns';
import './filers.css';

/** A datacenter's datastores, its own and the service's global ones: space used, free and provisioned. */
export function FilersPage() {
  const dc = useDatacenterRef();
  const query = useFilers(dc);
  const columns = useFilerColumns(dc);
  return (
    <InventoryPage
      kind="filers"
      query={query}
      columns={columns}
      getRowId={(filer) => String(filer.filerId)}
    />
  );
}
