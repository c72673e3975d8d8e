import type { AdfNode } from './adf';
import { adfToText } from './adf';
import type { AttachmentRow } from './attachment-store';
import type { CommentRow } from './comment-store';
import { TASK_ISSUE_TYPE } from './demo';
import { escapeHtml } from '../host/html';
import { ISSUE_LINK_TYPES } from './issue-link-store';
import { renderFieldValue, VALUE_FIELDS } from './issue-fields';
import type { IssueRow, ProjectRow, PropertyRow, SiteStore, StatusRow, UserRow } from './store';
import type { VersionRow } from './version-store';

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

/**
 * Whoever an account id names, as Jira embeds users in comments and attachments (UserDetails: no locale): a site user,
 * the app (asApp writes), or a user who no longer exists.
 */
export function renderAccount(base: string, store: SiteStore, accountId: string): Record<string, unknown> {
  const user = store.userById(accountId);
  const full = accountId === APP_ACCOUNT.accountId ? renderAppUser(base) : user ? renderUser(base, user) : undefined;
  if (!full) return { accountId, accountType: 'unknown', active: false, displayName: 'Former user', avatarUrls: avatarUrls(base), timeZone: 'Etc/UTC' };
  return Object.fromEntries(Object.entries(full).filter(([key]) => key !== 'locale'));
}

/** A comment as Jira's v3 API renders it (body in ADF; `renderedBody`, HTML, when expanded). */
export function renderComment(base: string, store: SiteStore, comment: CommentRow, expandRendered: boolean): Record<string, unknown> {
  const body = JSON.parse(comment.body) as AdfNode;
  return {
    self: `${base}/rest/api/3/issue/${comment.issue_id}/comment/${comment.id}`,
    id: String(comment.id),
    author: renderAccount(base, store, comment.author_account_id),
    body,
    ...(expandRendered ? { renderedBody: renderAdfHtml(body) } : {}),
    updateAuthor: renderAccount(base, store, comment.update_author_account_id),
    created: jiraTime(comment.created_ms),
    updated: jiraTime(comment.updated_ms),
    jsdPublic: true,
  };
}

/** Plain HTML of an ADF body: one paragraph per line of its text, every character escaped. */
function renderAdfHtml(body: AdfNode): string {
  return adfToText(body)
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

/** A project version (release), as GET /rest/api/3/version/{id} renders it. */
export function renderVersion(base: string, version: VersionRow, today: string): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/version/${version.id}`,
    id: String(version.id),
    name: version.name,
    description: version.description,
    archived: version.archived === 1,
    released: version.released === 1,
    ...(version.start_date === null ? {} : { startDate: version.start_date }),
    ...(version.release_date === null ? {} : { releaseDate: version.release_date, userReleaseDate: version.release_date }),
    ...(version.release_date !== null && version.released === 0 ? { overdue: version.release_date < today } : {}),
    projectId: version.project_id,
  };
}

/** An attachment's metadata, with the URL its content is downloaded from. */
export function renderAttachment(base: string, store: SiteStore, attachment: AttachmentRow): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/attachment/${attachment.id}`,
    id: String(attachment.id),
    filename: attachment.filename,
    author: renderAccount(base, store, attachment.author_account_id),
    created: jiraTime(attachment.created_ms),
    size: attachment.size,
    mimeType: attachment.mime_type,
    content: `${base}/rest/api/3/attachment/content/${attachment.id}`,
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

/** Every field the site knows, in Jira's names; `*all` means all of them, `*navigable` all but the comments. */
export const ISSUE_FIELDS = ['summary', 'status', 'project', 'reporter', 'created', 'updated', 'issuetype', 'description', 'fixVersions', 'attachment', 'comment', 'issuelinks'] as const;
type IssueField = (typeof ISSUE_FIELDS)[number];
/** Every field a `fields` parameter can name: those above, then labels, components and the custom fields (issue-fields.ts). */
const ALL_FIELDS: readonly string[] = [...ISSUE_FIELDS, ...VALUE_FIELDS];
const NOT_NAVIGABLE: ReadonlySet<string> = new Set(['comment']);

/** The issue fields Forge's product events carry (events-reference/jira: `Issue`). */
export const EVENT_ISSUE_FIELDS: readonly IssueField[] = ['summary', 'issuetype', 'created', 'project', 'reporter', 'updated', 'status'];

/**
 * Which fields a `fields` parameter asks for: names, `*all`, `*navigable`, and `-name` to exclude.
 *
 * @example
 * selectFields(['*all', '-description'], ['*all']) // every field but description
 * selectFields(undefined, ['id']) // [] (search's default: ids only)
 */
export function selectFields(requested: readonly string[] | undefined, fallback: readonly string[]): string[] {
  const names = requested ?? fallback;
  const excluded = new Set(names.filter((name) => name.startsWith('-')).map((name) => name.slice(1)));
  const included = names.filter((name) => !name.startsWith('-'));
  const wantsAll = included.includes('*all') || (included.length === 0 && excluded.size > 0);
  const wantsNavigable = included.includes('*navigable');
  return ALL_FIELDS.filter((field) => (wantsAll || (wantsNavigable && !NOT_NAVIGABLE.has(field)) || included.includes(field)) && !excluded.has(field));
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
  fields: readonly string[],
  properties: readonly PropertyRow[] | undefined,
): Record<string, unknown> {
  const rendered: Record<string, unknown> = { expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations', id: String(issue.id), self: `${base}/rest/api/3/issue/${issue.id}`, key: issue.issue_key };
  const values = fields.some((field) => VALUE_FIELDS.includes(field)) ? store.fieldValues.of(issue.id) : undefined;
  const valueOf = (field: string): unknown => (values !== undefined && VALUE_FIELDS.includes(field) ? renderFieldValue(base, values.get(field) ?? (field === 'labels' || field === 'components' ? [] : null)) : fieldValue(base, store, issue, field as IssueField));
  if (fields.length > 0) rendered['fields'] = Object.fromEntries(fields.map((field) => [field, valueOf(field)]));
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
    case 'fixVersions': {
      const today = new Date().toISOString().slice(0, 10);
      return (store.versions.fixVersionsOf([issue.id]).get(issue.id) ?? []).map((version) => renderVersion(base, version, today));
    }
    case 'attachment':
      return (store.attachments.ofIssues([issue.id]).get(issue.id) ?? []).map((attachment) => renderAttachment(base, store, attachment));
    case 'issuelinks':
      return store.issueLinks.of(issue.id).flatMap((link) => {
        // Each end lists the link with the other issue: the inward issue sees the outward one, and the reverse.
        const type = ISSUE_LINK_TYPES.find((t) => t.id === link.type_id);
        const otherId = link.inward_issue_id === issue.id ? link.outward_issue_id : link.inward_issue_id;
        const other = store.issue(String(otherId));
        if (type === undefined || other === undefined) return [];
        const linked = { id: String(other.id), key: other.issue_key, self: `${base}/rest/api/3/issue/${other.id}`, fields: { summary: other.summary, status: renderStatus(base, store.status(other.status_id)), issuetype: renderIssueType(base) } };
        return [{ id: String(link.id), self: `${base}/rest/api/3/issueLink/${link.id}`, type: { ...type, self: `${base}/rest/api/3/issueLinkType/${type.id}` }, ...(link.inward_issue_id === issue.id ? { outwardIssue: linked } : { inwardIssue: linked }) }];
      });
    case 'comment': {
      const { comments, total } = store.comments.page(issue.id, 0, ISSUE_COMMENTS_SHOWN, false);
      return { comments: comments.map((comment) => renderComment(base, store, comment, false)), self: `${base}/rest/api/3/issue/${issue.id}/comment`, maxResults: comments.length, total, startAt: 0 };
    }
  }
}

/** The issue's `comment` field holds its oldest comments, as Jira's does; the comment resource pages through all. */
const ISSUE_COMMENTS_SHOWN = 5000;
