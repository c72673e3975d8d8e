import { z } from 'zod';
import type { ChangelogItem } from './context';
import { PROJECT_COMPONENTS } from './demo';
import { SITE_FIELDS } from './routes/fields';
import type { SiteStore } from './store';

// Labels, components and custom fields on issues, as Jira takes them in `fields` (create and edit) and renders them:
// a select option `{self, value, id}`, a group `{name, groupId, self}`, a component `{self, id, name}`, lists of
// those, labels as strings, a number.

/** The options of the site's select fields (Jira's CustomFieldOption), by field id. */
export const FIELD_OPTIONS: Readonly<Record<string, readonly { readonly id: string; readonly value: string }[]>> = {
  customfield_10070: ['sig-api-machinery', 'sig-apps', 'sig-architecture', 'sig-auth', 'sig-node', 'sig-storage'].map((value, i) => ({ id: String(10100 + i), value })),
  customfield_10073: ['control-plane', 'data-plane', 'networking'].map((value, i) => ({ id: String(10200 + i), value })),
};

/** The fields besides summary, description and fix versions that issues keep: labels, components, every custom field. */
export const VALUE_FIELDS: readonly string[] = ['labels', 'components', ...SITE_FIELDS.filter((field) => field.custom).map((field) => field.id)];

const Ref = z.union([z.object({ id: z.union([z.string().min(1), z.number().int()]) }), z.object({ value: z.string().min(1) }), z.object({ name: z.string().min(1) }), z.object({ groupId: z.string().min(1) })]);
const LABEL = /^\S{1,255}$/;

interface FieldKind {
  readonly name: string;
  readonly custom: boolean;
  readonly kind: 'option' | 'group' | 'component' | 'label' | 'number';
  readonly many: boolean;
}

function kindOf(fieldId: string): FieldKind | undefined {
  if (fieldId === 'labels') return { name: 'labels', custom: false, kind: 'label', many: true };
  if (fieldId === 'components') return { name: 'Component', custom: false, kind: 'component', many: true };
  const field = SITE_FIELDS.find((f) => f.id === fieldId && f.custom);
  if (field?.schema === undefined) return undefined;
  const item = field.schema.type === 'array' ? field.schema.items : field.schema.type;
  const kind = item === 'option' ? 'option' : item === 'group' ? 'group' : item === 'number' ? 'number' : undefined;
  return kind === undefined ? undefined : { name: field.name, custom: true, kind, many: field.schema.type === 'array' };
}

/** One referenced value, as stored (without `self`), or why it names nothing. */
function storedItem(store: SiteStore, projectKey: string, fieldId: string, kind: FieldKind, raw: unknown): unknown {
  if (kind.kind === 'label') return typeof raw === 'string' && LABEL.test(raw) ? raw : new Error('Labels are words without spaces, at most 255 characters.');
  const ref = Ref.safeParse(raw);
  if (!ref.success) return new Error(`Specify each ${kind.name} value as an object with an id${kind.kind === 'group' ? ', a name or a groupId' : kind.kind === 'option' ? ' or a value' : ' or a name'}.`);
  const by = ref.data;
  if (kind.kind === 'option') {
    const option = (FIELD_OPTIONS[fieldId] ?? []).find((o) => ('id' in by && o.id === String(by.id)) || ('value' in by && o.value === by.value));
    return option ?? new Error(`Option ${JSON.stringify('value' in by ? by.value : 'id' in by ? String(by.id) : '')} is not valid for field ${kind.name}.`);
  }
  if (kind.kind === 'group') {
    const group = 'name' in by ? store.groupByName(by.name) : 'groupId' in by ? store.groupById(by.groupId) : undefined;
    return group ? { name: group.name, groupId: group.group_id } : new Error(`The group named is not a group of this site (field ${kind.name}).`);
  }
  const component = (PROJECT_COMPONENTS[projectKey] ?? []).find((c) => ('id' in by && c.id === String(by.id)) || ('name' in by && c.name === by.name));
  return component ?? new Error(`Component ${JSON.stringify('name' in by ? by.name : 'id' in by ? String(by.id) : '')} is not valid for project ${projectKey}.`);
}

/**
 * A `fields` value for a label, component or custom field, checked as Jira checks it: the value to store (null clears
 * the field), or the error Jira answers for that field; undefined for a field the site does not keep this way.
 *
 * @example
 * fieldEdit(store, 'KEP', 'customfield_10070', { value: 'sig-node' }) // { value: { id: '10104', value: 'sig-node' } }
 */
export function fieldEdit(store: SiteStore, projectKey: string, fieldId: string, raw: unknown): { value: unknown } | { error: string } | undefined {
  const kind = kindOf(fieldId);
  if (kind === undefined) return undefined;
  if (raw === null) return { value: null };
  if (kind.kind === 'number') return typeof raw === 'number' && Number.isFinite(raw) ? { value: raw } : { error: `${kind.name} must be a number.` };
  if (kind.many !== Array.isArray(raw)) return { error: kind.many ? `Specify ${kind.name} as a list.` : `Specify one ${kind.name} value, not a list.` };
  const items = (Array.isArray(raw) ? raw : [raw]).map((item) => storedItem(store, projectKey, fieldId, kind, item));
  const error = items.find((item): item is Error => item instanceof Error);
  if (error !== undefined) return { error: error.message };
  const unique = items.filter((item, i) => items.findIndex((other) => JSON.stringify(other) === JSON.stringify(item)) === i);
  return { value: kind.many ? unique : (unique[0] ?? null) };
}

/** A stored value as Jira renders it: with the `self` links of options, groups and components. */
export function renderFieldValue(base: string, stored: unknown): unknown {
  if (stored === undefined || stored === null) return null;
  if (Array.isArray(stored)) return stored.map((item) => renderFieldValue(base, item));
  if (typeof stored !== 'object') return stored;
  const item = stored as Record<string, string>;
  if ('groupId' in item) return { ...item, self: `${base}/rest/api/3/group?groupId=${encodeURIComponent(item['groupId'] ?? '')}` };
  if ('value' in item) return { self: `${base}/rest/api/3/customFieldOption/${item['id'] ?? ''}`, ...item };
  return { self: `${base}/rest/api/3/component/${item['id'] ?? ''}`, ...item };
}

/** How a field's change reads in the history (and the changelog of `avi:jira:updated:issue`). */
export function fieldChange(fieldId: string, before: unknown, after: unknown): ChangelogItem | undefined {
  if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return undefined;
  const kind = kindOf(fieldId);
  const words = (value: unknown): string | null => {
    const list = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    const text = list.map((item) => (typeof item === 'object' && item !== null ? String((item as Record<string, unknown>)['value'] ?? (item as Record<string, unknown>)['name']) : String(item))).join(' ');
    return text === '' ? null : text;
  };
  const ids = (value: unknown): string | null => {
    const list = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    const text = list.map((item) => (typeof item === 'object' && item !== null ? String((item as Record<string, unknown>)['id'] ?? (item as Record<string, unknown>)['groupId']) : null)).filter((id) => id !== null).join(',');
    return text === '' ? null : text;
  };
  return { field: kind?.name ?? fieldId, fieldtype: kind?.custom === true ? 'custom' : 'jira', fieldId, from: ids(before), fromString: words(before), to: ids(after), toString: words(after) };
}
