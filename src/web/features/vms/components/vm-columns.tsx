import { useMemo } from 'react';
import { useTranslation, type Namespaces, type TranslationGroup } from '@/web/lib/i18n';
import { alertLevel } from '@/shared/thresholds/thresholds';
import {
  stateColumn,
  textColumn,
  thresholdFigure,
  usageColumn,
  type StateLook,
  useCellKit,
} from '@/web/components/data-table/cells';
import type { DataColumn } from '@/web/components/data-table/columns';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { datacenterPath } from '@/web/lib/datacenter-params';
import { maxOrNull, sumOrNull } from '@/web/lib/null-aware';
import type { GuestAgents } from '@/shared/api/guest';
import { GUEST_AGENT_LOOKS } from '../../processes/utils/agent-looks';
import type { VmRow } from '@/shared/api/inventory';

const POWER_LOOKS: Record<string, StateLook> = {
  poweredOn: { icon: '▶', tone: 'ok' },
  poweredOff: { icon: '■', tone: 'neutral' },
  suspended: { icon: '‖', tone: 'warning' },
  deleted: { icon: '✖', tone: 'neutral' },
};

const TOOLS_LOOKS: Record<string, StateLook> = {
  guestToolsRunning: { tone: 'ok' },
  notInstalled: { tone: 'warning' },
};

const TOOLS_VERSION_LOOKS: Record<string, StateLook> = {
  guestToolsCurrent: { tone: 'ok' },
  guestToolsNeedUpgrade: { tone: 'warning' },
  guestToolsSupportedOld: { tone: 'warning' },
  guestToolsTooOld: { tone: 'critical' },
  guestToolsNotInstalled: { tone: 'warning' },
};

const FT_LOOKS: Record<string, StateLook> = {
  running: { tone: 'ok' },
  enabled: { tone: 'ok' },
  starting: { tone: 'warning' },
  needSecondary: { tone: 'critical' },
};

const BACKUP_LOOKS: Record<string, StateLook> = {
  success: { tone: 'ok' },
  warning: { tone: 'warning' },
  failed: { tone: 'critical' },
};

const BACKUP_OFF = new Set(['disabled', 'disabling', 'toDisable', 'removed', 'deleting', 'toDelete']);

/** One word for a VM's backup: none, or its last job's result (pending until the first job has run). */
export function backupStatus(vm: Pick<VmRow, 'backup'>): string {
  const backup = vm.backup;
  if (!backup || (backup.state !== null && BACKUP_OFF.has(backup.state))) return 'none';
  return backup.lastResult ?? 'pending';
}

/** The fields of a VM that hold a figure. */
type VmFigure = {
  [K in keyof VmRow]: VmRow[K] extends number | null ? K : never;
}[keyof VmRow];

/** The columns the VMs namespace has a header for. */
type ColumnWord = keyof Namespaces['vms']['col'];

/** A VM's guest agent, `unknown` while the agents' answer is missing (not come yet, or failed). */
export function guestAgentOf(vm: Pick<VmRow, 'vmId'>, agents: GuestAgents['agents'] | undefined): string {
  return agents?.[String(vm.vmId)] ?? 'unknown';
}

/** The VMs table's columns, as vScope listed them, with the figures judged against the thresholds, and whether
 * a guest agent reports from inside each VM. */
export function useVmColumns(
  dc: DatacenterRef,
  agents: GuestAgents['agents'] | undefined,
): DataColumn<VmRow>[] {
  const { t } = useTranslation('vms');
  const kit = useCellKit();
  const format = kit.format;
  // A string, not the ref object: the ref is rebuilt on every render, the columns must not be.
  const base = datacenterPath(dc);
  return useMemo(() => {
    const label = (group: TranslationGroup<'vms'>) => (value: string) =>
      t(`${group}.${value}`, { defaultValue: value });
    const powerLabel = label('power');
    const guestLabel = label('guest');
    const guestAgent = (vm: VmRow) => guestAgentOf(vm, agents);
    const guestState = stateColumn<VmRow>({
      id: 'guest',
      header: t('col.guest'),
      width: 9.5,
      value: guestAgent,
      label: guestLabel,
      looks: GUEST_AGENT_LOOKS,
    });
    // A reporting agent's state leads to what it reports.
    const guestColumn: DataColumn<VmRow> = {
      ...guestState,
      cell: (vm) =>
        guestAgent(vm) === 'reporting'
          ? kit.link(`${base}/vms/${vm.vmId}/processes`, guestState.cell?.(vm))
          : guestState.cell?.(vm),
    };

    /** "rx / tx" or "read / write" in one column, sorted by their sum, exported as two. */
    const pairColumn = (
      id: ColumnWord,
      [first, second]: [VmFigure & ColumnWord, VmFigure & ColumnWord],
      unit: string,
      show: (value: number | null) => string,
      width: number,
    ): DataColumn<VmRow> => {
      const get = (key: VmFigure) => (vm: VmRow) => vm[key];
      const [a, b] = [get(first), get(second)];
      return {
        id,
        header: t(`col.${id}`),
        type: 'number',
        width,
        value: (vm) => sumOrNull(a(vm), b(vm)),
        cell: (vm) => `${show(a(vm))} / ${show(b(vm))}`,
        csv: [
          { header: t(`col.${first}`), unit, value: a },
          { header: t(`col.${second}`), unit, value: b },
        ],
      };
    };

    return [
      {
        id: 'name',
        header: t('col.name'),
        type: 'text',
        width: 15,
        value: (vm) => vm.name ?? vm.moRef,
        searchable: (vm) => `${vm.name ?? ''} ${vm.moRef}`,
        cell: (vm) => kit.link(`${base}/vms/${vm.vmId}/graphs`, vm.name ?? vm.moRef, vm.moRef),
        csv: [
          { header: t('col.name'), value: (vm) => vm.name },
          { header: 'moRef', value: (vm) => vm.moRef },
        ],
      },
      stateColumn<VmRow>({
        id: 'power',
        header: t('col.power'),
        width: 9,
        value: (vm) => vm.powerState,
        label: powerLabel,
        looks: POWER_LOOKS,
      }),
      textColumn<VmRow>({ id: 'host', header: t('col.host'), width: 8.5, value: (vm) => vm.hostName }),
      textColumn<VmRow>({
        id: 'cluster',
        header: t('col.cluster'),
        width: 7,
        value: (vm) => vm.clusterName,
      }),
      textColumn<VmRow>({
        id: 'folder',
        header: t('col.folder'),
        width: 7,
        value: (vm) => vm.folderName,
      }),
      stateColumn<VmRow>({
        id: 'tools',
        header: t('col.tools'),
        width: 10,
        value: (vm) => vm.vmwareTools ?? 'notInstalled',
        label: label('tools'),
        looks: TOOLS_LOOKS,
      }),
      stateColumn<VmRow>({
        id: 'toolsVersion',
        header: t('col.toolsVersion'),
        width: 11.5,
        value: (vm) => vm.vmwareToolsVersion ?? 'unknown',
        label: label('toolsVersion'),
        looks: TOOLS_VERSION_LOOKS,
      }),
      { id: 'vcpu', header: t('col.vcpu'), type: 'number', width: 4.5, value: (vm) => vm.cpuNum },
      {
        id: 'ram',
        header: t('col.ram'),
        unit: 'MB',
        type: 'number',
        width: 6,
        value: (vm) => vm.memoryMax,
        cell: (vm) => format.size(vm.memoryMax, 'MB'),
      },
      usageColumn<VmRow>(kit, {
        id: 'cpu',
        header: t('col.cpu'),
        width: 11.5,
        metric: 'cpuPercent',
        value: (vm) => vm.cpuPercent,
        csv: [
          { header: t('col.cpu'), unit: '%', value: (vm) => vm.cpuPercent },
          { header: t('col.cpuUsed'), unit: 'MHz', value: (vm) => vm.cpuUsed },
        ],
      }),
      usageColumn<VmRow>(kit, {
        id: 'mem',
        header: t('col.mem'),
        width: 11.5,
        metric: 'memoryPercent',
        value: (vm) => vm.memoryPercent,
        csv: [
          { header: t('col.mem'), unit: '%', value: (vm) => vm.memoryPercent },
          { header: t('col.memUsed'), unit: 'MB', value: (vm) => vm.memoryUsed },
        ],
      }),
      {
        id: 'ready',
        header: t('col.ready'),
        unit: '%',
        type: 'number',
        width: 12.5,
        value: (vm) => vm.cpuReadyPercent,
        cell: (vm) =>
          thresholdFigure(
            kit,
            alertLevel('cpuReadyPercent', vm.cpuReadyPercent),
            `${format.ms(vm.cpuReady)} · ${format.percent(vm.cpuReadyPercent)}`,
          ),
        csv: [
          { header: t('col.ready'), unit: 'ms', value: (vm) => vm.cpuReady },
          { header: t('col.ready'), unit: '%', value: (vm) => vm.cpuReadyPercent },
        ],
      },
      pairColumn('net', ['netRx', 'netTx'], 'KB/s', format.rateKbps, 12.5),
      pairColumn('iops', ['readPerSecond', 'writePerSecond'], 'IOPS', (v) => format.number(v, 0), 8),
      pairColumn('bandwidth', ['readRate', 'writeRate'], 'KB/s', format.rateKbps, 12.5),
      {
        ...pairColumn('latency', ['readLatency', 'writeLatency'], 'ms', format.number, 10.5),
        // The worse of read and write is what a user feels, so it is what is judged and sorted.
        value: (vm) => maxOrNull(vm.readLatency, vm.writeLatency),
        cell: (vm) =>
          thresholdFigure(
            kit,
            alertLevel('latencyMs', maxOrNull(vm.readLatency, vm.writeLatency)),
            `${format.number(vm.readLatency)} / ${format.ms(vm.writeLatency)}`,
          ),
      },
      stateColumn<VmRow>({
        id: 'ft',
        header: t('col.ft'),
        width: 10,
        value: (vm) => vm.stateFt ?? 'notConfigured',
        label: label('ft'),
        looks: FT_LOOKS,
      }),
      {
        id: 'snapshots',
        header: t('col.snapshots'),
        type: 'number',
        width: 7.5,
        value: (vm) => vm.snapshotNum,
      },
      stateColumn<VmRow>({
        id: 'backup',
        header: t('col.backup'),
        width: 8.5,
        value: backupStatus,
        label: label('backup'),
        looks: BACKUP_LOOKS,
      }),
      guestColumn,
    ];
  }, [t, kit, format, base, agents]);
}
