import type { ReactNode } from 'react';

// What a page tells the generic table about one of its columns. The `value` is the raw figure (what sorting,
// filtering and the CSV use); `cell` is how it reads on screen.

export type CellValue = string | number | null;

export interface CsvField<T> {
  header: string;
  /** Put after the header, e.g. "CPU (%)": the CSV keeps raw numbers, so the unit goes there. */
  unit?: string;
  value: (row: T) => CellValue;
}

export interface DataColumn<T> {
  /** Also the column's name in the URL (`sort=-cpu`, `power=poweredOn`): short, stable, never a preserved param. */
  id: string;
  header: string;
  /** The CSV's unit for `value` (cells show their own units, scaled for reading). */
  unit?: string;
  /** Width in rem: the table's layout is fixed, so rows keep their shape while they scroll in and out. */
  width: number;
  /** Numbers sort high first and align right; an enum column gets a filter listing the values present. */
  type: 'text' | 'number' | 'enum';
  value: (row: T) => CellValue;
  cell?: (row: T) => ReactNode;
  /** Numbers align to the end by default; a bar reads better from the start. */
  align?: 'start' | 'end';
  /** The word for an enum value (filter options and the default cell). */
  optionLabel?: (value: string) => string;
  /** Whether the text filter looks into this column, or the text it looks into. */
  searchable?: boolean | ((row: T) => string);
  /** Its figures in the CSV; by default its value under its header and unit. */
  csv?: CsvField<T>[];
  /** Figures that are not in the row itself (fetched per row) cannot be sorted over the whole table. */
  sortable?: boolean;
}
