import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteJournal } from './journal';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const record = (key: string, value: unknown = { key }) => ({ kind: 'resource' as const, key, value });

describe('sqliteJournal', () => {
  it('loads records in insertion order across reopenings: an update keeps its place, a delete leaves none', () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const first = sqliteJournal(dir);
    first.write([record('b'), record('a'), record('c')]);
    first.write([record('a', { key: 'a', updated: true }), { kind: 'resource', key: 'c', value: null }]);
    first.close();

    const second = sqliteJournal(dir);
    second.write([record('d'), record('c')]);
    expect(second.load().map((r) => [r.key, r.value])).toEqual([
      ['b', { key: 'b' }],
      ['a', { key: 'a', updated: true }],
      ['d', { key: 'd' }],
      ['c', { key: 'c' }],
    ]);
    second.close();
  });
});
