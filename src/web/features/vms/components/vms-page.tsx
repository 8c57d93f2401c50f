import { InventoryPage } from '@/web/components/data-table/inventory-page';
import { useDatacenterRef } from '@/web/lib/datacenter-params';
import { useVms } from '../api/get-vms';
import { useVmColumns } from './vm-columns';

/** A datacenter's virtual machines: state, size and live load, each linking to its Graphs. */
export function VmsPage() {
  const dc = useDatacenterRef();
  const query = useVms(dc);
  const columns = useVmColumns(dc);
  return <InventoryPage kind="vms" query={query} columns={columns} getRowId={(vm) => String(vm.vmId)} />;
}
