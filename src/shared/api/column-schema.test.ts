import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { columnSchema, plainValueTest } from './column-schema';

const PROBES: unknown[] = [
  'web-1',
  '',
  0,
  -0,
  1.5,
  2 ** 53,
  Number.NaN,
  Infinity,
  true,
  false,
  null,
  undefined,
  'poweredOn',
  {},
  [],
  '1',
];

describe('plainValueTest', () => {
  const plain = {
    string: z.string(),
    number: z.number(),
    int: z.number().int(),
    boolean: z.boolean(),
    enum: z.enum(['poweredOn', 'poweredOff']),
    nullable: z.number().int().nullable(),
    nullableEnum: z.enum(['poweredOn']).nullable(),
  };
  it.each(Object.entries(plain))('accepts exactly what zod gives back unchanged: %s', (_, schema) => {
    const test = plainValueTest(schema)!;
    expect(test).not.toBeNull();
    for (const value of PROBES) {
      const parsed = schema.safeParse(value);
      expect(test(value), String(value)).toBe(parsed.success && Object.is(parsed.data, value));
    }
  });

  it('knows nothing of schemas that change, default or check values otherwise', () => {
    for (const schema of [
      z.string().min(1),
      z.string().trim(),
      z.number().positive(),
      z.coerce.number(),
      z.number().default(0),
      z.number().catch(0),
      z.string().transform((s) => s.length),
      z.object({ state: z.string() }),
      z.string().optional(),
      z.string().nullable().default(null),
      z.array(z.string()),
    ])
      expect(plainValueTest(schema)).toBeNull();
  });
});

describe('columnSchema', () => {
  const column = columnSchema(z.number().int().nullable());

  it('reads a column of plain values as zod does', () => {
    expect(column.parse([1, null, 3])).toEqual([1, null, 3]);
    expect(column.parse([])).toEqual([]);
  });

  it('rejects what z.array rejects, with its issues', () => {
    // The last has a hole, which `every` would skip.
    // eslint-disable-next-line no-sparse-arrays
    for (const bad of [[1, 'two', 3], [1.5], undefined, 'x', [1, , 3]]) {
      const ours = column.safeParse(bad);
      const zods = z.array(z.number().int().nullable()).safeParse(bad);
      expect(ours.success, JSON.stringify(bad)).toBe(false);
      expect(ours.error?.issues.map(({ code, path, message }) => ({ code, path, message }))).toEqual(
        zods.error?.issues.map(({ code, path, message }) => ({ code, path, message })),
      );
    }
  });

  it('leaves a column of objects to zod, which strips their unknown keys', () => {
    const objects = columnSchema(z.object({ state: z.string() }).nullable());
    expect(objects.parse([{ state: 'ok', extra: 1 }, null])).toEqual([{ state: 'ok' }, null]);
    expect(objects.safeParse([{ state: 1 }]).success).toBe(false);
  });

  it('gives an object’s bad column its path', () => {
    const list = z.object({ name: columnSchema(z.string()) });
    expect(list.safeParse({ name: ['a', 'b', 3] }).error?.issues[0]?.path).toEqual(['name', 2]);
    expect(list.safeParse({}).error?.issues[0]?.path).toEqual(['name']);
  });
});
