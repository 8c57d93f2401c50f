import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import type { HostRow } from '@/shared/api/inventory';
import { NIC_NAMES } from '@/shared/metrics/catalog';
import {
  CONNECTION_LOOKS,
  RESOURCE_STATE_LOOKS,
  stateColumn,
  textColumn,
  usageColumn,
  useCellKit,
} from '@/web/components/data-table/cells';
import type { CsvField, DataColumn } from '@/web/components/data-table/columns';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { datacenterPath } from '@/web/lib/datacenter-params';
import { convertSize } from '@/web/lib/format';
import { hostDaySeriesQueryOptions, latestNicTraffic } from '../api/get-host-nics';
import { HostTraffic } from './host-network';

/** Connection and maintenance as one state: a host in maintenance is out of service whatever its link. */
export function hostConnection(host: Pick<HostRow, 'connectionState' | 'inMaintenance'>): string {
  return host.inMaintenance ? 'maintenance' : (host.connectionState ?? 'unknown');
}

/** The Hosts table's columns: identity, state, capacity and load, and per-NIC traffic fetched per row. */
export function useHostColumns(dc: DatacenterRef): DataColumn<HostRow>[] {
  const { t } = useTranslation('hosts');
  const kit = useCellKit();
  const format = kit.format;
  const queryClient = useQueryClient();
  const { serviceName, datacenterId } = dc;

  return useMemo(() => {
    const ref = { serviceName, datacenterId };
    // The CSV takes whatever NIC figures have been fetched (every row that has been on screen); a host never
    // shown has empty NIC cells rather than the export firing one request per host.
    const nicsOf = (host: HostRow) => {
      const series = queryClient.getQueryData(hostDaySeriesQueryOptions(ref, host.hostId).queryKey);
      return series ? latestNicTraffic(series).nics : undefined;
    };
    const nicFields: CsvField<HostRow>[] = NIC_NAMES.flatMap((nic) => [
      {
        header: `${nic} ${t('network.rx')}`,
        unit: 'KB/s',
        value: (host: HostRow) => nicsOf(host)?.find((n) => n.nic === nic)?.rx ?? null,
      },
      {
        header: `${nic} ${t('network.tx')}`,
        unit: 'KB/s',
        value: (host: HostRow) => nicsOf(host)?.find((n) => n.nic === nic)?.tx ?? null,
      },
    ]);

    return [
      {
        id: 'name',
        header: t('col.name'),
        type: 'text',
        width: 10,
        value: (host) => host.name,
        searchable: true,
        cell: (host) =>
          kit.link(`${datacenterPath(ref)}/hosts/${host.hostId}/graphs`, host.name, host.profileCode),
      },
      textColumn<HostRow>({
        id: 'cluster',
        header: t('col.cluster'),
        width: 7,
        value: (host) => host.clusterName,
      }),
      textColumn<HostRow>({
        id: 'profile',
        header: t('col.profile'),
        width: 8,
        value: (host) => host.profile,
      }),
      stateColumn<HostRow>({
        id: 'state',
        header: t('col.state'),
        width: 7,
        value: (host) => host.state,
        label: (value) => t(`state.${value}`, { defaultValue: value }),
        looks: RESOURCE_STATE_LOOKS,
      }),
      stateColumn<HostRow>({
        id: 'connection',
        header: t('col.connection'),
        width: 9,
        value: hostConnection,
        label: (value) => t(`connection.${value}`, { defaultValue: value }),
        looks: CONNECTION_LOOKS,
      }),
      { id: 'cores', header: t('col.cores'), type: 'number', width: 5, value: (host) => host.cpuNum },
      { id: 'vcpus', header: t('col.vcpus'), type: 'number', width: 5, value: (host) => host.vmVcpuTotal },
      { id: 'vms', header: t('col.vms'), type: 'number', width: 4.5, value: (host) => host.vmTotal },
      usageColumn<HostRow>(kit, {
        id: 'cpu',
        header: t('col.cpu'),
        width: 20.5,
        metric: 'cpuPercent',
        value: (host) => host.cpuPercent,
        detail: (host) => format.mhzOf(host.cpuUsed, host.cpuMax),
        csv: [
          { header: t('col.cpu'), unit: '%', value: (host) => host.cpuPercent },
          { header: t('col.cpuUsed'), unit: 'MHz', value: (host) => host.cpuUsed },
          { header: t('col.cpuMax'), unit: 'MHz', value: (host) => host.cpuMax },
        ],
      }),
      usageColumn<HostRow>(kit, {
        id: 'ram',
        header: t('col.ram'),
        width: 21,
        metric: 'memoryPercent',
        value: (host) => host.memoryPercent,
        detail: (host) =>
          `${format.size(host.memoryUsed, 'MB')} / ${format.size(host.ram.value, host.ram.unit)}`,
        csv: [
          { header: t('col.ram'), unit: '%', value: (host) => host.memoryPercent },
          { header: t('col.ramUsed'), unit: 'MB', value: (host) => host.memoryUsed },
          {
            header: t('col.ramTotal'),
            unit: 'GB',
            value: (host) => convertSize(host.ram.value, host.ram.unit, 'GB'),
          },
        ],
      }),
      {
        id: 'uptime',
        header: t('col.uptime'),
        unit: 's',
        type: 'number',
        width: 7,
        value: (host) => host.uptime,
        cell: (host) => format.duration(host.uptime),
      },
      {
        id: 'network',
        align: 'start',
        header: t('col.network'),
        type: 'number',
        width: 18,
        sortable: false,
        value: () => null,
        cell: (host) => <HostTraffic dc={ref} hostId={host.hostId} />,
        csv: [{ header: t('col.nics'), value: (host) => nicsOf(host)?.length ?? null }, ...nicFields],
      },
    ];
  }, [t, kit, format, queryClient, serviceName, datacenterId]);
}
