import { describe, expect, it } from 'vitest';
import { readView, withView } from './capacity-view';

describe('the view in the URL', () => {
  it('reads a month of vCPUs, one aggregate, mean, automatic granularity by default', () => {
    expect(readView(new URLSearchParams('lang=fr')).view).toEqual({
      measure: 'vcpus',
      range: { period: 'month' },
      group: undefined,
      aggregation: 'mean',
      granularity: undefined,
      search: '',
    });
  });

  it('round-trips every choice and keeps the other parameters', () => {
    const view = {
      measure: 'memory',
      range: { period: 'year' },
      group: 'power_state',
      aggregation: 'max',
      granularity: 86_400,
      search: 'folder like "prod%"',
    } as const;
    const params = withView(new URLSearchParams('theme=dark'), view);
    expect(params.get('theme')).toBe('dark');
    expect(readView(params).view).toEqual(view);
  });

  it('drops what does not belong: a grouping of another measure, an unknown method or granularity', () => {
    const { view } = readView(new URLSearchParams('measure=storage&group=folder&agg=median&gran=60'));
    expect(view).toMatchObject({
      measure: 'storage',
      group: undefined,
      aggregation: 'mean',
      granularity: undefined,
    });
  });
});
