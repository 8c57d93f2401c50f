import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, datacenterTag } from '@/shared/metrics/catalog';
import { metricsTokenFor } from '@/simulator/ovh/api';
import { createSimulator, type Simulator } from '@/simulator/simulator';
import { MemoryStore } from '@/tsdb';
import { EmbeddedOpenTsdbEndpoint } from '../upstream/opentsdb/embedded-endpoint';
import { HttpOpenTsdbEndpoint } from '../upstream/opentsdb/http-endpoint';
import { SeriesService } from './series-service';

const now = Date.UTC(2026, 10, 23, 14, 7, 31);
let sim: Simulator;
let service: SeriesService;

beforeAll(async () => {
  sim = createSimulator({ now: () => now });
  const origin = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  const pcc = sim.inventory.services[0]!;
  const endpoint = new HttpOpenTsdbEndpoint({
    url: `${origin}/metrics`,
    token: metricsTokenFor(1, pcc.serviceName, pcc.users[0]!.userId),
  });
  service = new SeriesService(
    () => Promise.resolve(endpoint),
    () => now,
  );
});
afterAll(() => sim.app.close());

const tagsOf = (kind: 'vm' | 'host' | 'filer') => {
  const pcc = sim.inventory.services[0]!;
  const dc = pcc.datacenters[0]!;
  const entity =
    kind === 'vm'
      ? dc.vms.find((v) => v.powerState === 'poweredOn')!.moRef
      : kind === 'host'
        ? dc.hosts[0]!.name
        : dc.filers[0]!.name;
  return { kind, datacenter: datacenterTag(pcc.serviceName, dc.name), entity };
};

describe('SeriesService over the simulator’s OpenTSDB', () => {
  it.each([
    ['day', 288],
    ['week', 336],
    ['month', 360],
    ['year', 365],
  ] as const)(
    'returns every VM metric for a %s with %i points of avg, min and max',
    async (period, count) => {
      const result = await service.read('pcc-37-187-228-180', tagsOf('vm'), { period });
      expect(result.timestamps).toHaveLength(count);
      expect(result.series.map((s) => s.metric)).toEqual(CATALOG.metricsOf('vm').map((m) => m.name));
      for (const line of result.series) {
        for (const fn of ['avg', 'min', 'max'] as const) expect(line[fn]).toHaveLength(count);
        const filled = line.avg.filter((v) => v !== null).length;
        expect(filled).toBe(count);
        line.avg.forEach((avg, i) => {
          expect(line.min[i]!).toBeLessThanOrEqual(avg! + 1e-9);
          expect(line.max[i]!).toBeGreaterThanOrEqual(avg! - 1e-9);
        });
      }
      expect(result.source).toMatch(/^OpenTSDB at http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    },
  );

  it('returns one line per NIC for host network metrics', async () => {
    const result = await service.read('pcc-37-187-228-180', tagsOf('host'), { period: 'day' });
    const rx = result.series.filter((s) => s.metric === 'vscope.host.net.rx');
    expect(rx.map((s) => s.nic)).toEqual(['vmnic0', 'vmnic1', 'vmnic2', 'vmnic3']);
    expect(result.series.find((s) => s.metric === 'vscope.host.cpu.usage.perc')?.nic).toBeNull();
  });

  it('shows metrics the store has never seen as lines with no data, not as an error', async () => {
    const empty = new SeriesService(
      () => Promise.resolve(new EmbeddedOpenTsdbEndpoint(new MemoryStore(), () => now)),
      () => now,
    );
    const result = await empty.read('pcc-37-187-228-180', tagsOf('filer'), { period: 'week' });
    expect(result.series).toHaveLength(1);
    expect(result.series[0]!.avg.every((v) => v === null)).toBe(true);
    expect(result.source).toBe('embedded tsdb');
  });
});
