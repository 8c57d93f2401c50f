import { badRequest } from '../errors';
import type { GnocchiError } from '../errors';

// Voluptuous's messages, as Gnocchi's abort() turns a voluptuous.Invalid into
// `{cause: "Invalid input", reason: str(error), detail: path}`. A value error says "for dictionary value @ data[…]",
// a key error ("extra keys not allowed", "required key not provided") only "@ data[…]".

export type SchemaPath = readonly (string | number)[];

function pathText(path: SchemaPath): string {
  return `data${path.map((p) => (typeof p === 'number' ? `[${p}]` : `['${p}']`)).join('')}`;
}

export function invalidValue(message: string, path: SchemaPath): GnocchiError {
  const reason = path.length === 0 ? message : `${message} for dictionary value @ ${pathText(path)}`;
  return badRequest({ cause: 'Invalid input', reason, detail: path.map(String) });
}

export function invalidKey(message: string, path: SchemaPath): GnocchiError {
  return badRequest({
    cause: 'Invalid input',
    reason: `${message} @ ${pathText(path)}`,
    detail: path.map(String),
  });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown, path: SchemaPath): Record<string, unknown> {
  if (!isPlainObject(value)) throw invalidValue('expected a dictionary', path);
  return value;
}

/** Refuses keys outside `allowed`, the first one in the body's order, as voluptuous reports it. */
export function refuseExtraKeys(
  body: Record<string, unknown>,
  allowed: ReadonlySet<string>,
  path: SchemaPath,
): void {
  for (const key of Object.keys(body)) {
    if (!allowed.has(key)) throw invalidKey('extra keys not allowed', [...path, key]);
  }
}
