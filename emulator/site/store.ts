import { FieldValueStore } from './field-value-store';
import type { Database } from '../db';
import { AttachmentStore } from './attachment-store';
import { ChangelogStore } from './changelog-store';
import { CommentStore } from './comment-store';
import type { IndexedValue } from './entity-properties';
import { extractIndexEntries } from './entity-properties';
import type { StatusCategoryKey } from './demo';
import { RemoteLinkStore } from './remote-link-store';
import { IssueLinkStore } from './issue-link-store';
import { Statements } from './statements';
import { VersionStore } from './version-store';

/** Data access for the site's Jira tables. Every method that writes runs in one SQLite transaction. */

export interface UserRow {
  readonly account_id: string;
  readonly email: string;
  readonly display_name: string;
  readonly api_token: string;
  readonly active: number;
}
export interface GroupRow {
  readonly group_id: string;
  readonly name: string;
}
export interface ProjectRow {
  readonly id: number;
  readonly key: string;
  readonly name: string;
  readonly lead_account_id: string | null;
  readonly initial_status_id: number;
}
export interface StatusRow {
  readonly id: number;
  readonly name: string;
  readonly category: StatusCategoryKey;
}
export interface IssueRow {
  readonly id: number;
  readonly project_id: number;
  readonly issue_key: string;
  readonly summary: string;
  readonly description: string | null;
  readonly issue_type_id: string;
  readonly status_id: number;
  readonly reporter_account_id: string | null;
  readonly created_ms: number;
  readonly updated_ms: number;
}
export interface TransitionRow {
  readonly id: number;
  readonly project_id: number;
  readonly name: string;
  readonly from_status_id: number | null;
  readonly to_status_id: number;
}
export interface ValidatorRow {
  readonly module_key: string;
  readonly configuration: string;
}
export interface PropertyRow {
  readonly key: string;
  readonly value: string;
}

export interface NotificationRow {
  readonly id: number;
  readonly issue_key: string;
  readonly subject: string;
  readonly text_body: string;
  readonly groups_json: string;
  readonly recipients_json: string;
  readonly sent_by: string;
  readonly sent_ms: number;
}

export interface NewNotification {
  readonly issueId: number;
  readonly issueKey: string;
  readonly subject: string;
  readonly textBody: string;
  readonly htmlBody: string | null;
  readonly groups: readonly string[];
  readonly recipients: readonly string[];
  readonly sentBy: string;
  readonly sentMs: number;
}

export interface NewIssue {
  readonly projectId: number;
  readonly summary: string;
  readonly description: string | null;
  readonly issueTypeId: string;
  readonly reporterAccountId: string | null;
  readonly statusId?: number;
  readonly createdMs: number;
}

const ISSUE_COLUMNS = 'id, project_id, issue_key, summary, description, issue_type_id, status_id, reporter_account_id, created_ms, updated_ms';

export class SiteStore extends Statements {
  readonly comments: CommentStore;
  readonly remoteLinks: RemoteLinkStore;
  readonly issueLinks: IssueLinkStore;
  readonly versions: VersionStore;
  readonly attachments: AttachmentStore;
  readonly changelog: ChangelogStore;
  readonly fieldValues: FieldValueStore;

  constructor(
    db: Database,
    private readonly indexedValues: readonly IndexedValue[],
  ) {
    super(db);
    this.comments = new CommentStore(db);
    this.remoteLinks = new RemoteLinkStore(db);
    this.issueLinks = new IssueLinkStore(db);
    this.versions = new VersionStore(db);
    this.attachments = new AttachmentStore(db);
    this.changelog = new ChangelogStore(db);
    this.fieldValues = new FieldValueStore(db);
  }

  // Site metadata

  metaValue(key: string): string | undefined {
    return this.sql('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  }

  setMetaValue(key: string, value: string): void {
    this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  // Users and groups

  hasUsers(): boolean {
    return this.sql('SELECT 1 FROM users LIMIT 1').get() !== undefined;
  }

  /** Active users by display name (the pages' user chooser). */
  activeUsers(): UserRow[] {
    return this.sql('SELECT * FROM users WHERE active = 1 ORDER BY display_name, account_id').all() as UserRow[];
  }

  insertUser(user: { accountId: string; email: string; displayName: string; apiToken: string }): void {
    this.sql('INSERT INTO users (account_id, email, display_name, api_token) VALUES (?, ?, ?, ?)').run(user.accountId, user.email, user.displayName, user.apiToken);
  }

  insertGroup(groupId: string, name: string): void {
    this.sql('INSERT INTO user_groups (group_id, name) VALUES (?, ?)').run(groupId, name);
  }

  userByEmail(email: string): UserRow | undefined {
    return this.sql('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
  }

  userById(accountId: string): UserRow | undefined {
    return this.sql('SELECT * FROM users WHERE account_id = ?').get(accountId) as UserRow | undefined;
  }

  listUsers(startAt: number, maxResults: number): UserRow[] {
    return this.sql('SELECT * FROM users ORDER BY display_name, account_id LIMIT ? OFFSET ?').all(maxResults, startAt) as UserRow[];
  }

  groupsOf(accountId: string): GroupRow[] {
    return this.db
      .prepare('SELECT g.group_id, g.name FROM user_groups g JOIN group_members m ON m.group_id = g.group_id WHERE m.account_id = ? ORDER BY g.name')
      .all(accountId) as GroupRow[];
  }

  addGroupMember(groupId: string, accountId: string): void {
    this.sql('INSERT OR IGNORE INTO group_members (group_id, account_id) VALUES (?, ?)').run(groupId, accountId);
  }

  removeGroupMember(groupId: string, accountId: string): void {
    this.sql('DELETE FROM group_members WHERE group_id = ? AND account_id = ?').run(groupId, accountId);
  }

  groupByName(name: string): GroupRow | undefined {
    return this.sql('SELECT group_id, name FROM user_groups WHERE name = ?').get(name) as GroupRow | undefined;
  }

  groupById(groupId: string): GroupRow | undefined {
    return this.sql('SELECT group_id, name FROM user_groups WHERE group_id = ?').get(groupId) as GroupRow | undefined;
  }

  groupMembers(groupId: string, includeInactive: boolean, startAt: number, maxResults: number): { users: UserRow[]; total: number } {
    const activeOnly = includeInactive ? '' : 'AND u.active = 1';
    const from = `FROM users u JOIN group_members m ON m.account_id = u.account_id WHERE m.group_id = ? ${activeOnly}`;
    const users = this.sql(`SELECT u.* ${from} ORDER BY u.display_name, u.account_id LIMIT ? OFFSET ?`).all(groupId, maxResults, startAt) as UserRow[];
    const { total } = this.sql(`SELECT COUNT(*) AS total ${from}`).get(groupId) as { total: number };
    return { users, total };
  }

  findGroups(query: string, maxResults: number): { groups: GroupRow[]; total: number } {
    const pattern = `%${escapeLike(query)}%`;
    const groups = this.sql("SELECT group_id, name FROM user_groups WHERE name LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?").all(pattern, maxResults) as GroupRow[];
    const { total } = this.sql("SELECT COUNT(*) AS total FROM user_groups WHERE name LIKE ? ESCAPE '\\'").get(pattern) as { total: number };
    return { groups, total };
  }

  isProjectAdmin(projectId: number, accountId: string): boolean {
    return this.sql('SELECT 1 FROM project_admins WHERE project_id = ? AND account_id = ?').get(projectId, accountId) !== undefined;
  }

  isAdminOfAnyProject(accountId: string): boolean {
    return this.sql('SELECT 1 FROM project_admins WHERE account_id = ?').get(accountId) !== undefined;
  }

  // Projects and statuses

  insertStatus(status: StatusRow): void {
    this.sql('INSERT INTO statuses (id, name, category) VALUES (?, ?, ?)').run(status.id, status.name, status.category);
  }

  insertProject(project: { id: number; key: string; name: string; leadAccountId: string | null; initialStatusId: number }): void {
    this.sql('INSERT INTO projects (id, key, name, lead_account_id, initial_status_id) VALUES (?, ?, ?, ?, ?)').run(
      project.id,
      project.key,
      project.name,
      project.leadAccountId,
      project.initialStatusId,
    );
  }

  addProjectAdmin(projectId: number, accountId: string): void {
    this.sql('INSERT INTO project_admins (project_id, account_id) VALUES (?, ?)').run(projectId, accountId);
  }

  project(idOrKey: string): ProjectRow | undefined {
    const statement = /^\d+$/.test(idOrKey) ? 'SELECT * FROM projects WHERE id = ?' : 'SELECT * FROM projects WHERE key = ?';
    return this.sql(statement).get(idOrKey) as ProjectRow | undefined;
  }

  projects(): ProjectRow[] {
    return this.sql('SELECT * FROM projects ORDER BY key').all() as ProjectRow[];
  }

  /** Projects whose key, id or name is `text` (JQL's `project = X`). */
  projectsMatching(text: string): ProjectRow[] {
    return this.sql('SELECT * FROM projects WHERE key = ? COLLATE NOCASE OR CAST(id AS TEXT) = ? OR name = ? COLLATE NOCASE').all(text, text, text) as ProjectRow[];
  }

  status(id: number): StatusRow {
    const row = this.sql('SELECT * FROM statuses WHERE id = ?').get(id) as StatusRow | undefined;
    if (!row) throw new Error(`Status ${id} is missing from the database`);
    return row;
  }

  /** Statuses whose name or id is `text` (JQL's `status = X`). */
  statusesMatching(text: string): StatusRow[] {
    return this.sql('SELECT * FROM statuses WHERE name = ? COLLATE NOCASE OR CAST(id AS TEXT) = ?').all(text, text) as StatusRow[];
  }

  // Issues

  issue(idOrKey: string): IssueRow | undefined {
    const where = /^\d+$/.test(idOrKey) ? 'id = ?' : 'issue_key = ?';
    return this.sql(`SELECT ${ISSUE_COLUMNS} FROM issues WHERE ${where}`).get(idOrKey) as IssueRow | undefined;
  }

  issuesByIds(ids: readonly number[]): IssueRow[] {
    if (ids.length === 0) return [];
    const rows = this.sql(`SELECT ${ISSUE_COLUMNS} FROM issues WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as IssueRow[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  createIssue(issue: NewIssue): IssueRow {
    return this.db.transaction((): IssueRow => {
      const project = this.sql('SELECT key, initial_status_id, next_issue_number FROM projects WHERE id = ?').get(issue.projectId) as
        | { key: string; initial_status_id: number; next_issue_number: number }
        | undefined;
      if (!project) throw new Error(`Project ${issue.projectId} does not exist`);
      const number = project.next_issue_number;
      const next = this.nextId('issues');
      this.sql('UPDATE projects SET next_issue_number = ? WHERE id = ?').run(number + 1, issue.projectId);
      this.db
        .prepare(
          `INSERT INTO issues (id, project_id, number, issue_key, summary, description, issue_type_id, status_id, reporter_account_id, created_ms, updated_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          next,
          issue.projectId,
          number,
          `${project.key}-${number}`,
          issue.summary,
          issue.description,
          issue.issueTypeId,
          issue.statusId ?? project.initial_status_id,
          issue.reporterAccountId,
          issue.createdMs,
          issue.createdMs,
        );
      const created = this.issue(String(next));
      if (!created) throw new Error('The created issue vanished');
      return created;
    })();
  }

  /** Sets the issue's summary and description and moves its `updated` time. */
  updateIssue(issueId: number, fields: { summary: string; description: string | null }, nowMs: number): void {
    this.sql('UPDATE issues SET summary = ?, description = ?, updated_ms = MAX(updated_ms, ?) WHERE id = ?').run(fields.summary, fields.description, nowMs, issueId);
  }

  /** Moves the issue when it is still in `fromStatusId`; false when another transition moved it first. */
  moveIssue(issueId: number, fromStatusId: number, toStatusId: number, nowMs: number): boolean {
    return this.db.transaction(() => {
      const result = this.sql('UPDATE issues SET status_id = ?, updated_ms = ? WHERE id = ? AND status_id = ?').run(toStatusId, nowMs, issueId, fromStatusId);
      return result.changes === 1;
    })();
  }

  // Issue properties

  issueProperties(issueId: number): PropertyRow[] {
    return this.sql('SELECT key, value FROM issue_properties WHERE issue_id = ? ORDER BY key').all(issueId) as PropertyRow[];
  }

  /** Properties of many issues in one query, by issue id. */
  issuePropertiesOf(issueIds: readonly number[], keys: readonly string[] | 'all'): Map<number, PropertyRow[]> {
    const byIssue = new Map<number, PropertyRow[]>();
    if (issueIds.length === 0) return byIssue;
    const keyFilter = keys === 'all' ? '' : 'AND key IN (SELECT value FROM json_each(?))';
    const params: unknown[] = [JSON.stringify(issueIds)];
    if (keys !== 'all') params.push(JSON.stringify(keys));
    const rows = this.db
      .prepare(`SELECT issue_id, key, value FROM issue_properties WHERE issue_id IN (SELECT value FROM json_each(?)) ${keyFilter} ORDER BY key`)
      .all(...params) as (PropertyRow & { issue_id: number })[];
    for (const row of rows) {
      const list = byIssue.get(row.issue_id) ?? [];
      list.push({ key: row.key, value: row.value });
      byIssue.set(row.issue_id, list);
    }
    return byIssue;
  }

  issueProperty(issueId: number, key: string): PropertyRow | undefined {
    return this.sql('SELECT key, value FROM issue_properties WHERE issue_id = ? AND key = ?').get(issueId, key) as PropertyRow | undefined;
  }

  /** Stores the value (JSON text) and re-indexes what the manifest declares for this key; true when it is new. */
  putIssueProperty(issueId: number, key: string, valueJson: string): boolean {
    return this.db.transaction(() => {
      const existed = this.issueProperty(issueId, key) !== undefined;
      this.db
        .prepare('INSERT INTO issue_properties (issue_id, key, value) VALUES (?, ?, ?) ON CONFLICT (issue_id, key) DO UPDATE SET value = excluded.value')
        .run(issueId, key, valueJson);
      this.reindex(issueId, key, valueJson);
      return !existed;
    })();
  }

  deleteIssueProperty(issueId: number, key: string): boolean {
    return this.db.transaction(() => {
      const result = this.sql('DELETE FROM issue_properties WHERE issue_id = ? AND key = ?').run(issueId, key);
      this.sql('DELETE FROM issue_property_index WHERE issue_id = ? AND property_key = ?').run(issueId, key);
      return result.changes === 1;
    })();
  }

  /** Rebuilds the whole JQL index, e.g. after the manifest declared other values; one transaction. */
  reindexAll(): void {
    this.db.transaction(() => {
      this.sql('DELETE FROM issue_property_index').run();
      const keys = [...new Set(this.indexedValues.map((value) => value.propertyKey))];
      const rows = this.db
        .prepare('SELECT issue_id, key, value FROM issue_properties WHERE key IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(keys)) as (PropertyRow & { issue_id: number })[];
      for (const row of rows) this.reindex(row.issue_id, row.key, row.value);
    })();
  }

  private reindex(issueId: number, key: string, valueJson: string): void {
    if (!this.indexedValues.some((value) => value.propertyKey === key)) return;
    this.sql('DELETE FROM issue_property_index WHERE issue_id = ? AND property_key = ?').run(issueId, key);
    const insert = this.sql('INSERT INTO issue_property_index (issue_id, property_key, path, num_value, str_value) VALUES (?, ?, ?, ?, ?)');
    for (const entry of extractIndexEntries(this.indexedValues, key, JSON.parse(valueJson))) insert.run(issueId, key, entry.path, entry.num, entry.str);
  }

  // Project properties

  projectProperties(projectId: number): PropertyRow[] {
    return this.sql('SELECT key, value FROM project_properties WHERE project_id = ? ORDER BY key').all(projectId) as PropertyRow[];
  }

  projectProperty(projectId: number, key: string): PropertyRow | undefined {
    return this.sql('SELECT key, value FROM project_properties WHERE project_id = ? AND key = ?').get(projectId, key) as PropertyRow | undefined;
  }

  putProjectProperty(projectId: number, key: string, valueJson: string): boolean {
    return this.db.transaction(() => {
      const existed = this.projectProperty(projectId, key) !== undefined;
      this.db
        .prepare('INSERT INTO project_properties (project_id, key, value) VALUES (?, ?, ?) ON CONFLICT (project_id, key) DO UPDATE SET value = excluded.value')
        .run(projectId, key, valueJson);
      return !existed;
    })();
  }

  deleteProjectProperty(projectId: number, key: string): boolean {
    return this.db.transaction(() => this.sql('DELETE FROM project_properties WHERE project_id = ? AND key = ?').run(projectId, key).changes === 1)();
  }

  // Notifications (kept instead of e-mailed)

  insertNotification(notification: NewNotification): void {
    this.sql(
      `INSERT INTO notifications (issue_id, issue_key, subject, text_body, html_body, groups_json, recipients_json, sent_by, sent_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      notification.issueId,
      notification.issueKey,
      notification.subject,
      notification.textBody,
      notification.htmlBody,
      JSON.stringify(notification.groups),
      JSON.stringify(notification.recipients),
      notification.sentBy,
      notification.sentMs,
    );
  }

  /** Forgets the notifications about these issues (the demo seed's, once they no longer hold). */
  deleteNotificationsAbout(issueKeys: readonly string[]): number {
    return this.sql('DELETE FROM notifications WHERE issue_key IN (SELECT value FROM json_each(?))').run(JSON.stringify(issueKeys)).changes;
  }

  /** The newest `limit` notifications, newest first. */
  notifications(limit: number): NotificationRow[] {
    return this.sql('SELECT id, issue_key, subject, text_body, groups_json, recipients_json, sent_by, sent_ms FROM notifications ORDER BY id DESC LIMIT ?').all(limit) as NotificationRow[];
  }

  // Workflow

  insertTransition(transition: { id: number; projectId: number; name: string; fromStatusId: number | null; toStatusId: number; position: number }): void {
    this.sql('INSERT INTO transitions (id, project_id, name, from_status_id, to_status_id, position) VALUES (?, ?, ?, ?, ?, ?)').run(
      transition.id,
      transition.projectId,
      transition.name,
      transition.fromStatusId,
      transition.toStatusId,
      transition.position,
    );
  }

  /** Every transition id of the site (ids are unique across projects). */
  allTransitionIds(): number[] {
    return (this.sql('SELECT id FROM transitions').all() as { id: number }[]).map((row) => row.id);
  }

  transitionsOf(projectId: number): TransitionRow[] {
    return this.sql('SELECT id, project_id, name, from_status_id, to_status_id FROM transitions WHERE project_id = ? ORDER BY position, id').all(projectId) as TransitionRow[];
  }

  transition(id: number): TransitionRow | undefined {
    return this.sql('SELECT id, project_id, name, from_status_id, to_status_id FROM transitions WHERE id = ?').get(id) as TransitionRow | undefined;
  }

  validatorsOf(transitionId: number): ValidatorRow[] {
    return this.sql('SELECT module_key, configuration FROM transition_validators WHERE transition_id = ? ORDER BY position').all(transitionId) as ValidatorRow[];
  }

  setValidators(transitionId: number, validators: readonly { moduleKey: string; configuration: string }[]): void {
    this.db.transaction(() => {
      this.sql('DELETE FROM transition_validators WHERE transition_id = ?').run(transitionId);
      const insert = this.sql('INSERT INTO transition_validators (transition_id, position, module_key, configuration) VALUES (?, ?, ?, ?)');
      validators.forEach((validator, position) => insert.run(transitionId, position, validator.moduleKey, validator.configuration));
    })();
  }
}

/** Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
