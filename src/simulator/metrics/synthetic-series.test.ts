import { describe, expect, it } from 'vitest';
import { BUCKET_MS, CATALOG, datacenterTag, METRICS } from '@/shared/metrics/catalog';
import { FilerSchema, HostSchema, VmSchema } from '@/shared/ovh/models';
import { createSimulator } from '../simulator';
import { signedInject } from '../testing/signed-inject';
import { syntheticSeries, type SyntheticSeries } from './synthetic-series';

const now = Date.UTC(2026, 10, 23, 14, 7, 31);
const bucket = Math.floor(now / BUCKET_MS);
const sim = createSimulator({ now: () => now });
const series = syntheticSeries(sim.inventory);
const get = async (path: string) => (await signedInject(sim.app, now, { path })).json<unknown>();

function find(metric: string, tags: Record<string, string>): SyntheticSeries {
  const found = series.find(
    (s) => s.metric === metric && Object.entries(tags).every(([k, v]) => s.tags[k] === v),
  );
  if (!found) throw new Error(`no series ${metric} ${JSON.stringify(tags)}`);
  return found;
}

describe('synthetic vScope series', () => {
  it('cover every metric of the catalog, tagged as OVH tagged vScope data', () => {
    expect(new Set(series.map((s) => s.metric))).toEqual(new Set(METRICS.map((m) => m.name)));
    const service = sim.inventory.services[0]!;
    const dc = service.datacenters[0]!;
    const hostSeries = find('vscope.host.net.rx', { host: dc.hosts[0]!.name, nicname: 'vmnic1' });
    expect(hostSeries.tags).toEqual({
      datacenter: datacenterTag(service.serviceName, dc.name),
      host: dc.hosts[0]!.name,
      nicname: 'vmnic1',
      env: 'prod',
      servicename: service.serviceName,
      servicetype: 'vscope',
    });
  });

  it('end on the live API value of the current bucket, for every host, VM and filer', async () => {
    const service = sim.inventory.services[0]!;
    let checked = 0;
    for (const dc of service.datacenters) {
      const base = `/dedicatedCloud/${service.serviceName}/datacenter/${dc.datacenterId}`;
      const datacenter = datacenterTag(service.serviceName, dc.name);
      for (const h of dc.hosts) {
        const host = HostSchema.parse(await get(`${base}/host/${h.hostId}`));
        for (const [metric, value] of Object.entries(CATALOG.valuesOf('host', host))) {
          expect(find(metric, { datacenter, host: host.name }).valueAt(bucket)).toBe(value);
          checked++;
        }
      }
      for (const v of dc.vms) {
        const vm = VmSchema.parse(await get(`${base}/vm/${v.vmId}`));
        const values = Object.entries(CATALOG.valuesOf('vm', vm));
        if (vm.powerState === 'deleted') expect(values).toEqual([]);
        for (const [metric, value] of values) {
          expect(find(metric, { datacenter, vm: vm.moRef }).valueAt(bucket)).toBe(value);
          checked++;
        }
      }
      for (const f of dc.filers) {
        const filer = FilerSchema.parse(await get(`${base}/filer/${f.filerId}`));
        const used = CATALOG.valuesOf('filer', filer)['vscope.filer.datastore.diskspace.used'];
        expect(
          find('vscope.filer.datastore.diskspace.used', { datacenter, datastore: filer.name }).valueAt(
            bucket,
          ),
        ).toBe(used);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('stay within physical bounds over a week, with a daily rhythm', () => {
    const week = Array.from({ length: 7 * 288 }, (_, i) => bucket - i);
    let [lowest, highest] = [Infinity, -Infinity];
    for (const s of series.filter((x) => x.metric.endsWith('.perc'))) {
      for (const b of week) {
        const value = s.valueAt(b)!;
        lowest = Math.min(lowest, value);
        highest = Math.max(highest, value);
      }
    }
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(highest).toBeLessThanOrEqual(100);
    expect(highest).toBeGreaterThan(50);
    const busiest = find('vscope.host.cpu.usage.perc', {
      host: sim.inventory.services[0]!.datacenters[0]!.hosts[1]!.name,
    });
    const at = (hourUtc: number) => busiest.valueAt(Math.floor(Date.UTC(2026, 10, 24, hourUtc) / BUCKET_MS))!;
    expect(at(13)).toBeGreaterThan(at(3));
  });

  it('include the hot spots a dashboard should show: a saturated host, a VM with high CPU ready, a full filer', () => {
    const latest = (metric: string) =>
      series.filter((s) => s.metric === metric).map((s) => s.valueAt(bucket) ?? 0);
    expect(Math.max(...latest('vscope.host.cpu.usage.perc'))).toBeGreaterThanOrEqual(85);
    expect(Math.max(...latest('vscope.vm.cpu.ready'))).toBeGreaterThanOrEqual(0.05 * 20_000);
    expect(Math.max(...latest('vscope.vm.disk.latency.write'))).toBeGreaterThanOrEqual(20);
    const filer = sim.inventory.services[0]!.datacenters[0]!.filers[0]!;
    const usedKb = find('vscope.filer.datastore.diskspace.used', { datastore: filer.name }).valueAt(bucket)!;
    expect(usedKb / (filer.sizeGb * 1024 * 1024)).toBeGreaterThanOrEqual(0.95);
  });
});
