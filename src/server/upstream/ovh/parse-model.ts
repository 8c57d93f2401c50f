import { z } from 'zod';

// Parses an OVH object with its shared schema, tolerating what OVH adds over time: unknown keys are dropped by
// the schema, and an enum value newer than our schema (a 2025 licence, a new state) is kept as sent and
// reported, rather than losing the whole object. Wrong types are errors.

export type ModelParse<T> = { ok: true; value: T; warnings: string[] } | { ok: false; error: string };

function getAt(value: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown> | undefined)?.[key], value);
}

function setAt(value: unknown, path: PropertyKey[], replacement: unknown): void {
  const parent = getAt(value, path.slice(0, -1)) as Record<PropertyKey, unknown>;
  parent[path[path.length - 1]!] = replacement;
}

export function parseModel<S extends z.ZodType>(schema: S, value: unknown): ModelParse<z.output<S>> {
  const first = schema.safeParse(value);
  if (first.success) return { ok: true, value: first.data, warnings: [] };
  const issues = first.error.issues;
  const unknownEnums = issues.filter(
    (i): i is z.core.$ZodIssueInvalidValue =>
      i.code === 'invalid_value' && typeof getAt(value, i.path) === 'string',
  );
  if (unknownEnums.length !== issues.length) return { ok: false, error: z.prettifyError(first.error) };
  // Parse a copy where each unknown enum value stands in as a known one, then put the real values back.
  const copy = structuredClone(value);
  for (const issue of unknownEnums) setAt(copy, issue.path, issue.values[0]);
  const second = schema.safeParse(copy);
  if (!second.success) return { ok: false, error: z.prettifyError(second.error) };
  for (const issue of unknownEnums) setAt(second.data, issue.path, getAt(value, issue.path));
  return {
    ok: true,
    value: second.data,
    warnings: unknownEnums.map(
      (i) => `${i.path.join('.')}: value ${JSON.stringify(getAt(value, i.path))} is newer than our schema`,
    ),
  };
}
