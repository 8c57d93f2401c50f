import { useMemo } from 'react';
import type { GuestProcess } from '@/shared/api/guest';
import { stateColumn, type StateLook } from '@/web/components/data-table/cells';
import type { DataColumn } from '@/web/components/data-table/columns';
import { useTranslation } from '@/web/lib/i18n';
import { useFormatter } from '@/web/lib/use-formatter';

const STATE_LOOKS: Record<string, StateLook> = {
  running: { icon: '▶', tone: 'ok' },
  ended: { icon: '■', tone: 'neutral' },
};

const BYTES_PER_KB = 1024;
type ProcessFigure = 'cpuPercent' | 'memoryPercent' | 'diskReadBps' | 'diskWriteBps';
type ProcessMoment = 'startedAt' | 'endedAt';

/** The processes table's columns; a process's name opens its own history. */
export function useProcessColumns(open: (name: string) => void): DataColumn<GuestProcess>[] {
  const { t } = useTranslation('processes');
  const format = useFormatter();
  return useMemo(() => {
    const percent = (id: string, header: string, key: ProcessFigure): DataColumn<GuestProcess> => ({
      id,
      header,
      unit: '%',
      type: 'number',
      width: 6.5,
      value: (p) => p[key],
      cell: (p) => format.percent(p[key]),
    });
    const rate = (id: string, header: string, key: ProcessFigure): DataColumn<GuestProcess> => ({
      id,
      header,
      unit: 'B/s',
      type: 'number',
      width: 8,
      value: (p) => p[key],
      cell: (p) => format.rateKbps(p[key] === null ? null : p[key] / BYTES_PER_KB),
    });
    // Moments sort as numbers; the CSV writes them in ISO 8601 UTC, which reads without the dashboard.
    const moment = (id: string, header: string, key: ProcessMoment): DataColumn<GuestProcess> => ({
      id,
      header,
      type: 'number',
      width: 10,
      value: (p) => p[key],
      cell: (p) => (p[key] === null ? '' : format.dateTime(p[key])),
      csv: [{ header, value: (p) => (p[key] === null ? null : new Date(p[key]).toISOString()) }],
    });
    return [
      {
        id: 'name',
        header: t('col.name'),
        type: 'text',
        width: 14,
        value: (p) => p.name,
        searchable: true,
        cell: (p) => (
          <button
            type="button"
            className="link-button"
            title={t('process.open', { name: p.name })}
            onClick={() => open(p.name)}
          >
            {p.name}
          </button>
        ),
      },
      { id: 'pid', header: t('col.pid'), type: 'number', width: 5.5, value: (p) => p.pid, searchable: true },
      stateColumn<GuestProcess>({
        id: 'state',
        header: t('col.state'),
        width: 7.5,
        value: (p) => (p.endedAt === null ? 'running' : 'ended'),
        label: (value) => t(`processState.${value}`, { defaultValue: value }),
        looks: STATE_LOOKS,
      }),
      percent('cpu', t('col.cpu'), 'cpuPercent'),
      percent('mem', t('col.mem'), 'memoryPercent'),
      rate('read', t('col.diskRead'), 'diskReadBps'),
      rate('write', t('col.diskWrite'), 'diskWriteBps'),
      moment('started', t('col.started'), 'startedAt'),
      moment('ended', t('col.ended'), 'endedAt'),
    ];
  }, [t, format, open]);
}
