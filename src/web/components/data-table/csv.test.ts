import { describe, expect, it } from 'vitest';
import type { DataColumn } from './columns';
import { buildCsv, csvFileName } from './csv';

interface Vm {
  name: string;
  cpu: number | null;
  rx: number | null;
  tx: number | null;
}

const columns: DataColumn<Vm>[] = [
  { id: 'name', header: 'Name', type: 'text', width: 10, value: (vm) => vm.name },
  { id: 'cpu', header: 'CPU', unit: '%', type: 'number', width: 5, value: (vm) => vm.cpu },
  {
    id: 'net',
    header: 'Network',
    type: 'number',
    width: 5,
    value: (vm) => (vm.rx ?? 0) + (vm.tx ?? 0),
    csv: [
      { header: 'Network rx', unit: 'KB/s', value: (vm) => vm.rx },
      { header: 'Network tx', unit: 'KB/s', value: (vm) => vm.tx },
    ],
  },
];

describe('buildCsv', () => {
  it('writes the rows in the given order, raw numbers, units in the headers, missing values empty', () => {
    const csv = buildCsv(columns, [
      { name: 'db-01', cpu: 91.25, rx: 1024.5, tx: null },
      { name: 'web, "front"', cpu: null, rx: 3, tx: 4 },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'Name,CPU (%),Network rx (KB/s),Network tx (KB/s)',
      'db-01,91.25,1024.5,',
      '"web, ""front""",,3,4',
    ]);
  });

  it('keeps a name that looks like a formula as text', () => {
    const csv = buildCsv(columns, [{ name: '=HYPERLINK("x")', cpu: -1, rx: null, tx: null }]);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",-1,,`);
  });

  it('writes only the header for an empty view', () => {
    expect(buildCsv(columns, []).trim()).toBe('Name,CPU (%),Network rx (KB/s),Network tx (KB/s)');
  });
});

describe('csvFileName', () => {
  it('names the file after the view and the date in the chosen zone', () => {
    const lateEvening = Date.UTC(2026, 10, 23, 23, 30);
    expect(csvFileName('pcc-37-187-228-180-886-vms', lateEvening, 'utc')).toBe(
      'pcc-37-187-228-180-886-vms-2026-11-23.csv',
    );
    expect(csvFileName('a b/c', lateEvening, 'utc')).toBe('a_b_c-2026-11-23.csv');
  });
});
