import { BUCKET_MS } from '../src/shared/metrics/catalog';
import { syntheticSeries } from '../src/simulator/metrics/synthetic-series';
import { createSimulator } from '../src/simulator/simulator';
import { crawlOvhApi } from '../src/simulator/testing/crawl';
import { printFigures, timeMs } from './report';

// How fast the simulator builds and serves large models: it must stay a cheap upstream for tests and demos.

export async function simulatorBench(): Promise<void> {
  const now = Date.UTC(2026, 10, 23, 14, 0);
  const big = { vms: 10_000, hosts: 20 };
  const build = await timeMs('build 10k', () => createSimulator({ now: () => now, size: big }), 5);
  const sim = createSimulator({ now: () => now, size: big });
  const batched = await timeMs('crawl batched', () => crawlOvhApi(sim.app, now, true), 3);
  const small = createSimulator({ now: () => now, size: { vms: 2_000, hosts: 12 } });
  const perId = await timeMs('crawl per id 2k', () => crawlOvhApi(small.app, now, false), 3);
  const perIdBatched = await timeMs('crawl batched 2k', () => crawlOvhApi(small.app, now, true), 3);

  const vmSeries = syntheticSeries(small.inventory).filter((s) => s.metric.startsWith('vscope.vm.'));
  const bucket = Math.floor(now / BUCKET_MS);
  const yearOfOneVm = await timeMs(
    'year of one VM',
    () => {
      let sum = 0;
      for (const s of vmSeries.slice(0, 13))
        for (let b = bucket - 105_120; b <= bucket; b++) sum += s.valueAt(b) ?? 0;
      return sum;
    },
    3,
  );
  printFigures('simulator', [
    { name: 'build a 10 000-VM model', value: build, unit: 'ms' },
    { name: 'serve the whole 10 000-VM API in batches of 40 (in process)', value: batched, unit: 'ms' },
    { name: 'serve a 2 000-VM API per id (in process)', value: perId, unit: 'ms' },
    { name: 'serve a 2 000-VM API in batches (in process)', value: perIdBatched, unit: 'ms' },
    { name: 'per-id / batched request cost, 2 000 VMs', value: perId / perIdBatched, unit: '×' },
    {
      name: 'synthesize a year of 5-min points for one VM (13 series, 1.37 M points)',
      value: yearOfOneVm,
      unit: 'ms',
    },
  ]);
}
