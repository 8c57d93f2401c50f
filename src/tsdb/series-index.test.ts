import { describe, expect, it } from 'vitest';
import { SeriesIndex } from './series-index';

describe('SeriesIndex', () => {
  it('finds a series by metric and tags, whatever order the tags come in', () => {
    const index = new SeriesIndex();
    index.add(1, { metric: 'cpu', tags: { vm: 'web-1', dc: 'pcc-1' } });
    index.add(2, { metric: 'mem', tags: { vm: 'web-1', dc: 'pcc-1' } });
    index.add(3, { metric: 'cpu', tags: { vm: 'web-2', dc: 'pcc-1' } });
    expect(index.idOf({ metric: 'cpu', tags: { dc: 'pcc-1', vm: 'web-1' } })).toBe(1);
    expect(index.idOf({ metric: 'mem', tags: { vm: 'web-1', dc: 'pcc-1' } })).toBe(2);
    expect(index.idOf({ metric: 'mem', tags: { vm: 'web-2', dc: 'pcc-1' } })).toBeUndefined();
    expect(index.idOf({ metric: 'cpu', tags: { vm: 'web-1' } })).toBeUndefined();
    expect(index.ofMetric('cpu')).toEqual([
      { metric: 'cpu', tags: { vm: 'web-1', dc: 'pcc-1' } },
      { metric: 'cpu', tags: { vm: 'web-2', dc: 'pcc-1' } },
    ]);
    expect(index.ofMetric('disk')).toEqual([]);
    expect(index.ids().sort()).toEqual([1, 2, 3]);
  });

  it('keeps a series once when it is remembered again', () => {
    const index = new SeriesIndex();
    index.add(1, { metric: 'cpu', tags: { vm: 'web-1' } });
    index.add(1, { metric: 'cpu', tags: { vm: 'web-1' } });
    expect(index.ofMetric('cpu')).toHaveLength(1);
    expect(index.ids()).toEqual([1]);
  });

  it('keeps one copy of a VM’s tags for all its metrics, never the caller’s object', () => {
    const index = new SeriesIndex();
    const tags = { vm: 'web-1' };
    const cpu = index.add(1, { metric: 'cpu', tags });
    const mem = index.add(2, { metric: 'mem', tags: { vm: 'web-1' } });
    expect(mem.tags).toBe(cpu.tags);
    tags.vm = 'changed';
    expect(index.ofMetric('cpu')[0]!.tags).toEqual({ vm: 'web-1' });
  });
});
