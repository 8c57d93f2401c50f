import Papa from 'papaparse';
import { dateStamp } from '@/web/lib/date-stamp';
import type { TimeZonePreference } from '@/web/lib/preferences';
import type { CsvField, DataColumn } from './columns';

// The CSV of what the table shows: its columns, its filtered and sorted rows, raw numbers (units go in the
// headers), so a spreadsheet can compute with them.

export function csvFields<T>(columns: readonly DataColumn<T>[]): CsvField<T>[] {
  return columns.flatMap(
    (column) => column.csv ?? [{ header: column.header, unit: column.unit, value: column.value }],
  );
}

export function buildCsv<T>(columns: readonly DataColumn<T>[], rows: readonly T[]): string {
  const fields = csvFields(columns);
  return Papa.unparse(
    {
      fields: fields.map((f) => (f.unit ? `${f.header} (${f.unit})` : f.header)),
      data: rows.map((row) => fields.map((f) => f.value(row) ?? '')),
    },
    // A VM named "=HYPERLINK(…)" must stay text in a spreadsheet, not become a formula.
    { escapeFormulae: true, newline: '\r\n' },
  );
}

/** `<base>-YYYY-MM-DD.csv`, the date in the zone the user reads times in. */
export function csvFileName(base: string, epochMs: number, tz: TimeZonePreference): string {
  return `${base.replace(/[^\w.-]+/g, '_')}-${dateStamp(epochMs, tz)}.csv`;
}
