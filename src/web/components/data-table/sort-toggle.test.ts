import { describe, expect, it } from 'vitest';
import { toggleSort } from './sort-toggle';
import type { SortingState } from './table-url-state';

const cpu = { id: 'cpu', type: 'number' } as const;
const name = { id: 'name', type: 'text' } as const;

/** The sorts a column goes through on `clicks` plain clicks, from `start`. */
function cycle(column: typeof cpu | typeof name, clicks: number, start: SortingState = []) {
  const seen: SortingState[] = [];
  let sorting = start;
  for (let click = 0; click < clicks; click++) seen.push((sorting = toggleSort(sorting, column, false)));
  return seen;
}

describe('toggleSort', () => {
  it('sorts numbers high first, then low first, then not at all', () => {
    expect(cycle(cpu, 4)).toEqual([
      [{ id: 'cpu', desc: true }],
      [{ id: 'cpu', desc: false }],
      [],
      [{ id: 'cpu', desc: true }],
    ]);
  });

  it('sorts text A to Z first, then Z to A, then not at all', () => {
    expect(cycle(name, 3)).toEqual([[{ id: 'name', desc: false }], [{ id: 'name', desc: true }], []]);
  });

  it('replaces another column’s sort on a plain click', () => {
    expect(toggleSort([{ id: 'name', desc: true }], cpu, false)).toEqual([{ id: 'cpu', desc: true }]);
  });

  it('adds a column to the sort on a shift-click, then turns and removes it there', () => {
    const byName: SortingState = [{ id: 'name', desc: false }];
    const added = toggleSort(byName, cpu, true);
    expect(added).toEqual([...byName, { id: 'cpu', desc: true }]);
    const turned = toggleSort(added, cpu, true);
    expect(turned).toEqual([...byName, { id: 'cpu', desc: false }]);
    expect(toggleSort(turned, cpu, true)).toEqual(byName);
  });

  it('starts over with a column that is not the last of several sorts on a plain click', () => {
    const both: SortingState = [
      { id: 'name', desc: false },
      { id: 'cpu', desc: true },
    ];
    expect(toggleSort(both, name, false)).toEqual([{ id: 'name', desc: true }]);
    expect(toggleSort(both, cpu, false)).toEqual([
      { id: 'name', desc: false },
      { id: 'cpu', desc: false },
    ]);
  });
});
