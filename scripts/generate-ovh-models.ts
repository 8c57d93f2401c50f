import { readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import {
  ReferenceModelsFileSchema,
  genericTemplateId,
  parseTypeRef,
  propertyType,
  type ReferenceModel,
  type ReferenceModelsFile,
  type TypeRef,
} from '../src/shared/ovh/reference-schema';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_REFERENCE_PATH = resolve(
  REPO_ROOT,
  '../shared/reference/ovh-dedicatedCloud-schema.json',
);
export const VENDORED_PATH = resolve(REPO_ROOT, 'src/shared/ovh/reference-models.json');
export const MODELS_PATH = resolve(REPO_ROOT, 'src/shared/ovh/models.ts');

/** The models the dashboard reads; everything they reference is vendored with them. */
export const DASHBOARD_MODEL_IDS = [
  'dedicatedCloud.dedicatedCloudWithIAM',
  'dedicatedCloud.dedicatedCloud',
  'dedicatedCloud.Datacenter',
  'dedicatedCloud.Cluster',
  'dedicatedCloud.Filer',
  'dedicatedCloud.Host',
  'dedicatedCloud.Vm',
  'dedicatedCloud.User',
  'dedicatedCloud.Right',
] as const;

const STRIPPED_NAMESPACE = 'dedicatedCloud.';

/** `dedicatedCloud.filer.StateEnum` → `FilerStateEnum`, `iam.ResourceMetadata` → `IamResourceMetadata`. */
export function modelTypeName(modelId: string): string {
  const base = modelId.replace(/<.*>$/, '');
  const local = base.startsWith(STRIPPED_NAMESPACE) ? base.slice(STRIPPED_NAMESPACE.length) : base;
  return local
    .split('.')
    .map((segment) => segment.charAt(0).toUpperCase() + segment.slice(1))
    .join('');
}

function genericFunctionName(modelId: string): string {
  const name = modelTypeName(modelId);
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}Schema`;
}

function isGenericInstantiation(models: ReferenceModelsFile['models'], id: string): boolean {
  const generics = models[id]?.generics;
  return generics !== undefined && genericTemplateId(models, id.replace(/<.*>$/, '')) !== id;
}

function typeParameters(model: ReferenceModel): readonly string[] {
  return model.generics ?? [];
}

/** The model ids a type string depends on (template and, when the schema has it, the instantiation). */
function referencedIds(models: ReferenceModelsFile['models'], ref: TypeRef): string[] {
  switch (ref.kind) {
    case 'array':
      return referencedIds(models, ref.item);
    case 'generic': {
      const template = genericTemplateId(models, ref.base);
      if (template === undefined) throw new Error(`No generic template for ${ref.text}`);
      const instantiation = ref.text in models ? [ref.text] : [];
      return [template, ...instantiation, ...ref.args.flatMap((arg) => referencedIds(models, arg))];
    }
    case 'named':
      if (!(ref.id in models)) throw new Error(`Unknown OVH type ${ref.id}`);
      return [ref.id];
    case 'primitive':
    case 'typeParameter':
      return [];
  }
}

function dependenciesOf(models: ReferenceModelsFile['models'], id: string): string[] {
  const model = models[id];
  if (!model) throw new Error(`Unknown OVH model ${id}`);
  return Object.values(model.properties ?? {}).flatMap((property) =>
    referencedIds(models, parseTypeRef(propertyType(property), typeParameters(model))),
  );
}

/**
 * Extracts the dashboard's models and their transitive references from a full OVH schema file,
 * keeping each model entry verbatim (the raw JSON, not the parsed one, so nothing is dropped).
 */
export function vendorReferenceModels(reference: unknown): unknown {
  const parsed = ReferenceModelsFileSchema.parse(reference);
  const raw = reference as { models: Record<string, unknown> };
  const kept = new Set<string>();
  const pending: string[] = [...DASHBOARD_MODEL_IDS];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (kept.has(id)) continue;
    kept.add(id);
    pending.push(...dependenciesOf(parsed.models, id));
  }
  const models = Object.fromEntries([...kept].sort().map((id) => [id, raw.models[id]]));
  return {
    apiVersion: parsed.apiVersion,
    basePath: parsed.basePath,
    resourcePath: parsed.resourcePath,
    models,
  };
}

/** Dependencies before dependents, ties broken by id, so the output is stable and needs no lazy getters. */
function topologicalOrder(models: ReferenceModelsFile['models']): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): void => {
    const seen = state.get(id);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`Recursive OVH model ${id} would need z.lazy`);
    state.set(id, 'visiting');
    for (const dependency of dependenciesOf(models, id)) {
      if (!isGenericInstantiation(models, dependency)) visit(dependency);
    }
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of Object.keys(models).sort()) {
    if (!isGenericInstantiation(models, id)) visit(id);
  }
  return order;
}

const GENERIC_ARGUMENT = 'inner';

function zodExpression(models: ReferenceModelsFile['models'], ref: TypeRef): string {
  switch (ref.kind) {
    case 'array':
      return `z.array(${zodExpression(models, ref.item)})`;
    case 'primitive':
      switch (ref.primitive) {
        case 'integer':
          return 'z.number().int()';
        case 'number':
          return 'z.number()';
        case 'boolean':
          return 'z.boolean()';
        case 'string':
        case 'datetime':
        case 'uuid':
          return 'z.string()';
        case 'stringMap':
          return 'z.record(z.string(), z.string())';
      }
      break;
    case 'typeParameter':
      return GENERIC_ARGUMENT;
    case 'generic': {
      const template = genericTemplateId(models, ref.base);
      if (template === undefined) throw new Error(`No generic template for ${ref.text}`);
      return `${genericFunctionName(template)}(${ref.args.map((arg) => zodExpression(models, arg)).join(', ')})`;
    }
    case 'named':
      return `${modelTypeName(ref.id)}Schema`;
  }
}

function docComment(text: string | undefined): string {
  return text ? `/** ${text.replaceAll('*/', '*\\/')} */\n` : '';
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

function objectExpression(models: ReferenceModelsFile['models'], model: ReferenceModel): string {
  const fields = Object.entries(model.properties ?? {}).map(([key, property]) => {
    const type = zodExpression(models, parseTypeRef(propertyType(property), typeParameters(model)));
    return `${docComment(property.description)}${propertyKey(key)}: ${type}${property.canBeNull ? '.nullable()' : ''},`;
  });
  return `z.object({\n${fields.join('\n')}\n})`;
}

function declaration(models: ReferenceModelsFile['models'], id: string): string {
  const model = models[id];
  if (!model) throw new Error(`Unknown OVH model ${id}`);
  const name = modelTypeName(id);
  const doc = docComment(model.description ? `${model.description} (\`${id}\`)` : `\`${id}\``);
  if (model.enum) {
    if (model.enumType !== 'string') throw new Error(`${id}: unsupported enumType ${model.enumType}`);
    return [
      `${doc}export const ${name}Values = ${JSON.stringify(model.enum)} as const;`,
      `export const ${name}Schema = z.enum(${name}Values);`,
      `export type ${name} = z.infer<typeof ${name}Schema>;`,
    ].join('\n');
  }
  const generics = typeParameters(model);
  if (generics.length > 0) {
    const [parameter, ...rest] = generics;
    if (parameter === undefined || rest.length > 0)
      throw new Error(`${id}: only one type parameter is supported`);
    const fn = genericFunctionName(id);
    return [
      `${doc}export const ${fn} = <${parameter} extends z.ZodType>(${GENERIC_ARGUMENT}: ${parameter}) => ${objectExpression(models, model)};`,
      `export type ${name}<${parameter}> = z.infer<ReturnType<typeof ${fn}<z.ZodType<${parameter}>>>>;`,
    ].join('\n');
  }
  return [
    `${doc}export const ${name}Schema = ${objectExpression(models, model)};`,
    `export type ${name} = z.infer<typeof ${name}Schema>;`,
  ].join('\n');
}

function assertUniqueNames(ids: readonly string[]): void {
  const owners = new Map<string, string>();
  for (const id of ids) {
    const name = modelTypeName(id);
    const owner = owners.get(name);
    if (owner !== undefined) throw new Error(`${owner} and ${id} would both be named ${name}`);
    owners.set(name, id);
  }
}

const HEADER = `// GENERATED FILE, do not edit. Made by scripts/generate-ovh-models.ts from
// src/shared/ovh/reference-models.json, the dashboard's subset of OVH's /1.0/dedicatedCloud.json models.
// Regenerate: npm run generate:ovh-models
// Re-vendor from a saved copy of OVH's full schema first: npm run generate:ovh-models -- --from PATH
`;

/** The formatted source of models.ts for a vendored models file. */
export async function renderModelsSource(vendored: unknown): Promise<string> {
  const { models } = ReferenceModelsFileSchema.parse(vendored);
  const order = topologicalOrder(models);
  assertUniqueNames(order);
  const body = order.map((id) => declaration(models, id)).join('\n\n');
  const source = `${HEADER}\nimport { z } from 'zod';\n\n${body}\n`;
  const config = await resolveConfig(MODELS_PATH);
  return format(source, { ...config, filepath: MODELS_PATH });
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: { from: { type: 'string' }, refresh: { type: 'boolean', default: false } },
  });
  const referencePath = values.from ?? (values.refresh ? DEFAULT_REFERENCE_PATH : undefined);
  if (referencePath !== undefined) {
    const vendored = vendorReferenceModels(await readJson(referencePath));
    await writeFile(VENDORED_PATH, `${JSON.stringify(vendored, null, 2)}\n`);
    console.log(`Vendored ${relative(REPO_ROOT, VENDORED_PATH)} from ${referencePath}`);
  }
  await writeFile(MODELS_PATH, await renderModelsSource(await readJson(VENDORED_PATH)));
  console.log(`Wrote ${relative(REPO_ROOT, MODELS_PATH)}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
