import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { KvsError } from './kvs-limits';

/** Attribute types a custom entity may declare (manifest `app.storage.entities[].attributes.<name>.type`). */
export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

/** One queryable index: its partition attributes (matched exactly) and its range attribute (ordered, `where`). */
export interface EntityIndex {
  readonly name: string;
  readonly partition: readonly string[];
  readonly range: string;
}

/** A custom entity as manifest.yml declares it. */
export interface EntityDeclaration {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, AttributeType>;
  readonly indexes: ReadonlyMap<string, EntityIndex>;
}

/** Forge's built-in index over the entity key (the manifest may not declare an index of that name). */
export const BY_KEY_INDEX = 'by-key';
/** The pseudo-attribute the built-in `by-key` index ranges over. */
export const KEY_ATTRIBUTE = '$key';

// The limits @forge/manifest 13.7 enforces (schema and StorageValidator) and the custom-entities reference states.
const ENTITY_NAME = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;
const ATTRIBUTE_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const MAX_ATTRIBUTES = 50;
const MAX_ATTRIBUTE_NAME = 30;
const MAX_INDEXES = 7;

const DeclarationSchema = z.strictObject({
  name: z.string().min(3).max(60).regex(ENTITY_NAME, 'is 3 to 60 of a-z 0-9 : - _ . (not starting with _ . -, no "..", not ending with .)'),
  attributes: z
    .record(z.string().max(MAX_ATTRIBUTE_NAME).regex(ATTRIBUTE_NAME, 'starts with a letter, then letters, digits or _'), z.strictObject({ type: z.enum(['string', 'integer', 'float', 'boolean', 'any']) }))
    .refine((attributes) => Object.keys(attributes).length >= 1 && Object.keys(attributes).length <= MAX_ATTRIBUTES, `declares 1 to ${MAX_ATTRIBUTES} attributes`),
  indexes: z
    .array(z.union([z.string().min(1), z.strictObject({ name: z.string().min(1), range: z.array(z.string()).min(1), partition: z.array(z.string()).min(1).optional() })]))
    .min(1)
    .max(MAX_INDEXES)
    .optional(),
});
const StorageSchema = z.object({ app: z.object({ storage: z.object({ entities: z.array(DeclarationSchema).min(1).optional() }).optional() }) });

/**
 * The custom entities manifest.yml declares under `app.storage.entities`, checked as `forge deploy` checks them.
 * @example loadEntityDeclarations('manifest.yml').get('record-head')?.indexes.get('by-issue')?.range // 'seq'
 */
export function loadEntityDeclarations(manifestFile: string): ReadonlyMap<string, EntityDeclaration> {
  return parseEntityDeclarations(parse(readFileSync(manifestFile, 'utf8')), manifestFile);
}

/**
 * Parses `app.storage.entities` of a parsed manifest; throws naming what is wrong.
 * @example parseEntityDeclarations({ app: { storage: { entities: [{ name: 'head', attributes: { seq: { type: 'integer' } } }] } } }).has('head') // true
 */
export function parseEntityDeclarations(manifest: unknown, source = 'manifest.yml'): ReadonlyMap<string, EntityDeclaration> {
  const parsed = StorageSchema.safeParse(manifest);
  if (!parsed.success) throw new Error(`${source}: app.storage.entities is not valid: ${z.prettifyError(parsed.error)}`);
  const declarations = new Map<string, EntityDeclaration>();
  for (const raw of parsed.data.app.storage?.entities ?? []) {
    if (declarations.has(raw.name)) throw new Error(`${source}: entity '${raw.name}' is declared twice.`);
    const attributes = new Map(Object.entries(raw.attributes).map(([name, { type }]) => [name, type] as const));
    const indexes = new Map<string, EntityIndex>();
    for (const index of raw.indexes ?? []) {
      const declared: EntityIndex = typeof index === 'string' ? { name: index, partition: [], range: index } : { name: index.name, partition: index.partition ?? [], range: index.range[0] ?? '' };
      if (typeof index !== 'string' && index.range.length > 1) throw new Error(`${source}: index '${index.name}' of entity '${raw.name}' has ${index.range.length} range attributes; the local site supports one.`);
      if (declared.name === BY_KEY_INDEX) throw new Error(`${source}: entity '${raw.name}' may not declare an index named '${BY_KEY_INDEX}' (Forge reserves it).`);
      if (indexes.has(declared.name)) throw new Error(`${source}: entity '${raw.name}' declares index '${declared.name}' twice.`);
      for (const attribute of [...declared.partition, declared.range]) {
        if (!attributes.has(attribute)) throw new Error(`${source}: index '${declared.name}' of entity '${raw.name}' uses '${attribute}', which is not one of its attributes.`);
      }
      indexes.set(declared.name, declared);
    }
    indexes.set(BY_KEY_INDEX, { name: BY_KEY_INDEX, partition: [], range: KEY_ATTRIBUTE });
    declarations.set(raw.name, { name: raw.name, attributes, indexes });
  }
  return declarations;
}

/** The declaration of `entityName`; 400 with Forge's entity-type codes when the name is malformed or not declared. */
export function entityDeclaration(declarations: ReadonlyMap<string, EntityDeclaration>, entityName: string): EntityDeclaration {
  if (entityName.length < 3) throw new KvsError(400, 'ENTITY_TYPE_TOO_SHORT', `Entity name '${entityName}' is shorter than 3 characters.`);
  if (entityName.length > 60) throw new KvsError(400, 'ENTITY_TYPE_TOO_LARGE', `Entity name '${entityName.slice(0, 80)}' is longer than 60 characters.`);
  if (!ENTITY_NAME.test(entityName)) throw new KvsError(400, 'INVALID_ENTITY_TYPE', `Entity name '${entityName}' does not match ${ENTITY_NAME.source}.`);
  const declaration = declarations.get(entityName);
  if (!declaration) {
    const known = [...declarations.keys()];
    throw new KvsError(400, 'INVALID_ENTITY_TYPE', `Entity '${entityName}' is not declared under app.storage.entities in manifest.yml${known.length ? ` (declared: ${known.join(', ')})` : ''}.`);
  }
  return declaration;
}

const INT32 = { min: -2_147_483_648, max: 2_147_483_647 } as const;
// Forge documents floats as 0 or within a magnitude range (the range of its underlying store's numbers).
const FLOAT_MAGNITUDE = { min: 1e-130, max: 1e126 } as const;

/**
 * Checks an entity value against its declaration: an object whose attributes are all declared and of their declared type.
 * @example validateEntityValue(head, { seq: 3, digest: 'ab' }) // passes; { seq: 1.5 } throws 400 INVALID_ENTITY_VALUE
 */
export function validateEntityValue(declaration: EntityDeclaration, value: unknown): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KvsError(400, 'INVALID_ENTITY_VALUE', `A value of entity '${declaration.name}' is an object of its attributes, not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}.`);
  }
  for (const [attribute, attributeValue] of Object.entries(value)) {
    const type = declaration.attributes.get(attribute);
    if (type === undefined) throw new KvsError(400, 'INVALID_ENTITY_VALUE', `Attribute '${attribute}' is not declared on entity '${declaration.name}' (declared: ${[...declaration.attributes.keys()].join(', ')}).`);
    const problem = typeProblem(type, attributeValue);
    if (problem) throw new KvsError(400, 'INVALID_ENTITY_VALUE', `Attribute '${attribute}' of entity '${declaration.name}' is declared ${type}: ${problem}.`);
  }
}

function typeProblem(type: AttributeType, value: unknown): string | undefined {
  switch (type) {
    case 'any':
      return undefined;
    case 'string':
      return typeof value === 'string' ? undefined : `got ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `got ${describe(value)}`;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return `got ${describe(value)}`;
      return value < INT32.min || value > INT32.max ? `${value} is outside the 32-bit signed range` : undefined;
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `got ${describe(value)}`;
      const magnitude = Math.abs(value);
      return value === 0 || (magnitude >= FLOAT_MAGNITUDE.min && magnitude < FLOAT_MAGNITUDE.max) ? undefined : `${value} is neither 0 nor of magnitude 1e-130 to 1e126`;
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : `${typeof value} ${JSON.stringify(value)?.slice(0, 40) ?? ''}`.trim();
}
