import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '@/shared/metrics/catalog';
import { MAX_POINTS, metricQuery, InvalidRangeError, timeAxis } from './plan';

const now = Date.UTC(2026, 10, 23, 14, 7, 31);

describe('timeAxis', () => {
  it.each([
    ['day', 288, 5 * 60_000],
    ['week', 336, 30 * 60_000],
    ['month', 360, 2 * 3_600_000],
    ['year', 365, 86_400_000],
  ] as const)(
    'gives a %s graph %i points at its vCenter interval, ending on the latest bucket',
    (period, count, step) => {
      const axis = timeAxis({ period }, now);
      expect(axis.intervalMs).toBe(step);
      expect(axis.timestamps).toHaveLength(count);
      expect(axis.timestamps.at(-1)).toBe(Math.floor(now / step) * step);
      expect(axis.timestamps.every((t, i) => i === 0 || t - axis.timestamps[i - 1]! === step)).toBe(true);
    },
  );

  it('keeps any custom range at or under 400 points, on interval-aligned timestamps inside the range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 * 86_400_000 }),
        fc.integer({ min: 60_000, max: 366 * 86_400_000 }),
        (back, span) => {
          const to = now - back;
          const from = to - span;
          if (from < now - 2 * 366 * 86_400_000) return;
          const axis = timeAxis({ from, to }, now);
          expect(axis.timestamps.length).toBeLessThanOrEqual(MAX_POINTS);
          expect(axis.timestamps.every((t) => t >= from && t <= to && t % axis.intervalMs === 0)).toBe(true);
        },
      ),
    );
  });

  it('picks the finest interval that fits: 5 minutes for a day, 1 day for 300 days', () => {
    expect(timeAxis({ from: now - 86_400_000, to: now }, now).intervalMs).toBe(5 * 60_000);
    expect(timeAxis({ from: now - 3 * 86_400_000, to: now }, now).intervalMs).toBe(30 * 60_000);
    expect(timeAxis({ from: now - 300 * 86_400_000, to: now }, now).intervalMs).toBe(86_400_000);
  });

  it('refuses reversed, too long and too old ranges', () => {
    expect(() => timeAxis({ from: now, to: now - 1 }, now)).toThrow(InvalidRangeError);
    expect(() => timeAxis({ from: now - 400 * 86_400_000, to: now }, now)).toThrow(/366 days/);
    expect(() => timeAxis({ from: now - 900 * 86_400_000, to: now - 899 * 86_400_000 }, now)).toThrow(
      /two years/,
    );
  });
});

describe('metricQuery', () => {
  it('asks for avg, min and max of one entity at the axis interval', () => {
    const axis = timeAxis({ period: 'week' }, now);
    const query = metricQuery(
      CATALOG.find('vscope.vm.cpu.ready')!,
      { kind: 'vm', datacenter: 'pcc_dc', entity: 'vm-7' },
      axis,
    );
    expect(query.start).toBe(axis.timestamps[0]);
    expect(query.queries.map((q) => q.downsample)).toEqual(['30m-avg', '30m-min', '30m-max']);
    expect(query.queries[0]!.tags).toEqual({ datacenter: 'pcc_dc', vm: 'vm-7' });
  });

  it('groups host network metrics by NIC', () => {
    const axis = timeAxis({ period: 'day' }, now);
    const query = metricQuery(
      CATALOG.find('vscope.host.net.rx')!,
      { kind: 'host', datacenter: 'd', entity: '172.17.86.51' },
      axis,
    );
    expect(query.queries[0]!.tags).toEqual({ datacenter: 'd', host: '172.17.86.51', nicname: '*' });
  });
});
