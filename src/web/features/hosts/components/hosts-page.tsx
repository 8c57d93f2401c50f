import { useMemo } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import type { RowDetail } from '@/web/components/data-table/data-row';
import { InventoryPage } from '@/web/components/data-table/inventory-page';
import { useDatacenterRef } from '@/web/lib/datacenter-params';
import type { HostRow } from '@/shared/api/inventory';
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
  const { serviceName, datacenterId } = dc;
  // Kept from one render to the next, so the table's rows do not redraw for a new but identical object.
  const detail = useMemo<RowDetail<HostRow>>(
    () => ({
      render: (host) => (
        <HostNicDetail dc={{ serviceName, datacenterId }} hostId={host.hostId} name={host.name} />
      ),
      toggleLabel: (host) => t('network.toggle', { host: host.name }),
    }),
    [serviceName, datacenterId, t],
  );
  return (
    <InventoryPage
      kind="hosts"
      query={query}
      columns={columns}
      getRowId={(host) => String(host.hostId)}
      detail={detail}
    />
  );
}
