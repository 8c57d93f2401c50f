import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's settings table is the operators' reference: a setting added to the configuration and not to
// the table is a setting nobody knows about.

const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function settingNames(): string[] {
  const start = source.indexOf('const rawSchema = z.object({');
  const end = source.indexOf('\n});', start);
  expect(start).toBeGreaterThan(-1);
  return [...source.slice(start, end).matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
}

describe('README configuration table', () => {
  it('lists every setting the configuration reads', () => {
    const names = settingNames();
    expect(names.length).toBeGreaterThan(20);
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('### Using a real OVH'));
    const tableRows = section.split('\n').filter((line) => line.startsWith('| `'));
    const documented = new Set(
      tableRows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]!)),
    );
    expect(names.filter((name) => !documented.has(name))).toEqual([]);
    expect(documented.has('VSCOPE_CONFIG')).toBe(true);
  });
});
