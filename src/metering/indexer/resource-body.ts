import { badRequest } from '../errors';
import { ResourceIdError, resourceUuid } from '../resource-id';
import type { AttributeValue, ResourceType } from './model';
import { invalidKey, invalidValue, isPlainObject, requireObject } from './invalid-input';
import { attributeValue, datetimeValue, normalizeUuid } from './resource-type';

// A resource body (POST or PATCH /v1/resource/{type}) checked as Gnocchi's ResourceSchema does: the generic
// columns, the type's attributes, and `metrics`. Voluptuous walks the body's keys in order and reports the first
// problem; missing required keys come last, and only on POST.

/** A metric of a resource body: an existing metric's id, or a new one's archive policy. */
export type MetricSpec =
  | { readonly existingId: string }
  | { readonly archivePolicyName: string | null; readonly unit: string | null };

export interface ResourceBody {
  /** POST only: [original id as sent, the UUID it maps to]. */
  readonly id?: { readonly original: string; readonly uuid: string };
  readonly startedAtUs?: number;
  readonly endedAtUs?: number | null;
  readonly userId?: string | null;
  readonly projectId?: string | null;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly metrics?: Readonly<Record<string, MetricSpec>>;
}

const GENERIC_KEYS = new Set(['started_at', 'ended_at', 'user_id', 'project_id', 'metrics']);

export function parseResourceBody(
  type: ResourceType,
  raw: unknown,
  options: { readonly creator: string; readonly nowUs: number; readonly create: boolean },
): ResourceBody {
  const body = requireObject(raw, []);
  const attributes: Record<string, AttributeValue> = {};
  const result: {
    -readonly [K in keyof ResourceBody]: ResourceBody[K];
  } = { attributes };
  for (const [key, value] of Object.entries(body)) {
    if (key === 'id' && options.create) {
      result.id = parseResourceId(value, options.creator);
    } else if (GENERIC_KEYS.has(key)) {
      switch (key) {
        case 'started_at':
          result.startedAtUs = datetimeValue(value, [key], options.nowUs, false);
          break;
        case 'ended_at':
          // Gnocchi 4.4.2 answers a 500 to `ended_at: null`; clearing the end is what such a PATCH means.
          result.endedAtUs = value === null ? null : datetimeValue(value, [key], options.nowUs, false);
          break;
        case 'user_id':
        case 'project_id':
          if (value !== null && typeof value !== 'string') throw invalidValue('not a valid value', [key]);
          if (key === 'user_id') result.userId = value;
          else result.projectId = value;
          break;
        case 'metrics':
          result.metrics = parseMetrics(value);
          break;
      }
    } else {
      const definition = type.attributes[key];
      if (definition === undefined) throw invalidKey('extra keys not allowed', [key]);
      attributes[key] = attributeValue(definition, value, [key], options.nowUs);
    }
  }
  if (options.create) {
    if (result.id === undefined) throw invalidKey('required key not provided', ['id']);
    for (const [name, definition] of Object.entries(type.attributes)) {
      if (definition.required && !(name in body)) throw invalidKey('required key not provided', [name]);
    }
  }
  return result;
}

function parseResourceId(value: unknown, creator: string): { original: string; uuid: string } {
  if (typeof value !== 'string') throw invalidValue('not a valid value', ['id']);
  if (value.includes('/')) throw invalidValue("'/' is not supported in resource id", ['id']);
  if (normalizeUuid(value) === null && value.length > 255) throw invalidValue('not a valid value', ['id']);
  try {
    return { original: value, uuid: resourceUuid(value, creator) };
  } catch (error) {
    if (error instanceof ResourceIdError) throw invalidValue('not a valid value', ['id']);
    throw error;
  }
}

function parseMetrics(value: unknown): Record<string, MetricSpec> {
  const metrics = requireObject(value, ['metrics']);
  const specs: Record<string, MetricSpec> = {};
  for (const [name, spec] of Object.entries(metrics)) {
    if (typeof spec === 'string') {
      const id = normalizeUuid(spec);
      if (id === null) throw invalidValue('not a valid value', ['metrics', name]);
      specs[name] = { existingId: id };
    } else if (isPlainObject(spec)) {
      specs[name] = parseNewMetric(spec, ['metrics', name]);
    } else {
      throw invalidValue('not a valid value', ['metrics', name]);
    }
    if (name.includes('/')) throw badRequest("'/' is not supported in metric name");
  }
  return specs;
}

/** The MetricSchema of a metric created with its resource (`{archive_policy_name, unit}`). */
export function parseNewMetric(spec: Record<string, unknown>, path: readonly string[]): MetricSpec {
  for (const key of Object.keys(spec)) {
    if (key !== 'archive_policy_name' && key !== 'unit' && key !== 'name')
      throw invalidKey('extra keys not allowed', [...path, key]);
  }
  const policy = spec.archive_policy_name;
  if (policy !== undefined && typeof policy !== 'string')
    throw invalidValue('expected str', [...path, 'archive_policy_name']);
  const unit = spec.unit;
  if (unit !== undefined && unit !== null && (typeof unit !== 'string' || unit.length > 31))
    throw invalidValue(typeof unit === 'string' ? 'length of value must be at most 31' : 'expected str', [
      ...path,
      'unit',
    ]);
  return { archivePolicyName: policy ?? null, unit: unit ?? null };
}
