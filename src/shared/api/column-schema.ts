import { z } from 'zod';

// A list sent by column (see `columnsOf`) holds one array per field: 28 of 10 000 values each for a datacenter's
// VMs. Zod parses an array value by value, each with a result object of its own, and the browser runs that code
// cold on every page load: 234 ms of the VMs page's first render (Chromium profile, bench/vm-table.bench.ts).
// Most fields are plain strings, numbers or enum words, which one loop checks in a few milliseconds. Only a
// column that passes that loop is taken as it is; any other goes through zod, whose verdict and messages stand.

type ValueTest = (value: unknown) => boolean;

const onlyKeys = (def: object, allowed: readonly string[]) =>
  Object.keys(def).every((key) => allowed.includes(key));

/** A test that accepts a value only when `schema` accepts it and gives it back unchanged; null when the schema
 * is not one this knows to be that plain (a transform, a default, a coercion, a check other than `int`, an
 * object, whose unknown keys zod strips). */
export function plainValueTest(schema: z.core.$ZodType): ValueTest | null {
  const def = schema._zod.def;
  const checks = (def as { checks?: z.core.$ZodCheck[] }).checks ?? [];
  switch (def.type) {
    case 'string':
    case 'boolean':
      return onlyKeys(def, ['type', 'checks']) && checks.length === 0
        ? (value) => typeof value === def.type
        : null;
    case 'number': {
      if (!onlyKeys(def, ['type', 'checks'])) return null;
      const formats = checks.map((check) => check._zod.def);
      if (
        formats.some(
          (check) => check.check !== 'number_format' || !('format' in check) || check.format !== 'safeint',
        )
      )
        return null;
      return formats.length > 0 ? Number.isSafeInteger : Number.isFinite;
    }
    case 'enum': {
      if (!onlyKeys(def, ['type', 'entries'])) return null;
      const values = new Set<unknown>(Object.values((def as z.core.$ZodEnumDef).entries));
      return (value) => values.has(value);
    }
    case 'nullable': {
      if (!onlyKeys(def, ['type', 'innerType'])) return null;
      const inner = plainValueTest((def as z.core.$ZodNullableDef).innerType);
      return inner && ((value) => value === null || inner(value));
    }
    default:
      return null;
  }
}

function everyPasses(value: unknown, test: ValueTest): boolean {
  if (!Array.isArray(value)) return false;
  // Indexed, not `every`, which skips the holes of a sparse array.
  for (let i = 0; i < value.length; i++) if (!test(value[i])) return false;
  return true;
}

/** `z.array(item)`, checked in one loop when `item` is plain (see `plainValueTest`) and every value passes. */
export function columnSchema<T extends z.ZodType>(item: T): z.ZodType<z.output<T>[], z.input<T>[]> {
  const array = z.array(item);
  const test = plainValueTest(item);
  if (!test) return array;
  return z.custom<z.output<T>[]>().superRefine((value, ctx) => {
    if (everyPasses(value, test)) return;
    const parsed = array.safeParse(value);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
  }) as z.ZodType<z.output<T>[], z.input<T>[]>;
}
