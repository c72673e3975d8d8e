import { z } from 'zod';
import type { EntityDeclaration } from './kvs-entity-schema';
import { KEY_ATTRIBUTE } from './kvs-entity-schema';
import { KvsError } from './kvs-limits';

/** Conditions of `FilterConditions` in @forge/kvs (filters and transaction conditions). */
export const FILTER_CONDITIONS = [
  'BEGINS_WITH',
  'BETWEEN',
  'CONTAINS',
  'NOT_CONTAINS',
  'EQUAL_TO',
  'NOT_EQUAL_TO',
  'EXISTS',
  'NOT_EXISTS',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
] as const;
/** Conditions of `WhereConditions` (an index query's range condition). */
export const WHERE_CONDITIONS = ['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO'] as const;

export type ConditionName = (typeof FILTER_CONDITIONS)[number];
export type Scalar = string | number | boolean;

/** One condition on one attribute: `{property, condition, values}` as @forge/kvs sends it. */
export interface Condition {
  readonly property: string;
  readonly condition: ConditionName;
  readonly values: readonly Scalar[];
}

/** Conditions joined by `and` or by `or` (@forge/kvs sends `{and: [...]}` or `{or: [...]}`). */
export interface Filter {
  readonly operator: 'and' | 'or';
  readonly conditions: readonly Condition[];
}

const RawConditionSchema = z.object({ property: z.string(), condition: z.string(), values: z.array(z.unknown()) });
export const RawRangeSchema = z.object({ condition: z.string(), values: z.array(z.unknown()) });
export const RawFilterSchema = z.object({ and: z.array(RawConditionSchema).optional(), or: z.array(RawConditionSchema).optional() });

/**
 * Checks a filter against the entity's declaration and Forge's rules (one operator, known conditions, the right number of values).
 * @example parseFilter({ and: [{ property: 'seq', condition: 'EQUAL_TO', values: [3] }] }, head) // { operator: 'and', conditions: [...] }
 */
export function parseFilter(raw: z.infer<typeof RawFilterSchema>, declaration: EntityDeclaration): Filter {
  if (raw.and !== undefined && raw.or !== undefined) throw new KvsError(400, 'INVALID_FILTER_OPERATORS_COMBINATION', 'Filter operators "and" and "or" cannot be present at the same level.');
  const operator = raw.and !== undefined ? 'and' : 'or';
  const items = raw.and ?? raw.or ?? [];
  if (items.length === 0) throw new KvsError(400, 'EMPTY_FILTER_OPERATOR', `Filter operator "${operator}" needs at least one condition.`);
  return {
    operator,
    conditions: items.map((item) => {
      if (!declaration.attributes.has(item.property)) {
        throw new KvsError(400, 'INVALID_ENTITY_ATTRIBUTE', `A condition names attribute '${item.property}', which entity '${declaration.name}' does not declare.`);
      }
      return { property: item.property, ...parseCondition(item, FILTER_CONDITIONS) };
    }),
  };
}

/**
 * Checks an index query's range (`where`) condition.
 * @example parseRange({ condition: 'GREATER_THAN', values: [2] }) // { condition: 'GREATER_THAN', values: [2] }
 */
export function parseRange(raw: z.infer<typeof RawRangeSchema>): Omit<Condition, 'property'> {
  return parseCondition(raw, WHERE_CONDITIONS);
}

function parseCondition(raw: { condition: string; values: unknown[] }, allowed: readonly string[]): Omit<Condition, 'property'> {
  if (!allowed.includes(raw.condition)) throw new KvsError(400, 'INVALID_FILTER_CONDITION', `Condition '${raw.condition}' is not supported here (supported: ${allowed.join(', ')}).`);
  const condition = raw.condition as ConditionName;
  const wanted = condition === 'BETWEEN' ? 2 : 1;
  if (raw.values.length < wanted && condition === 'BETWEEN') throw new KvsError(400, 'INSUFFICIENT_FILTER_VALUES', 'The BETWEEN condition needs two values.');
  if (raw.values.length !== wanted) throw new KvsError(400, 'INVALID_FILTER_VALUES', `The ${condition} condition takes ${wanted} value${wanted > 1 ? 's' : ''}; got ${raw.values.length}.`);
  const values = raw.values.map((value) => {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw new KvsError(400, 'INVALID_FILTER_VALUES', `Condition values are strings, numbers or booleans; got ${JSON.stringify(value)}.`);
    return value;
  });
  if ((condition === 'EXISTS' || condition === 'NOT_EXISTS') && values[0] !== true) throw new KvsError(400, 'INVALID_FILTER_VALUES', `The ${condition} condition takes the value true.`);
  if ((condition === 'CONTAINS' || condition === 'NOT_CONTAINS') && typeof values[0] !== 'string') throw new KvsError(400, 'INVALID_FILTER_VALUES', `The ${condition} condition takes a string.`);
  return { condition, values };
}

/**
 * Whether an entity's attributes satisfy a filter. `attributes` is undefined when the key does not exist: then every
 * attribute is missing, so only NOT_EXISTS, NOT_EQUAL_TO and NOT_CONTAINS hold.
 * @example satisfies({ operator: 'and', conditions: [{ property: 'seq', condition: 'EQUAL_TO', values: [3] }] }, { seq: 3 }) // true
 */
export function satisfies(filter: Filter, attributes: Readonly<Record<string, unknown>> | undefined): boolean {
  const test = (condition: Condition): boolean => holds(condition, attributes?.[condition.property]);
  return filter.operator === 'and' ? filter.conditions.every(test) : filter.conditions.some(test);
}

/**
 * Whether one condition holds for an attribute's value (undefined when the attribute is missing).
 * @example holds({ property: 'seq', condition: 'BETWEEN', values: [1, 5] }, 5) // true
 */
export function holds(condition: Omit<Condition, 'property'>, value: unknown): boolean {
  const [first, second] = condition.values as [Scalar, Scalar | undefined];
  switch (condition.condition) {
    case 'EXISTS':
      return value !== undefined;
    case 'NOT_EXISTS':
      return value === undefined;
    case 'EQUAL_TO':
      return value === first;
    case 'NOT_EQUAL_TO':
      return value !== first;
    case 'CONTAINS':
      return contains(value, first);
    case 'NOT_CONTAINS':
      return !contains(value, first);
    case 'BEGINS_WITH':
      return typeof value === 'string' && typeof first === 'string' && value.startsWith(first);
    case 'BETWEEN':
      return second !== undefined && comparable(value, first, second) && compareScalars(value, first) >= 0 && compareScalars(value, second) <= 0;
    case 'GREATER_THAN':
      return comparable(value, first) && compareScalars(value, first) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return comparable(value, first) && compareScalars(value, first) >= 0;
    case 'LESS_THAN':
      return comparable(value, first) && compareScalars(value, first) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return comparable(value, first) && compareScalars(value, first) <= 0;
  }
}

function contains(value: unknown, needle: Scalar): boolean {
  if (typeof value === 'string') return typeof needle === 'string' && value.includes(needle);
  return Array.isArray(value) && value.includes(needle);
}

/** Values of one scalar type compare; anything else (missing, objects, mixed types) fails the comparison. */
function comparable(...values: unknown[]): boolean {
  const type = typeof values[0];
  return (type === 'string' || type === 'number' || type === 'boolean') && values.every((v) => typeof v === type);
}

/**
 * Orders scalars as an index does: booleans, then numbers numerically, then strings by their UTF-8 bytes.
 * @example compareScalars('a', 'b') // -1
 */
export function compareScalars(a: unknown, b: unknown): number {
  const rank = (v: unknown): number => (typeof v === 'boolean' ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

/** The value an index ranges over: an attribute, or the key for the built-in `by-key` index. */
export function rangeValue(range: string, key: string, attributes: Readonly<Record<string, unknown>>): unknown {
  return range === KEY_ATTRIBUTE ? key : attributes[range];
}
