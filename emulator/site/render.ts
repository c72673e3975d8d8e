import { TASK_ISSUE_TYPE } from './demo';
import type { IssueRow, ProjectRow, PropertyRow, SiteStore, StatusRow, UserRow } from './store';

/** Jira Cloud's JSON representations of the site's rows; `base` is the site's URL for `self` links. */

/** The account the app acts as (asApp), as /myself shows it. */
export const APP_ACCOUNT = { accountId: 'app-go-live-gate', displayName: 'Go-Live Gate' } as const;

export const avatarUrls = (base: string): Record<string, string> => {
  const url = `${base}/__site/avatar.svg`;
  return { '48x48': url, '24x24': url, '16x16': url, '32x32': url };
};

/** Jira Cloud's date-time format, e.g. `2025-01-02T10:20:30.123+0000`. */
export const jiraTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

export function renderUser(base: string, user: UserRow): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/user?accountId=${encodeURIComponent(user.account_id)}`,
    accountId: user.account_id,
    accountType: 'atlassian',
    emailAddress: user.email,
    avatarUrls: avatarUrls(base),
    displayName: user.display_name,
    active: user.active === 1,
    timeZone: 'Etc/UTC',
    locale: 'en_US',
  };
}

export function renderAppUser(base: string): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/user?accountId=${APP_ACCOUNT.accountId}`,
    accountId: APP_ACCOUNT.accountId,
    accountType: 'app',
    avatarUrls: avatarUrls(base),
    displayName: APP_ACCOUNT.displayName,
    active: true,
    timeZone: 'Etc/UTC',
    locale: 'en_US',
  };
}

const CATEGORIES = {
  new: { id: 2, colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, colorName: 'green', name: 'Done' },
} as const;

export function renderStatus(base: string, status: StatusRow): Record<string, unknown> {
  const category = CATEGORIES[status.category];
  return {
    self: `${base}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${base}/__site/avatar.svg`,
    name: status.name,
    id: String(status.id),
    statusCategory: { self: `${base}/rest/api/3/statuscategory/${category.id}`, id: category.id, key: status.category, colorName: category.colorName, name: category.name },
  };
}

export function renderProjectRef(base: string, project: ProjectRow): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/project/${project.id}`,
    id: String(project.id),
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: false,
    avatarUrls: avatarUrls(base),
  };
}

export function renderIssueType(base: string): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/issuetype/${TASK_ISSUE_TYPE.id}`,
    id: TASK_ISSUE_TYPE.id,
    description: TASK_ISSUE_TYPE.description,
    iconUrl: `${base}/__site/avatar.svg`,
    name: TASK_ISSUE_TYPE.name,
    subtask: false,
    hierarchyLevel: 0,
  };
}

/** Every field the site knows, in Jira's names; `*all` and `*navigable` both mean all of them here. */
export const ISSUE_FIELDS = ['summary', 'status', 'project', 'reporter', 'created', 'updated', 'issuetype', 'description'] as const;
type IssueField = (typeof ISSUE_FIELDS)[number];

/**
 * Which fields a `fields` parameter asks for: names, `*all`, `*navigable`, and `-name` to exclude.
 *
 * @example
 * selectFields(['*all', '-description'], ['*all']) // every field but description
 * selectFields(undefined, ['id']) // [] (search's default: ids only)
 */
export function selectFields(requested: readonly string[] | undefined, fallback: readonly string[]): IssueField[] {
  const names = requested ?? fallback;
  const excluded = new Set(names.filter((name) => name.startsWith('-')).map((name) => name.slice(1)));
  const included = names.filter((name) => !name.startsWith('-'));
  const wantsAll = included.includes('*all') || included.includes('*navigable') || (included.length === 0 && excluded.size > 0);
  return ISSUE_FIELDS.filter((field) => (wantsAll || included.includes(field)) && !excluded.has(field));
}

/**
 * Which issue properties a `properties` parameter asks for: keys, `*all`, and `-key` to exclude.
 *
 * @example
 * selectProperties(['*all', '-golive-gate.summary'], ['golive-gate.summary', 'golive-gate.numbers']) // ['golive-gate.numbers']
 */
export function selectProperties(requested: readonly string[], available: readonly string[]): string[] {
  const excluded = new Set(requested.filter((key) => key.startsWith('-')).map((key) => key.slice(1)));
  const wantsAll = requested.includes('*all');
  return available.filter((key) => (wantsAll || requested.includes(key)) && !excluded.has(key));
}

export function renderIssue(
  base: string,
  store: SiteStore,
  issue: IssueRow,
  fields: readonly IssueField[],
  properties: readonly PropertyRow[] | undefined,
): Record<string, unknown> {
  const rendered: Record<string, unknown> = { expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations', id: String(issue.id), self: `${base}/rest/api/3/issue/${issue.id}`, key: issue.issue_key };
  if (fields.length > 0) rendered['fields'] = Object.fromEntries(fields.map((field) => [field, fieldValue(base, store, issue, field)]));
  if (properties) rendered['properties'] = Object.fromEntries(properties.map((property) => [property.key, JSON.parse(property.value) as unknown]));
  return rendered;
}

function fieldValue(base: string, store: SiteStore, issue: IssueRow, field: IssueField): unknown {
  switch (field) {
    case 'summary':
      return issue.summary;
    case 'description':
      return issue.description === null ? null : (JSON.parse(issue.description) as unknown);
    case 'status':
      return renderStatus(base, store.status(issue.status_id));
    case 'project': {
      const project = store.project(String(issue.project_id));
      return project ? renderProjectRef(base, project) : null;
    }
    case 'reporter': {
      const reporter = issue.reporter_account_id === null ? undefined : store.userById(issue.reporter_account_id);
      return reporter ? renderUser(base, reporter) : null;
    }
    case 'created':
      return jiraTime(issue.created_ms);
    case 'updated':
      return jiraTime(issue.updated_ms);
    case 'issuetype':
      return renderIssueType(base);
  }
}
