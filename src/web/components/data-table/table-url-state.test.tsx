import { describe, expect, it } from 'vitest';
import { readTableState, writeTableState } from './table-url-state';

const columns = [
  { id: 'name', type: 'text' },
  { id: 'cpu', type: 'number' },
  { id: 'power', type: 'enum' },
  { id: 'network', type: 'number', sortable: false },
] as const;

describe('table state in the URL', () => {
  it('reads sort, text filter and state filters', () => {
    const state = readTableState(
      new URLSearchParams('sort=-cpu,name&q=web&power=poweredOn,suspended'),
      columns,
    );
    expect(state).toEqual({
      sorting: [
        { id: 'cpu', desc: true },
        { id: 'name', desc: false },
      ],
      filters: [{ id: 'power', value: ['poweredOn', 'suspended'] }],
      query: 'web',
    });
  });

  it('ignores columns it does not know, columns that cannot sort, and repeats', () => {
    const state = readTableState(new URLSearchParams('sort=-bogus,network,cpu,-cpu&name=x&power='), columns);
    expect(state.sorting).toEqual([{ id: 'cpu', desc: false }]);
    expect(state.filters).toEqual([]);
  });

  it('writes its own parameters and keeps every other one', () => {
    const next = writeTableState(
      new URLSearchParams('theme=dark&kiosk=1&power=poweredOff&q=old'),
      { sorting: [{ id: 'cpu', desc: true }], filters: [{ id: 'power', value: ['deleted'] }], query: '' },
      columns,
    );
    expect(next.toString()).toBe('theme=dark&kiosk=1&sort=-cpu&power=deleted');
  });

  it('round-trips', () => {
    const state = {
      sorting: [{ id: 'name', desc: false }],
      filters: [{ id: 'power', value: ['poweredOn'] }],
      query: 'db prod',
    };
    expect(readTableState(writeTableState(new URLSearchParams(), state, columns), columns)).toEqual(state);
  });
});
