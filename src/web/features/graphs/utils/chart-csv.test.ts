import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { SeriesLine } from '@/shared/api/series';
import { exportBaseName } from '@/web/lib/download';
import { chartCsv } from './chart-csv';
import { chartSpecs } from './chart-model';

const series = (metric: string, nic: string | null, avg: (number | null)[]): SeriesLine => ({
  metric,
  unit: 'KBps',
  nic,
  avg,
  min: avg.map((v) => (v === null ? null : v / 2)),
  max: avg.map((v) => (v === null ? null : v * 2)),
});

describe('chartCsv', () => {
  it('writes ISO timestamps and avg/min/max per line, a missing point as an empty cell', () => {
    const [chart] = chartSpecs([
      series('vscope.host.net.tx', 'vmnic0', [10, null]),
      series('vscope.host.net.rx', 'vmnic0', [4, 0.5]),
    ]);
    const csv = chartCsv(chart!, [Date.UTC(2026, 10, 23, 14, 0), Date.UTC(2026, 10, 23, 14, 5)]);
    expect(csv).toBe(
      [
        'timestamp,vscope.host.net.rx vmnic0 avg (KBps),vscope.host.net.rx vmnic0 min (KBps),' +
          'vscope.host.net.rx vmnic0 max (KBps),vscope.host.net.tx vmnic0 avg (KBps),' +
          'vscope.host.net.tx vmnic0 min (KBps),vscope.host.net.tx vmnic0 max (KBps)',
        '2026-11-23T14:00:00.000Z,4,2,8,10,5,20',
        '2026-11-23T14:05:00.000Z,0.5,0.25,1,,,',
      ].join('\n'),
    );
    expect(Papa.parse(csv, { header: true }).data).toHaveLength(2);
  });
});

describe('exportBaseName', () => {
  it('names the entity, the chart and the range, in characters every file system accepts', () => {
    expect(exportBaseName('web/01 (prod)', 'network-vmnic0', 'week')).toBe('web-01-prod_network-vmnic0_week');
  });
});
