import { useTranslation } from '../../../lib/i18n';
import { InventoryPage } from '../../../components/data-table/inventory-page';
import { useDatacenterRef } from '../../../lib/datacenter-params';
import { useHosts } from '../api/get-hosts';
import { useHostColumns } from './host-columns';
import { HostNicDetail } from './host-network';
import './hosts.css';

/** A datacenter's ESXi hosts: state, capacity, live CPU and RAM, and each NIC's traffic behind an expander. */
export function HostsPage() {
  const { t } = useTranslation('hosts');
  const dc = useDatacenterRef();
  const query = useHosts(dc);
  const columns = useHostColumns(dc);
  return (
    <InventoryPage
      kind="hosts"
      query={query}
      columns={columns}
      getRowId={(host) => String(host.hostId)}
      detail={{
        render: (host) => <HostNicDetail dc={dc} hostId={host.hostId} name={host.name} />,
        toggleLabel: (host) => t('network.toggle', { host: host.name }),
      }}
    />
  );
}
