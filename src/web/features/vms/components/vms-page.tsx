import { InventoryPage } from '@/web/components/data-table/inventory-page';
import { useDatacenterRef } from '@/web/lib/datacenter-params';
import { useGuestAgents } from '../../processes/api/get-guest-agents';
import { useVms } from '../api/get-vms';
import { useVmColumns } from './vm-columns';

/** A datacenter's virtual machines: state, size and live load, each linking to its Graphs, and whether
 * a guest agent reports from inside it. */
export function VmsPage() {
  const dc = useDatacenterRef();
  const query = useVms(dc);
  // Its own query: the list shows whether or not the guest service answers, the column then saying "unknown".
  const agents = useGuestAgents(dc);
  const columns = useVmColumns(dc, agents.data?.agents);
  return <InventoryPage kind="vms" query={query} columns={columns} getRowId={(vm) => String(vm.vmId)} />;
}
