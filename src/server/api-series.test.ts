import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HostListSchema, VmListSchema, type HostRow, type VmRow } from '../shared/api/inventory';
import { SeriesResponseSchema, type SeriesResponse } from '../shared/api/series';
import {
  CATALOG,
  createCatalog,
  METRICS,
  NIC_NAMES,
  PERIODS,
  type EntityMetric,
} from '../shared/metrics/catalog';
import { chartSpecs } from '../web/features/graphs/utils/chart-model';
import { DEMO_ADMIN, DEMO_VIEWER, startApiHarness, type ApiHarness } from './testing/api-harness';

// Graphs through the real server: the demo's history comes from the simulator's Metrics platform (the
// metricsToken route), the recorder's from the embedded tsdb it writes.

let h: ApiHarness;
let admin: string;
let dc1: number;
let vm: VmRow;
let host: HostRow;
beforeAll(async () => {
  h = await startApiHarness();
  admin = await h.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
  dc1 = h.datacenterIds[0]!;
  const vms = VmListSchema.parse(await h.json(h.dcPath('vms', dc1), admin));
  vm = vms.items.find((v) => v.powerState === 'poweredOn' && v.cpuPercent !== null)!;
  const hosts = HostListSchema.parse(await h.json(h.dcPath('hosts', dc1), admin));
  host = hosts.items[0]!;
});
afterAll(() => h.close());

const series = async (path: string, cookie = admin): Promise<SeriesResponse> =>
  SeriesResponseSchema.parse(await h.json(path, cookie));

const line = (result: SeriesResponse, metric: string, nic: string | null = null) =>
  result.series.find((s) => s.metric === metric && s.nic === nic)!;

describe('series periods', () => {
  it.each([
    ['day', 288],
    ['week', 336],
    ['month', 360],
    ['year', 365],
  ] as const)('%s has %d points at the period interval, for every VM metric', async (period, points) => {
    const result = await series(h.dcPath(`vms/${vm.vmId}/series?period=${period}`, dc1));
    expect(result.period).toBe(period);
    expect(result.intervalMs).toBe(PERIODS[period].intervalMs);
    expect(result.timestamps).toHaveLength(points);
    expect(result.timestamps.at(-1)).toBe(Math.floor(h.clock.now() / result.intervalMs) * result.intervalMs);
    expect(new Set(result.timestamps.slice(1).map((t, i) => t - result.timestamps[i]!))).toEqual(
      new Set([result.intervalMs]),
    );
    expect(result.series.map((s) => s.metric)).toEqual(CATALOG.metricsOf('vm').map((m) => m.name));
    for (const s of result.series) {
      for (const values of [s.avg, s.min, s.max]) expect(values).toHaveLength(points);
    }
    const cpu = line(result, 'vscope.vm.cpu.usage.perc');
    expect(cpu.unit).toBe('percent');
    expect(cpu.avg.filter((v) => v !== null).length).toBeGreaterThan(points * 0.9);
    cpu.avg.forEach((avg, i) => {
      if (avg === null) return;
      expect(cpu.min[i]!).toBeLessThanOrEqual(avg + 1e-9);
      expect(cpu.max[i]!).toBeGreaterThanOrEqual(avg - 1e-9);
    });
    expect(result.entity).toEqual({ kind: 'vms', id: vm.vmId, name: vm.name ?? vm.moRef });
  });

  it('ends on the live values the tables show', async () => {
    const vmDay = await series(h.dcPath(`vms/${vm.vmId}/series?period=day`, dc1));
    expect(line(vmDay, 'vscope.vm.cpu.usage.perc').avg.at(-1)).toBeCloseTo(vm.cpuPercent!, 1);
    expect(line(vmDay, 'vscope.vm.cpu.ready').avg.at(-1)).toBeCloseTo(vm.cpuReady!, 1);

    const hostDay = await series(h.dcPath(`hosts/${host.hostId}/series?period=day`, dc1));
    expect(line(hostDay, 'vscope.host.cpu.usage.perc').avg.at(-1)).toBeCloseTo(host.cpuPercent!, 1);
    // One line per physical NIC for host network metrics.
    expect(hostDay.series.filter((s) => s.metric === 'vscope.host.net.rx').map((s) => s.nic)).toEqual([
      ...NIC_NAMES,
    ]);
  });

  it('answers a custom range at the finest interval that keeps it under ~400 points', async () => {
    const now = h.clock.now();
    const sixHours = await series(
      h.dcPath(`vms/${vm.vmId}/series?from=${now - 6 * 3_600_000}&to=${now}`, dc1),
    );
    expect(sixHours.period).toBe('custom');
    expect(sixHours.intervalMs).toBe(5 * 60_000);
    expect(sixHours.timestamps).toHaveLength(73);

    const from = new Date(now - 3 * 86_400_000).toISOString();
    const to = new Date(now).toISOString();
    const threeDays = await series(
      h.dcPath(
        `hosts/${host.hostId}/series?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        dc1,
      ),
    );
    expect(threeDays.intervalMs).toBe(30 * 60_000);
    expect(threeDays.timestamps).toHaveLength(145);
  });
});

describe('series input', () => {
  it.each([
    'period=decade',
    'period=day&from=1&to=2',
    'from=1700000000000',
    'to=1700000000000',
    'from=1700000000000&to=1600000000000',
    'from=yesterday&to=today',
  ])('answers 400 to ?%s', async (query) => {
    const response = await h.request(h.dcPath(`vms/${vm.vmId}/series?${query}`, dc1), { cookie: admin });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });

  it('caps custom ranges', async () => {
    const now = h.clock.now();
    for (const [from, to] of [
      [now - 400 * 86_400_000, now],
      [now - 3 * 366 * 86_400_000, now - 3 * 366 * 86_400_000 + 3_600_000],
    ]) {
      const response = await h.request(h.dcPath(`vms/${vm.vmId}/series?from=${from}&to=${to}`, dc1), {
        cookie: admin,
      });
      expect(response.status).toBe(400);
    }
  });

  it('answers 400 to a malformed entity, 404 to an unknown one, 403 outside the user’s rights', async () => {
    for (const tail of [`vms/abc/series?period=day`, `disks/1/series?period=day`]) {
      expect((await h.request(h.dcPath(tail, dc1), { cookie: admin })).status, tail).toBe(400);
    }
    const unknown = await h.request(h.dcPath('vms/999999/series?period=day', dc1), { cookie: admin });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await h.request(h.dcPath('vms/1/series?period=day', 999_999), { cookie: admin })).status).toBe(
      404,
    );

    const viewer = await h.login(DEMO_VIEWER.username, DEMO_VIEWER.password);
    const dc2 = h.datacenterIds[1]!;
    expect((await h.request(h.dcPath(`hosts/1/series?period=day`, dc2), { cookie: viewer })).status).toBe(
      403,
    );
    expect(
      (await h.request(h.dcPath(`vms/${vm.vmId}/series?period=day`, dc1), { cookie: viewer })).status,
    ).toBe(200);
  });
});

describe('a history store that fails', () => {
  it('answers 503 saying so, without the store’s address or its raw answer', async () => {
    await h.simAdmin('POST', '/services/metrics/down', { mode: '503' });
    try {
      const response = await h.request(h.dcPath(`vms/${vm.vmId}/series?period=day`, dc1), { cookie: admin });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        error: {
          code: 'upstream_unavailable',
          message: 'History is unavailable right now: the time-series store answered 503.',
        },
      });
    } finally {
      await h.simAdmin('POST', '/services/metrics/up');
    }
  });
});

describe('recorder', () => {
  it('writes live values as points that Graphs read back, and keeps them across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vscope-recorder-'));
    const env = { HISTORY_SOURCE: 'embedded', RECORDER_ENABLED: 'true', DATA_DIR: dataDir, DEMO_VMS: '30' };
    const readBack = async (r: ApiHarness, cookie: string) => {
      const vms = VmListSchema.parse(await r.json(r.dcPath('vms'), cookie));
      const live = vms.items.find((v) => v.powerState === 'poweredOn' && v.cpuPercent !== null)!;
      // The recorder's first pass starts with the server; wait for its points rather than for a duration.
      const recorded = await vi.waitFor(
        async () => {
          const result = SeriesResponseSchema.parse(
            await r.json(r.dcPath(`vms/${live.vmId}/series?period=day`), cookie),
          );
          expect(line(result, 'vscope.vm.cpu.usage.perc').avg.at(-1)).not.toBeNull();
          return result;
        },
        { timeout: 10_000, interval: 50 },
      );
      return { live, recorded };
    };

    const first = await startApiHarness({ env });
    let before: number[];
    try {
      const cookie = await first.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
      const { live, recorded } = await readBack(first, cookie);
      expect(recorded.source).toBe('embedded tsdb');
      expect(recorded.timestamps.at(-1)).toBe(first.clock.now());
      const cpu = line(recorded, 'vscope.vm.cpu.usage.perc');
      expect(cpu.avg.at(-1)).toBeCloseTo(live.cpuPercent!, 1);
      expect(line(recorded, 'vscope.vm.disk.latency.read').avg.at(-1)).toBeCloseTo(live.readLatency!, 6);
      // A fresh store: the recorder's one pass is the only point.
      expect(cpu.avg.filter((v) => v !== null)).toHaveLength(1);
      before = recorded.series.map((s) => s.avg.at(-1)!);
    } finally {
      await first.close();
    }

    // Restarted on the same data directory with the recorder off: what Graphs show was kept on disk.
    const second = await startApiHarness({ env: { ...env, RECORDER_ENABLED: 'false' } });
    try {
      const cookie = await second.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
      const { recorded } = await readBack(second, cookie);
      const cpu = line(recorded, 'vscope.vm.cpu.usage.perc');
      expect(cpu.avg.filter((v) => v !== null)).toHaveLength(1);
      expect(cpu.min.at(-1)).toBe(cpu.max.at(-1));
      expect(recorded.series.map((s) => s.avg.at(-1))).toEqual(before);
    } finally {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a metric added to the catalog', () => {
  it('is recorded, answered by the series API and charted, from its one row', async () => {
    // vCenter's real-time interval is 20 s, so ready % = ready ms / 20 000 ms × 100.
    const readyPercent: EntityMetric<'vm'> = {
      name: 'vscope.vm.cpu.ready.perc',
      entity: 'vm',
      unit: 'percent',
      chartGroup: 'cpuReady',
      lineLabel: 'ready',
      extract: (vm) => (vm.cpuReady == null ? null : vm.cpuReady / 200),
    };
    const catalog = createCatalog([...METRICS, readyPercent]);
    const r = await startApiHarness({
      env: { HISTORY_SOURCE: 'embedded', RECORDER_ENABLED: 'true', DEMO_VMS: '30' },
      catalog,
    });
    try {
      const cookie = await r.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
      const vms = VmListSchema.parse(await r.json(r.dcPath('vms'), cookie));
      const live = vms.items.find((v) => v.powerState === 'poweredOn' && v.cpuReady !== null)!;
      // The recorder's first pass starts with the server: wait for its point of the new metric.
      const answer = await vi.waitFor(
        async () => {
          const result = SeriesResponseSchema.parse(
            await r.json(r.dcPath(`vms/${live.vmId}/series?period=day`), cookie),
          );
          expect(line(result, readyPercent.name).avg.at(-1)).not.toBeNull();
          return result;
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(answer.series.map((s) => s.metric)).toEqual(catalog.metricsOf('vm').map((m) => m.name));
      const recorded = line(answer, readyPercent.name);
      expect(recorded.unit).toBe('percent');
      expect(recorded.avg.at(-1)).toBeCloseTo(live.cpuReady! / 200, 9);

      const chart = chartSpecs(answer.series, catalog).find((c) => c.group === 'cpuReady')!;
      expect(chart.lines.map((l) => [l.label, l.series.metric])).toEqual([
        ['ready', 'vscope.vm.cpu.ready'],
        ['ready', readyPercent.name],
      ]);
    } finally {
      await r.close();
    }
  });
});
