import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarBucketEnd, calendarBucketStart } from './calendar-buckets';
import { parseDownsample } from './downsample-spec';
import { downsample } from './downsampler';
import { MemoryStore } from './memory-store';
import { runQuery } from './query-engine';
import { parseQueryBody } from './query-parse';
import type { DataPoint } from './store';

const T0 = 1_356_998_400_000;
const unit = fc.constantFrom('s', 'm', 'h', 'd');
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

const points = fc
  .uniqueArray(fc.integer({ min: 0, max: 3 * 86_400_000 }), { minLength: 1, maxLength: 60 })
  .map((offsets) =>
    offsets.sort((a, b) => a - b).map((o): DataPoint => ({ ts: T0 + o, value: o % 97, isInteger: true })),
  );

describe('downsample bucket alignment (property)', () => {
  it('stamps every bucket with an epoch multiple of the interval that holds its points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 }), unit, points, (n, u, pts) => {
        const spec = parseDownsample(`${n}${u}-count`);
        const interval = n * UNIT_MS[u];
        const out = downsample({ kind: 'raw', points: pts }, spec, 'UTC', {
          queryStart: T0,
          queryEnd: T0 + 4 * 86_400_000,
          scanStart: T0,
          scanEnd: T0 + 4 * 86_400_000,
        });
        for (const b of out) expect(b.ts % interval).toBe(0);
        for (let i = 1; i < out.length; i++) expect(out[i]!.ts).toBeGreaterThan(out[i - 1]!.ts);
        expect(out.reduce((a, b) => a + b.value, 0)).toBe(pts.length);
        const expected = new Set(pts.map((p) => p.ts - (p.ts % interval)));
        expect(out.map((b) => b.ts)).toEqual([...expected]);
      }),
    );
  });

  it('puts each timestamp in a calendar bucket that contains it, in any zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 * 365 * 86_400_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('m', 'h', 'd', 'w', 'n'),
        fc.constantFrom('UTC', 'America/Denver', 'Asia/Kabul', 'Pacific/Funafuti', 'Europe/Paris'),
        (offset, n, u, tz) => {
          const ts = T0 + offset;
          const start = calendarBucketStart(ts, n, u, tz);
          expect(start).toBeLessThanOrEqual(ts);
          expect(calendarBucketEnd(start, n, u, tz)).toBeGreaterThan(ts);
          // A bucket start is its own bucket: alignment is stable.
          expect(calendarBucketStart(start, n, u, tz)).toBe(start);
        },
      ),
    );
  });

  it('aligns 1dc in UTC exactly like the fixed 1d interval', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 * 86_400_000 }), (offset) => {
        const ts = T0 + offset;
        expect(calendarBucketStart(ts, 1, 'd', 'UTC')).toBe(ts - (ts % 86_400_000));
      }),
    );
  });
});

describe('fill policies (property)', () => {
  it('emit one point per interval multiple in [start, end]; none emits only buckets with data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 7200 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.constantFrom(10, 15, 30, 60, 300),
        fc.constantFrom('nan', 'null', 'zero', 'none'),
        fc.uniqueArray(fc.integer({ min: 0, max: 30_000 }), { minLength: 1, maxLength: 30 }),
        async (startOffset, length, seconds, fill, offsets) => {
          const store = new MemoryStore();
          await store.write(
            offsets.map((o) => ({
              metric: 'm',
              tags: { h: 'a' },
              ts: T0 + o * 1000,
              value: 1,
              isInteger: true,
            })),
          );
          const start = T0 + startOffset * 1000;
          const end = start + length * 1000;
          const query = parseQueryBody(
            {
              start,
              end,
              queries: [{ metric: 'm', aggregator: 'sum', downsample: `${seconds}s-count-${fill}` }],
            },
            end,
            { arrays: false },
          );
          const [result] = await runQuery(store, query);
          const interval = seconds * 1000;
          const withData = new Set(
            offsets
              .map((o) => T0 + o * 1000)
              .map((ts) => ts - (ts % interval))
              .filter((b) => b >= start && b <= end),
          );
          if (!result) {
            // No point in the scan window at all: the series does not exist for this query.
            expect(withData.size).toBe(0);
            return;
          }
          if (fill === 'none') {
            expect(result.dps.map((p) => p.ts)).toEqual([...withData].sort((a, b) => a - b));
          } else {
            const expected = Math.floor(end / interval) - Math.ceil(start / interval) + 1;
            expect(result.dps).toHaveLength(expected);
            expect(result.dps.filter((p) => p.value > 0).length).toBe(withData.size);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
