import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** A `jira:entityProperty` value Jira indexes for JQL. */
export interface IndexedValue {
  readonly propertyKey: string;
  readonly path: string;
  readonly type: IndexedType;
  readonly searchAlias?: string | undefined;
}
export type IndexedType = 'number' | 'string' | 'text' | 'user' | 'date';

const EntityPropertyModulesSchema = z.object({
  modules: z
    .object({
      'jira:entityProperty': z
        .array(
          z.object({
            key: z.string(),
            entityType: z.string().default('issue'),
            propertyKey: z.string().min(1),
            values: z.array(z.object({ path: z.string().min(1), type: z.enum(['number', 'string', 'text', 'user', 'date']), searchAlias: z.string().optional() })),
          }),
        )
        .optional(),
    })
    .optional(),
});

/** The manifest.yml nearest above `from` (the repository root, both from sources and from the built bundle). */
export function findManifest(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'manifest.yml');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`No manifest.yml found above ${from}`);
  }
}

/**
 * The issue-property values declared by the manifest's `jira:entityProperty` modules.
 *
 * @example
 * readIndexedValues('manifest.yml') // [{ propertyKey: 'golive-gate.summary', path: 'status', type: 'string', searchAlias: 'goLiveGateStatus' }, ...]
 */
export function readIndexedValues(manifestFile: string): IndexedValue[] {
  const manifest = EntityPropertyModulesSchema.parse(parse(readFileSync(manifestFile, 'utf8')));
  return (manifest.modules?.['jira:entityProperty'] ?? [])
    .filter((module) => module.entityType === 'issue')
    .flatMap((module) => module.values.map((value) => ({ propertyKey: module.propertyKey, path: value.path, type: value.type, searchAlias: value.searchAlias })));
}

export interface IndexEntry {
  readonly path: string;
  readonly num: number | null;
  readonly str: string | null;
}

/**
 * What Jira would index from one property value: each declared path's value, one entry per array element;
 * values of the wrong type, and dates not in Forge's documented format, are not indexed (as in Jira).
 *
 * @example
 * extractIndexEntries(values, 'golive-gate.summary', { status: 'blocked', pending: ['cee', 'sre-p'] })
 * // [{ path: 'status', num: null, str: 'blocked' }, { path: 'pending', ..., str: 'cee' }, { path: 'pending', ..., str: 'sre-p' }]
 */
export function extractIndexEntries(values: readonly IndexedValue[], propertyKey: string, value: unknown): IndexEntry[] {
  return values
    .filter((declared) => declared.propertyKey === propertyKey)
    .flatMap((declared) => {
      const found = valueAt(value, declared.path);
      const items = Array.isArray(found) ? (found as unknown[]) : [found];
      return items.flatMap((item) => {
        const entry = toEntry(declared.type, item);
        return entry ? [{ path: declared.path, ...entry }] : [];
      });
    });
}

function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * How Forge documents `date` values of `jira:entityProperty`: `YYYY-MM-DDThh:mm:ssTZ`, the zone as `Z` or an offset,
 * and no fractional seconds. Anything else is not indexed (see docs/local-site-strictness.md).
 */
const INDEXED_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:?\d{2})$/;

function toEntry(type: IndexedType, item: unknown): { num: number | null; str: string | null } | undefined {
  switch (type) {
    case 'number': {
      const number = typeof item === 'number' ? item : typeof item === 'string' && item.trim() !== '' ? Number(item) : NaN;
      return Number.isFinite(number) ? { num: number, str: null } : undefined;
    }
    case 'date': {
      const time = typeof item === 'string' && INDEXED_DATE.test(item) ? Date.parse(item) : NaN;
      return Number.isFinite(time) ? { num: time, str: null } : undefined;
    }
    default:
      return typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? { num: null, str: String(item) } : undefined;
  }
}
