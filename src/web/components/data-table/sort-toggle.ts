import type { DataColumn } from './columns';
import type { SortingState } from './table-url-state';

// A header's click, as users of the table knew it under TanStack Table: a column sorts in its first direction
// (numbers high first, text A to Z), then the other, then not at all. A plain click sorts by that column alone,
// a shift-click adds it to the sort or turns it within it.

export function toggleSort(
  sorting: SortingState,
  column: Pick<DataColumn<unknown>, 'id' | 'type'>,
  multi: boolean,
): SortingState {
  const index = sorting.findIndex((sort) => sort.id === column.id);
  const current = sorting[index];
  const firstDesc = column.type === 'number';
  // Unsorted → first direction → the other → unsorted.
  const next: boolean | null = !current ? firstDesc : current.desc !== firstDesc ? null : !current.desc;
  const desc = next === true;
  // A plain click on a column that is not the last of several sorts starts over with it, as TanStack's does.
  const replace = !multi && sorting.length > 0 && index !== sorting.length - 1;
  if (!current || replace) return multi ? [...sorting, { id: column.id, desc }] : [{ id: column.id, desc }];
  if (next === null) return sorting.filter((sort) => sort.id !== column.id);
  return sorting.map((sort) => (sort.id === column.id ? { id: sort.id, desc } : sort));
}
