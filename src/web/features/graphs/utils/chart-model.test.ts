import { describe, expect, it } from 'vitest';
import type { SeriesLine } from '@/shared/api/series';
import { CATALOG } from '@/shared/metrics/catalog';
import en from '../locales/en.json';
import { chartRows, chartSpecs, hasData, seriesFigures } from './chart-model';

const line = (metric: string, nic: string | null = null, avg: (number | null)[] = [1, 2]): SeriesLine => ({
  metric,
  unit: 'x',
  nic,
  avg,
  min: avg.map((v) => (v === null ? null : v - 1)),
  max: avg.map((v) => (v === null ? null : v + 1)),
});

describe('chartSpecs', () => {
  it('groups a VM’s 13 metrics into 8 charts, in vScope’s order, read before write and rx before tx', () => {
    const charts = chartSpecs([
      line('vscope.vm.disk.latency.write'),
      line('vscope.vm.net.tx'),
      line('vscope.vm.cpu.usage.perc'),
      line('vscope.vm.disk.latency.read'),
      line('vscope.vm.net.rx'),
      line('vscope.vm.mem.usage.perc'),
      line('vscope.vm.cpu.ready'),
      line('vscope.vm.net.packetstx'),
      line('vscope.vm.net.packetsrx'),
      line('vscope.vm.disk.io.write'),
      line('vscope.vm.disk.io.read'),
      line('vscope.vm.disk.bandwidth.read'),
      line('vscope.vm.disk.bandwidth.write'),
    ]);
    expect(charts.map((c) => c.id)).toEqual([
      'cpu',
      'memory',
      'cpuReady',
      'network',
      'packets',
      'iops',
      'bandwidth',
      'latency',
    ]);
    const network = charts.find((c) => c.id === 'network')!;
    expect(network.unit).toBe('KBps');
    expect(network.lines.map((l) => [l.key, l.label, l.series.metric])).toEqual([
      ['s0', 'rx', 'vscope.vm.net.rx'],
      ['s1', 'tx', 'vscope.vm.net.tx'],
    ]);
    expect(charts.find((c) => c.id === 'latency')!.lines.map((l) => l.label)).toEqual(['read', 'write']);
  });

  it('gives host network and packets one chart per NIC, in NIC order', () => {
    const charts = chartSpecs([
      line('vscope.host.cpu.usage.perc'),
      line('vscope.host.net.rx', 'vmnic1'),
      line('vscope.host.net.tx', 'vmnic1'),
      line('vscope.host.net.rx', 'vmnic0'),
      line('vscope.host.net.tx', 'vmnic0'),
      line('vscope.host.net.packetsrx', 'vmnic0'),
      line('vscope.host.net.packetstx', 'vmnic0'),
    ]);
    expect(charts.map((c) => c.id)).toEqual(['cpu', 'network-vmnic0', 'network-vmnic1', 'packets-vmnic0']);
    expect(charts[1]!.nic).toBe('vmnic0');
  });

  it('has a title for every chart and a legend for every line the catalog draws', () => {
    for (const metric of CATALOG.metrics) {
      expect(en.chart, metric.name).toHaveProperty(metric.chartGroup);
      expect(en.line, metric.name).toHaveProperty(metric.lineLabel);
    }
  });

  it('leaves out metrics it does not know rather than guess their unit', () => {
    expect(chartSpecs([line('vscope.vm.gpu.usage'), line('vscope.filer.datastore.diskspace.used')])).toEqual([
      expect.objectContaining({ id: 'space', unit: 'kB' }),
    ]);
  });
});

describe('chartRows', () => {
  it('puts each line’s average and [min, max] band on the shared time axis, with gaps as null', () => {
    const [chart] = chartSpecs([line('vscope.vm.net.rx', null, [10, null, 30]), line('vscope.vm.net.tx')]);
    expect(chartRows(chart!, [100, 200, 300])).toEqual([
      { t: 100, s0: 10, s0Band: [9, 11], s1: 1, s1Band: [0, 2] },
      { t: 200, s0: null, s0Band: null, s1: 2, s1Band: [1, 3] },
      { t: 300, s0: 30, s0Band: [29, 31], s1: null, s1Band: null },
    ]);
  });
});

describe('seriesFigures', () => {
  it('gives the latest average, the mean of the averages and the highest maximum, skipping gaps', () => {
    expect(seriesFigures({ avg: [10, null, 20, 30, null], max: [50, null, 25, 35, null] })).toEqual({
      current: 30,
      avg: 20,
      max: 50,
    });
  });

  it('falls back to the average where the maximum is missing', () => {
    expect(seriesFigures({ avg: [4, 8], max: [null, null] })).toEqual({ current: 8, avg: 6, max: 8 });
  });

  it('has no figures, and no data, for an empty or all-null line', () => {
    expect(seriesFigures({ avg: [], max: [] })).toBeNull();
    expect(seriesFigures({ avg: [null, null], max: [null, null] })).toBeNull();
    expect(hasData({ avg: [null, null] })).toBe(false);
    expect(hasData({ avg: [null, 0] })).toBe(true);
  });
});
