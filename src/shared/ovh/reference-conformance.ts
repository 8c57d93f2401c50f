import referenceModelsJson from './reference-models.json' with { type: 'json' };
import {
  ReferenceModelsFileSchema,
  genericTemplateId,
  parseTypeRef,
  propertyType,
  type PrimitiveKind,
  type ReferenceModel,
  type TypeRef,
} from './reference-schema';

// Stricter than the zod schemas in models.ts, which strip unknown keys so the server survives fields
// OVH adds: the simulator must emit exactly what OVH's schema describes (every key, no extra key,
// null only where allowed), so that the server is tested against the real wire shape.

const { models } = ReferenceModelsFileSchema.parse(referenceModelsJson);

type PathSegment = string | number;
/** Appends violations to `violations`; `path` is a stack the checks push onto and pop. */
type Check = (value: unknown, path: PathSegment[], violations: string[]) => void;

interface Field {
  key: string;
  nullable: boolean;
  check: Check;
}

// OVH writes datetimes with an offset (`2025-01-10T22:00:12+01:00`); `Z` is ISO 8601 too.
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Compiled checks by canonical type text, shared by every call. */
const compiled = new Map<string, Check>();

function formatPath(path: readonly PathSegment[]): string {
  let text = '$';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += IDENTIFIER.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const text = JSON.stringify(value);
    return `string ${text.length > 60 ? `${text.slice(0, 57)}…"` : text}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectation(expected: string, test: (value: unknown) => boolean): Check {
  return (value, path, violations) => {
    if (!test(value)) violations.push(`${formatPath(path)}: expected ${expected}, got ${describe(value)}`);
  };
}

const checkLong: Check = (value, path, violations) => {
  if (typeof value === 'number' && Number.isInteger(value)) return;
  const detail = typeof value === 'number' ? ' (long must be an integer)' : '';
  violations.push(`${formatPath(path)}: expected long, got ${describe(value)}${detail}`);
};

const checkStringMap: Check = (value, path, violations) => {
  if (!isPlainObject(value)) {
    violations.push(`${formatPath(path)}: expected map[string]string, got ${describe(value)}`);
    return;
  }
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') {
      violations.push(`${formatPath([...path, key])}: expected string, got ${describe(entry)}`);
    }
  }
};

const PRIMITIVE_CHECKS: Record<PrimitiveKind, (name: string) => Check> = {
  integer: () => checkLong,
  // JSON.stringify turns NaN and Infinity into null, so they are not doubles on the wire.
  number: (name) => expectation(name, (value) => typeof value === 'number' && Number.isFinite(value)),
  boolean: (name) => expectation(name, (value) => typeof value === 'boolean'),
  string: (name) => expectation(name, (value) => typeof value === 'string'),
  datetime: (name) =>
    expectation(
      `${name} (ISO 8601 with offset)`,
      (value) => typeof value === 'string' && DATETIME.test(value),
    ),
  uuid: (name) => expectation(name, (value) => typeof value === 'string' && UUID.test(value)),
  stringMap: () => checkStringMap,
};

function substitute(ref: TypeRef, bindings: ReadonlyMap<string, TypeRef>): TypeRef {
  switch (ref.kind) {
    case 'array':
      return { kind: 'array', item: substitute(ref.item, bindings) };
    case 'generic': {
      const args = ref.args.map((arg) => substitute(arg, bindings));
      return { kind: 'generic', base: ref.base, args, text: `${ref.base}<${args.map(typeText).join(',')}>` };
    }
    case 'typeParameter': {
      const bound = bindings.get(ref.name);
      if (!bound) throw new Error(`Unbound type parameter ${ref.name}`);
      return bound;
    }
    case 'primitive':
    case 'named':
      return ref;
  }
}

function typeText(ref: TypeRef): string {
  switch (ref.kind) {
    case 'array':
      return `${typeText(ref.item)}[]`;
    case 'generic':
      return ref.text;
    case 'typeParameter':
    case 'primitive':
      return ref.name;
    case 'named':
      return ref.id;
  }
}

function compileObject(
  label: string,
  model: ReferenceModel,
  bindings: ReadonlyMap<string, TypeRef>,
  cacheKey: string,
): Check {
  const fields: Field[] = [];
  const known = new Set<string>();
  const check: Check = (value, path, violations) => {
    if (!isPlainObject(value)) {
      violations.push(`${formatPath(path)}: expected ${label} object, got ${describe(value)}`);
      return;
    }
    let present = 0;
    for (const field of fields) {
      const entry = value[field.key];
      path.push(field.key);
      // An undefined property vanishes in JSON.stringify, so it is as missing as an absent one.
      if (entry === undefined) violations.push(`${formatPath(path)}: missing key (${label} has it)`);
      else {
        present++;
        if (entry !== null) field.check(entry, path, violations);
        else if (!field.nullable)
          violations.push(`${formatPath(path)}: null, but ${label}.${field.key} is not nullable`);
      }
      path.pop();
    }
    const keys = Object.keys(value);
    // Every present field is one of the keys, so equal counts mean there is no extra key to look for.
    if (keys.length === present) return;
    for (const key of keys) {
      if (!known.has(key)) violations.push(`${formatPath([...path, key])}: unexpected key (not in ${label})`);
    }
  };
  // Registered before the fields are compiled, so a model that refers to itself terminates.
  compiled.set(cacheKey, check);
  const typeParameters = model.generics ?? [];
  try {
    for (const [key, property] of Object.entries(model.properties ?? {})) {
      const ref = substitute(parseTypeRef(propertyType(property), typeParameters), bindings);
      fields.push({ key, nullable: property.canBeNull, check: compile(ref) });
      known.add(key);
    }
  } catch (error) {
    // A half-compiled check must not answer the next call.
    compiled.delete(cacheKey);
    throw error;
  }
  return check;
}

function compileNamed(id: string): Check {
  const model = models[id];
  if (!model) throw new Error(`Unknown OVH type ${id} (not in reference-models.json)`);
  if (model.enum) {
    const allowed = new Set(model.enum);
    const check: Check = (value, path, violations) => {
      if (typeof value !== 'string' || !allowed.has(value)) {
        violations.push(`${formatPath(path)}: expected a ${id} value, got ${describe(value)}`);
      }
    };
    compiled.set(id, check);
    return check;
  }
  if (model.generics) throw new Error(`${id} is generic: give its type arguments`);
  return compileObject(id, model, new Map(), id);
}

function compileGeneric(ref: Extract<TypeRef, { kind: 'generic' }>): Check {
  const templateId = genericTemplateId(models, ref.base);
  const template = templateId === undefined ? undefined : models[templateId];
  if (!template?.generics || template.generics.length !== ref.args.length) {
    throw new Error(`Unknown OVH generic ${ref.text}`);
  }
  const bindings = new Map<string, TypeRef>();
  template.generics.forEach((name, index) => {
    const arg = ref.args[index];
    if (arg) bindings.set(name, arg);
  });
  return compileObject(ref.text, template, bindings, ref.text);
}

function compile(ref: TypeRef): Check {
  const key = typeText(ref);
  const cached = compiled.get(key);
  if (cached) return cached;
  let check: Check;
  switch (ref.kind) {
    case 'array': {
      const item = compile(ref.item);
      check = (value, path, violations) => {
        if (!Array.isArray(value)) {
          violations.push(`${formatPath(path)}: expected ${key}, got ${describe(value)}`);
          return;
        }
        for (let index = 0; index < value.length; index++) {
          path.push(index);
          item(value[index], path, violations);
          path.pop();
        }
      };
      break;
    }
    case 'primitive':
      check = PRIMITIVE_CHECKS[ref.primitive](ref.name);
      break;
    case 'generic':
      return compileGeneric(ref);
    case 'named':
      return compileNamed(ref.id);
    case 'typeParameter':
      throw new Error(`Unbound type parameter ${ref.name}`);
  }
  compiled.set(key, check);
  return check;
}

/**
 * Checks a JSON value against an OVH type of the vendored reference, exactly as the schema states
 * it: a model id (`dedicatedCloud.Vm`), an enum, a generic (`complexType.UnitAndValue<long>`), a
 * primitive or an array of any of them (`long[]` for list routes).
 * Returns human-readable violations, each starting with a JSON path; empty means conformant.
 * Throws for a type the reference does not hold (a caller's mistake, not a violation).
 */
export function checkModel(modelId: string, value: unknown): string[] {
  const check = compiled.get(modelId) ?? compile(parseTypeRef(modelId));
  const violations: string[] = [];
  check(value, [], violations);
  return violations;
}
