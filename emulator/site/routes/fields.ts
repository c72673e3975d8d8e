import type { Handler } from '../context';
import { json } from '../http';

// Fields (Jira REST v3 "Issue fields"): GET /rest/api/3/field lists the site's system and custom fields.

/** Jira's FieldDetails, as GET /rest/api/3/field answers for each field. */
interface FieldDetails {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly custom: boolean;
  readonly orderable: boolean;
  readonly navigable: boolean;
  readonly searchable: boolean;
  readonly clauseNames: readonly string[];
  readonly schema?: { readonly type: string; readonly items?: string; readonly system?: string; readonly custom?: string; readonly customId?: number };
}

const system = (id: string, name: string, type: string, items?: string): FieldDetails => ({
  id, key: id, name, custom: false, orderable: true, navigable: true, searchable: true, clauseNames: [id],
  schema: { type, ...(items !== undefined && { items }), system: id },
});

const CUSTOM_TYPES = 'com.atlassian.jira.plugin.system.customfieldtypes';
const custom = (customId: number, name: string, customType: string, type: string, items?: string): FieldDetails => ({
  id: `customfield_${customId}`, key: `customfield_${customId}`, name, custom: true, orderable: true, navigable: true, searchable: true,
  clauseNames: [`cf[${customId}]`, name],
  schema: { type, ...(items !== undefined && { items }), custom: `${CUSTOM_TYPES}:${customType}`, customId },
});

/**
 * The fields of the local site: the system fields a gate reads, and custom fields of each kind an approver source or a
 * condition can name (the PRR template's "Owning SIG" select is customfield_10070), plus one that can name neither.
 */
export const SITE_FIELDS: readonly FieldDetails[] = [
  system('summary', 'Summary', 'string'),
  system('issuetype', 'Issue Type', 'issuetype'),
  system('status', 'Status', 'status'),
  system('reporter', 'Reporter', 'user'),
  system('labels', 'Labels', 'array', 'string'),
  system('components', 'Components', 'array', 'component'),
  system('fixVersions', 'Fix versions', 'array', 'version'),
  custom(10070, 'Owning SIG', 'select', 'option'),
  custom(10071, 'Approver group', 'grouppicker', 'group'),
  custom(10072, 'Reviewing groups', 'multigrouppicker', 'array', 'group'),
  custom(10073, 'Affected areas', 'multiselect', 'array', 'option'),
  custom(10074, 'Story points', 'float', 'number'),
];

/** GET /rest/api/3/field: every field of the site, system and custom. */
export const listFields: Handler = () => json(SITE_FIELDS);
