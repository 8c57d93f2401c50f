import { useMemo } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import { useFormatter } from '@/web/lib/use-formatter';
import type { CapacityData } from '../api/get-aggregates';
import { figuresOf, totalSeries } from '../utils/capacity-model';

// Every group's figures over the range (the chart stacks only the largest), then the total, each against what
// is offered at the latest point.

interface CapacityTableProps {
  caption: string;
  data: CapacityData;
  offeredLatest: number | null;
  seriesLabel: (key: string) => string;
  value: (v: number | null | undefined) => string;
}

export function CapacityTable({ caption, data, offeredLatest, seriesLabel, value }: CapacityTableProps) {
  const { t } = useTranslation('capacity');
  const format = useFormatter();
  const rows = useMemo(
    () => data.series.map(figuresOf).sort((a, b) => (b.latest ?? -1) - (a.latest ?? -1)),
    [data.series],
  );
  const total = useMemo(() => figuresOf(totalSeries(data)), [data]);
  const share = (v: number | null) =>
    v === null || !offeredLatest ? format.percent(null) : format.percent((100 * v) / offeredLatest);
  const cells = (f: typeof total) => (
    <>
      <td>{value(f.latest)}</td>
      <td>{value(f.avg)}</td>
      <td>{value(f.max)}</td>
      <td>{share(f.latest)}</td>
    </>
  );

  return (
    <div className="capacity-table-frame">
      <table className="capacity-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.group')}</th>
            <th scope="col">{t('table.latest')}</th>
            <th scope="col">{t('table.avg')}</th>
            <th scope="col">{t('table.max')}</th>
            <th scope="col">{t('table.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.key}>
              <th scope="row">{seriesLabel(f.key)}</th>
              {cells(f)}
            </tr>
          ))}
        </tbody>
        {rows.length > 1 && (
          <tfoot>
            <tr>
              <th scope="row">{t('total')}</th>
              {cells(total)}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
