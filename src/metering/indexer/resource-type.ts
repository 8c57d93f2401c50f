import { badRequest } from '../errors';
import type { AttributeDefinition, AttributeType, AttributeValue, ResourceType } from './model';
import type { SchemaPath } from './invalid-input';
import { invalidKey, invalidValue, refuseExtraKeys, requireObject } from './invalid-input';
import { toTimestampUs, TimespanError } from '../timespan';

// Resource types as Gnocchi's resource_type.py defines them: five attribute kinds, each with `required` and its
// own options, and the voluptuous messages a bad definition or a bad resource value gets.

/** Names a resource type may not use for an attribute: they are the generic resource's own columns. */
const INVALID_NAMES = new Set([
  'id',
  'type',
  'metrics',
  'revision',
  'revision_start',
  'revision_end',
  'started_at',
  'ended_at',
  'user_id',
  'project_id',
  'created_by_user_id',
  'created_by_project_id',
  'get_metric',
  'creator',
]);
/** Python's re.match: anchored at the start only, so `x-y` is accepted as Gnocchi 4.4.2 accepts it. */
const VALID_NAME_START = /^[a-zA-Z0-9]/;
const ATTRIBUTE_TYPES: readonly AttributeType[] = ['string', 'uuid', 'number', 'bool', 'datetime'];
const OPTIONS: Readonly<Record<AttributeType, readonly string[]>> = {
  string: ['min_length', 'max_length'],
  number: ['min', 'max'],
  uuid: [],
  bool: [],
  datetime: [],
};

export const GENERIC_TYPE: ResourceType = { name: 'generic', attributes: {} };

/** A POST /v1/resource_type body → the type, with Gnocchi's 400s. */
export function parseResourceType(body: unknown): ResourceType {
  const object = requireObject(body, []);
  refuseExtraKeys(object, new Set(['name', 'attributes']), []);
  if (!('name' in object)) throw invalidKey('required key not provided', ['name']);
  if (typeof object.name !== 'string') throw invalidValue('expected str', ['name']);
  const raw = object.attributes ?? {};
  const attributesObject = requireObject(raw, ['attributes']);
  const attributes: Record<string, AttributeDefinition> = {};
  for (const [name, definition] of Object.entries(attributesObject)) {
    attributes[name] = parseAttribute(definition, ['attributes', name]);
  }
  for (const [name, definition] of Object.entries(attributes)) checkAttribute(name, definition);
  return { name: object.name, attributes };
}

function parseAttribute(raw: unknown, path: SchemaPath): AttributeDefinition {
  const definition = requireObject(raw, path);
  const type = definition.type;
  if (typeof type !== 'string' || !(ATTRIBUTE_TYPES as readonly string[]).includes(type))
    throw invalidValue('not a valid value', [...path, 'type']);
  const kind = type as AttributeType;
  refuseExtraKeys(definition, new Set(['type', 'required', ...OPTIONS[kind]]), path);
  const required = definition.required ?? true;
  if (typeof required !== 'boolean') throw invalidValue('expected bool', [...path, 'required']);
  // A bad option fails every alternative of voluptuous's Any; it reports the first one's complaint, about `type`.
  const badOption = () => invalidValue('not a valid value', [...path, 'type']);
  if (kind === 'string') {
    const min = definition.min_length ?? 0;
    const max = definition.max_length ?? 255;
    if (!isInt(min) || min < 0 || min > 255 || !isInt(max) || max < 1 || max > 255) throw badOption();
    return { type: kind, required, max_length: max, min_length: min };
  }
  if (kind === 'number') {
    const min = definition.min ?? null;
    const max = definition.max ?? null;
    if ((min !== null && typeof min !== 'number') || (max !== null && typeof max !== 'number'))
      throw badOption();
    return { type: kind, required, min, max };
  }
  return { type: kind, required };
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function checkAttribute(name: string, definition: AttributeDefinition): void {
  if (name.length > 63 || INVALID_NAMES.has(name) || !VALID_NAME_START.test(name))
    throw badRequest(`Invalid input: Resource attribute name ${name} is invalid`);
  const [min, max] =
    definition.type === 'string'
      ? [definition.min_length, definition.max_length]
      : [definition.min, definition.max];
  if (min !== undefined && max !== undefined && min !== null && max !== null && min > max)
    throw badRequest(
      `Invalid input: Resource attribute value min (or min_length) ${pyNumber(min)} must be less  than or equal to max (or max_length) ${pyNumber(max)}!`,
    );
}

/** Python's str() of a number as Gnocchi's messages print it. */
export function pyNumber(value: number): string {
  return String(value);
}

/** Python's uuid.UUID(text) written back as str(): lower case with dashes; null when it does not parse. */
export function normalizeUuid(text: string): string | null {
  const hex = text
    .replace('urn:', '')
    .replace('uuid:', '')
    .replace(/^[{}]+|[{}]+$/g, '')
    .replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return null;
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** One attribute value of a resource body, checked and converted as the type's voluptuous schema does. */
export function attributeValue(
  definition: AttributeDefinition,
  value: unknown,
  path: SchemaPath,
  nowUs: number,
): AttributeValue {
  switch (definition.type) {
    case 'string': {
      if (typeof value !== 'string') throw invalidValue('expected str', path);
      const length = [...value].length;
      if (definition.max_length !== undefined && length > definition.max_length)
        throw invalidValue(`length of value must be at most ${definition.max_length}`, path);
      if (definition.min_length !== undefined && length < definition.min_length)
        throw invalidValue(`length of value must be at least ${definition.min_length}`, path);
      return value;
    }
    case 'number': {
      if (typeof value !== 'number') throw invalidValue('expected Real', path);
      if (definition.min !== undefined && definition.min !== null && value < definition.min)
        throw invalidValue(`value must be at least ${pyNumber(definition.min)}`, path);
      if (definition.max !== undefined && definition.max !== null && value > definition.max)
        throw invalidValue(`value must be at most ${pyNumber(definition.max)}`, path);
      return value;
    }
    case 'bool':
      if (typeof value !== 'boolean') throw invalidValue('expected bool', path);
      return value;
    case 'uuid': {
      const uuid = typeof value === 'string' ? normalizeUuid(value) : null;
      if (uuid === null) throw invalidValue('badly formed hexadecimal UUID string', path);
      return uuid;
    }
    case 'datetime':
      return datetimeValue(value, path, nowUs, true);
  }
}

/**
 * utils.to_datetime. Through a type's datetime attribute the conversion's own message is kept; through the
 * generic columns (started_at, ended_at) voluptuous only says "not a valid value".
 */
export function datetimeValue(value: unknown, path: SchemaPath, nowUs: number, ownMessage: boolean): number {
  try {
    return toTimestampUs(value, nowUs);
  } catch (error) {
    if (!(error instanceof TimespanError)) throw error;
    throw invalidValue(ownMessage ? error.message : 'not a valid value', path);
  }
}
