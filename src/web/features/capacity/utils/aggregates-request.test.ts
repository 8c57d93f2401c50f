import { describe, expect, it } from 'vitest';
import { autoGranularity, capacityRequests, combinedFilter, vcpuRatioRequests } from './aggregates-request';

const dc = { serviceName: 'pcc-1', datacenterId: 886 };
const NOW = Date.parse('2026-12-06T06:07:30Z');
const DAY_S = 86_400;

describe('autoGranularity', () => {
  it("picks the policy's finest level that holds the start within about 400 points", () => {
    expect(autoGranularity(DAY_S, DAY_S)).toBe(300);
    expect(autoGranularity(7 * DAY_S, 7 * DAY_S)).toBe(1800);
    expect(autoGranularity(30 * DAY_S, 30 * DAY_S)).toBe(7200);
    expect(autoGranularity(365 * DAY_S, 365 * DAY_S)).toBe(86_400);
    // An hour, but three weeks ago: only the 2-hour level still holds it.
    expect(autoGranularity(3600, 21 * DAY_S)).toBe(7200);
  });
});

describe('capacityRequests', () => {
  it('asks for a period ending on the next bucket, grouped, with the search before the datacenter filter', () => {
    const { provisioned, offered } = capacityRequests(
      dc,
      {
        measure: 'memory',
        range: { period: 'week' },
        aggregation: 'max',
        group: 'cluster',
        search: 'folder = "a"',
      },
      NOW,
    );
    expect(provisioned).toEqual({
      query: {
        start: '2026-11-29T06:30:00.000Z',
        stop: '2026-12-06T06:30:00.000Z',
        granularity: '1800',
        fill: '0',
        groupby: 'cluster',
      },
      body: {
        operations: '(aggregate sum (metric memory max))',
        resource_type: 'vm',
        search: '(folder = "a") and service = "pcc-1" and datacenter_id = 886',
      },
    });
    expect(offered.body).toEqual({
      operations: '(aggregate sum (metric memory max))',
      resource_type: 'host',
      search: 'service = "pcc-1" and datacenter_id = 886',
    });
    expect(offered.query.groupby).toBeUndefined();
  });

  it("compares filers' provisioned storage with their size", () => {
    const { provisioned, offered } = capacityRequests(
      dc,
      { measure: 'storage', range: { period: 'year' }, aggregation: 'mean', search: '' },
      NOW,
    );
    expect([provisioned.body.operations, offered.body.operations]).toEqual([
      '(aggregate sum (metric disk.provisioned mean))',
      '(aggregate sum (metric disk.size mean))',
    ]);
    expect(provisioned.body.resource_type).toBe('filer');
    expect(provisioned.query.granularity).toBe('86400');
  });

  it('gives the same request for the same view within a bucket, so one cache entry serves it', () => {
    const view = { measure: 'vcpus', range: { period: 'day' }, aggregation: 'mean', search: '' } as const;
    expect(capacityRequests(dc, view, NOW)).toEqual(capacityRequests(dc, view, NOW + 60_000));
  });

  it("keeps a whitespace-only search out of the filter, and the card's ratio to the last day", () => {
    expect(combinedFilter(dc, '  ')).toBe('service = "pcc-1" and datacenter_id = 886');
    const ratio = vcpuRatioRequests(dc, NOW);
    expect(ratio.provisioned.query).toMatchObject({
      start: '2026-12-05T06:10:00.000Z',
      stop: '2026-12-06T06:10:00.000Z',
      granularity: '300',
    });
    expect(ratio.provisioned.body.operations).toBe('(aggregate sum (metric vcpus last))');
  });
});
