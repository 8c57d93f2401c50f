import { describe, expect, it } from 'vitest';
import { MetricTable } from './metric-table';
import type { MetricRecord } from './model';

const metric = (id: string, resourceId: string | null, name: string | null = id): MetricRecord => ({
  id,
  name,
  unit: 'MB',
  resourceId,
  archivePolicyName: 'low',
  creator: 'admin',
});

describe('MetricTable', () => {
  it('gives back each record as it was set, attached or not', () => {
    const table = new MetricTable();
    const records = [metric('a', 'r1', 'cpu'), metric('b', 'r1', 'ram'), metric('c', null, null)];
    for (const record of records) table.set(record);
    expect(records.map((r) => table.get(r.id))).toEqual(records);
    expect(table.get('d')).toBeUndefined();
    expect(table.ofResource('r1')).toEqual(records.slice(0, 2));
    expect(table.byName('r1', 'ram')).toEqual(records[1]);
    expect(table.byName('r1', 'disk')).toBeUndefined();
    expect(table.byName('r2', 'cpu')).toBeUndefined();
  });

  it('moves a replaced metric to its new resource, or to none, keeping its place in the listing', () => {
    const table = new MetricTable();
    for (const record of [metric('a', 'r1'), metric('b', 'r1'), metric('c', 'r2')]) table.set(record);
    table.set(metric('a', 'r2', 'renamed'));
    expect(table.ofResource('r1').map((m) => m.id)).toEqual(['b']);
    expect(table.ofResource('r2').map((m) => [m.id, m.name])).toEqual([
      ['c', 'c'],
      ['a', 'renamed'],
    ]);
    table.set(metric('b', null));
    expect(table.ofResource('r1')).toEqual([]);
    expect(table.get('b')).toEqual(metric('b', null));
    expect([...table.values()].map((m) => [m.id, m.resourceId])).toEqual([
      ['a', 'r2'],
      ['b', null],
      ['c', 'r2'],
    ]);
  });

  it('forgets a deleted metric everywhere, and ignores one it never had', () => {
    const table = new MetricTable();
    for (const record of [metric('a', 'r1'), metric('b', 'r1'), metric('c', null)]) table.set(record);
    table.delete('a');
    table.delete('c');
    table.delete('nope');
    expect(table.get('a')).toBeUndefined();
    expect(table.get('c')).toBeUndefined();
    expect(table.ofResource('r1').map((m) => m.id)).toEqual(['b']);
    expect([...table.values()].map((m) => m.id)).toEqual(['b']);
    table.delete('b');
    expect(table.ofResource('r1')).toEqual([]);
  });

  it('keeps metrics that differ only in unit, policy or creator apart', () => {
    const table = new MetricTable();
    table.set(metric('a', 'r1', 'cpu'));
    table.set({ ...metric('b', 'r2', 'cpu'), unit: '%' });
    table.set({ ...metric('c', 'r3', 'cpu'), archivePolicyName: 'high' });
    table.set({ ...metric('d', 'r4', 'cpu'), creator: 'other' });
    expect([...table.values()].map((m) => [m.unit, m.archivePolicyName, m.creator])).toEqual([
      ['MB', 'low', 'admin'],
      ['%', 'low', 'admin'],
      ['MB', 'high', 'admin'],
      ['MB', 'low', 'other'],
    ]);
  });

  it('finds a metric by its UUID only as Gnocchi writes it, and keeps other ids apart from packed ones', () => {
    const table = new MetricTable();
    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    // 16 characters, as long as a packed UUID: it must not be read back as one.
    const odd = 'sixteen-chars-id';
    table.set(metric(uuid, 'r1', 'cpu'));
    table.set(metric(odd, 'r1', 'ram'));
    expect(table.get(uuid)).toEqual(metric(uuid, 'r1', 'cpu'));
    expect(table.get(uuid.toUpperCase())).toBeUndefined();
    expect(table.get(odd)).toEqual(metric(odd, 'r1', 'ram'));
    expect(table.ofResource('r1').map((m) => m.id)).toEqual([uuid, odd]);
    expect(table.byName('r1', 'cpu')?.id).toBe(uuid);
    table.delete(uuid);
    expect([...table.values()].map((m) => m.id)).toEqual([odd]);
  });
});
