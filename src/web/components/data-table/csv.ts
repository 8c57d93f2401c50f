import Papa from 'papaparse';
import type { TimeZonePreference } from '../../lib/preferences';
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

const pad = (n: number) => String(n).padStart(2, '0');

/** `<base>-YYYY-MM-DD.csv`, the date in the zone the user reads times in. */
export function csvFileName(base: string, epochMs: number, tz: TimeZonePreference): string {
  const d = new Date(epochMs);
  const date =
    tz === 'utc'
      ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
      : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${base.replace(/[^\w.-]+/g, '_')}-${date}.csv`;
}

export function downloadCsv(csv: string, fileName: string): void {
  // The byte-order mark makes spreadsheet programs read the file as UTF-8 (Chinese headers, accented names).
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; the URL can go once the event loop moves on.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
