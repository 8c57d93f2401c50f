import { useMemo } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import type { FilerRow } from '@/shared/api/inventory';
import {
  CONNECTION_LOOKS,
  RESOURCE_STATE_LOOKS,
  stateColumn,
  usageColumn,
  useCellKit,
} from '@/web/components/data-table/cells';
import type { DataColumn } from '@/web/components/data-table/columns';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { datacenterPath } from '@/web/lib/datacenter-params';
import { convertSize } from '@/web/lib/format';

/** Whether the filer is the datacenter's own or one of the service's, mounted on every datacenter. */
export const filerScope = (filer: Pick<FilerRow, 'global'>) => (filer.global ? 'global' : 'datacenter');

/** The Filers (datastores) table's columns: state, space and how full each is. */
export function useFilerColumns(dc: DatacenterRef): DataColumn<FilerRow>[] {
  const { t } = useTranslation('filers');
  const kit = useCellKit();
  const format = kit.format;
  const base = datacenterPath(dc);
  return useMemo(() => {
    const scopeLabel = (value: string) => t(`scope.${value}`, { defaultValue: value });
    const space = (id: string, header: string, get: (filer: FilerRow) => number | null) =>
      ({
        id,
        header,
        unit: 'GB',
        type: 'number',
        width: 7,
        value: get,
        cell: (filer) => format.size(get(filer), 'GB'),
      }) satisfies DataColumn<FilerRow>;

    return [
      {
        id: 'name',
        header: t('col.name'),
        type: 'text',
        width: 10,
        value: (filer) => filer.name,
        searchable: (filer) => `${filer.name} ${filer.master} ${filer.slave ?? ''}`,
        cell: (filer) => kit.link(`${base}/filers/${filer.filerId}/graphs`, filer.name, filer.master),
      },
      {
        id: 'profile',
        header: t('col.profile'),
        type: 'text',
        width: 8,
        value: (filer) => filer.profile,
        searchable: (filer) => `${filer.profile} ${filer.fullProfile}`,
        cell: (filer) => <span title={filer.fullProfile}>{filer.profile}</span>,
      },
      stateColumn<FilerRow>({
        id: 'state',
        header: t('col.state'),
        width: 7,
        value: (filer) => filer.state,
        label: (value) => t(`state.${value}`, { defaultValue: value }),
        looks: RESOURCE_STATE_LOOKS,
      }),
      stateColumn<FilerRow>({
        id: 'connection',
        header: t('col.connection'),
        width: 8,
        value: (filer) => filer.connectionState ?? 'unknown',
        label: (value) => t(`connection.${value}`, { defaultValue: value }),
        looks: CONNECTION_LOOKS,
      }),
      { id: 'vms', header: t('col.vms'), type: 'number', width: 4.5, value: (filer) => filer.vmTotal },
      {
        id: 'size',
        header: t('col.size'),
        unit: 'GB',
        type: 'number',
        width: 7,
        value: (filer) => convertSize(filer.size.value, filer.size.unit, 'GB'),
        cell: (filer) => format.size(filer.size.value, filer.size.unit),
      },
      space('used', t('col.used'), (filer) => filer.spaceUsed),
      space('free', t('col.free'), (filer) => filer.spaceFree),
      {
        ...space('provisioned', t('col.provisioned'), (filer) => filer.spaceProvisionned),
        width: 11,
        cell: (filer) =>
          `${format.size(filer.spaceProvisionned, 'GB')} (${format.percent(filer.provisionedPercent)})`,
        csv: [
          { header: t('col.provisioned'), unit: 'GB', value: (filer) => filer.spaceProvisionned },
          { header: t('col.provisioned'), unit: '%', value: (filer) => filer.provisionedPercent },
        ],
      },
      usageColumn<FilerRow>(kit, {
        id: 'usedPercent',
        header: t('col.usedPercent'),
        width: 11,
        metric: 'filerUsedPercent',
        value: (filer) => filer.usedPercent,
      }),
      {
        id: 'scope',
        header: t('col.scope'),
        type: 'enum',
        width: 8,
        value: filerScope,
        optionLabel: scopeLabel,
        cell: (filer) => (
          <span className={`scope-badge scope-${filerScope(filer)}`}>{scopeLabel(filerScope(filer))}</span>
        ),
      },
    ];
  }, [t, kit, format, base]);
}
