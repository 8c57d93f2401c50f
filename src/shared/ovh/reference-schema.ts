import { z } from 'zod';

// The shape of OVH's API schema files (`https://eu.api.ovh.com/1.0/<section>.json`), as far as
// the model generator and the conformance checker read them. Shared so both interpret type
// strings the same way.

export const ReferencePropertySchema = z.object({
  type: z.string(),
  fullType: z.string().optional(),
  canBeNull: z.boolean(),
  readOnly: z.boolean(),
  required: z.boolean().optional(),
  description: z.string().optional(),
});
export type ReferenceProperty = z.infer<typeof ReferencePropertySchema>;

export const ReferenceModelSchema = z.object({
  id: z.string(),
  namespace: z.string(),
  description: z.string().optional(),
  generics: z.array(z.string()).optional(),
  enum: z.array(z.string()).optional(),
  enumType: z.string().optional(),
  properties: z.record(z.string(), ReferencePropertySchema).optional(),
});
export type ReferenceModel = z.infer<typeof ReferenceModelSchema>;

export const ReferenceModelsFileSchema = z.object({
  apiVersion: z.string(),
  basePath: z.string(),
  resourcePath: z.string(),
  models: z.record(z.string(), ReferenceModelSchema),
});
export type ReferenceModelsFile = z.infer<typeof ReferenceModelsFileSchema>;

/** The JSON shape each OVH primitive type takes on the wire. */
export type PrimitiveKind = 'integer' | 'number' | 'boolean' | 'string' | 'datetime' | 'uuid' | 'stringMap';

export const PRIMITIVE_KINDS: ReadonlyMap<string, PrimitiveKind> = new Map<string, PrimitiveKind>([
  ['long', 'integer'],
  ['double', 'number'],
  ['boolean', 'boolean'],
  ['string', 'string'],
  ['text', 'string'],
  ['password', 'string'],
  ['ip', 'string'],
  ['ipv4', 'string'],
  ['ipv4Block', 'string'],
  ['uuid', 'uuid'],
  ['datetime', 'datetime'],
  ['map[string]string', 'stringMap'],
]);

export type TypeRef =
  | { kind: 'array'; item: TypeRef }
  | { kind: 'primitive'; name: string; primitive: PrimitiveKind }
  | { kind: 'typeParameter'; name: string }
  | { kind: 'generic'; base: string; args: TypeRef[]; text: string }
  | { kind: 'named'; id: string };

/**
 * Parses an OVH type string (`long`, `dedicatedCloud.vmFiler[]`, `complexType.UnitAndValue<long>`, `T`).
 * `typeParameters` are the generics in scope, so `T` inside `UnitAndValue<T>` is not taken for a model.
 */
export function parseTypeRef(text: string, typeParameters: readonly string[] = []): TypeRef {
  if (text.endsWith('[]')) return { kind: 'array', item: parseTypeRef(text.slice(0, -2), typeParameters) };
  const primitive = PRIMITIVE_KINDS.get(text);
  if (primitive) return { kind: 'primitive', name: text, primitive };
  if (typeParameters.includes(text)) return { kind: 'typeParameter', name: text };
  const open = text.indexOf('<');
  if (open > 0 && text.endsWith('>')) {
    // No generic in OVH's schemas takes a generic argument, so a flat comma split is enough.
    const args = text
      .slice(open + 1, -1)
      .split(',')
      .map((arg) => parseTypeRef(arg.trim(), typeParameters));
    return { kind: 'generic', base: text.slice(0, open), args, text };
  }
  return { kind: 'named', id: text };
}

/** The type string of a property: `fullType` when the schema gives it (nested models often omit it). */
export function propertyType(property: ReferenceProperty): string {
  return property.fullType ?? property.type;
}

/**
 * Finds the template of a generic (`complexType.UnitAndValue<T>`) from its base name. The schema also
 * holds instantiations (`complexType.UnitAndValue<long>`) whose properties still say `T`; they are not
 * templates.
 */
export function genericTemplateId(
  models: Readonly<Record<string, ReferenceModel>>,
  base: string,
): string | undefined {
  return Object.keys(models).find((id) => {
    const generics = models[id]?.generics;
    return generics !== undefined && id === `${base}<${generics.join(',')}>`;
  });
}
