import { z } from 'zod';
import type { Database } from '../db';
import type { Handler } from './context';
import { accountIdOf, visibleIssue } from './context';
import { badRequest, JiraError, noContent, parseJson, readText } from './http';
import type { SiteStore } from './store';

/**
 * `POST /rest/api/3/issue/{issueIdOrKey}/notify`: instead of e-mailing, the site keeps each notification in the
 * SQLite table `notifications` (with the recipients resolved as Jira would) and lists them at `/notifications`.
 */

const MAX_SUBJECT_LENGTH = 255;
const MAX_BODY_LENGTH = 32_768;
const MAX_RECIPIENTS_LISTED = 1_000;

const GroupRefSchema = z.object({ name: z.string().optional(), groupId: z.string().nullish() });
const NotificationSchema = z.object({
  subject: z.string().max(MAX_SUBJECT_LENGTH).optional(),
  textBody: z.string().max(MAX_BODY_LENGTH).optional(),
  htmlBody: z.string().max(MAX_BODY_LENGTH).optional(),
  to: z
    .object({
      reporter: z.boolean().optional(),
      assignee: z.boolean().optional(),
      watchers: z.boolean().optional(),
      voters: z.boolean().optional(),
      users: z.array(z.object({ accountId: z.string() })).optional(),
      groups: z.array(GroupRefSchema).optional(),
      groupIds: z.array(z.string()).optional(),
    })
    .optional(),
});

export interface SentNotification {
  readonly id: number;
  readonly issueKey: string;
  readonly subject: string;
  readonly textBody: string;
  /** The names of the groups it was addressed to. */
  readonly groups: readonly string[];
  /** Account ids of everyone it reached: the groups' active members and the named users. */
  readonly recipients: readonly string[];
  /** The caller's account id, or 'app' for asApp(). */
  readonly sentBy: string;
  readonly sentAt: string;
}

interface NotificationRow {
  readonly id: number;
  readonly issue_key: string;
  readonly subject: string;
  readonly text_body: string;
  readonly groups_json: string;
  readonly recipients_json: string;
  readonly sent_by: string;
  readonly sent_ms: number;
}

/** Creates the table on first use, so the site's schema needs no change and an existing database keeps working. */
function ensureTable(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    issue_id INTEGER NOT NULL,
    issue_key TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT,
    groups_json TEXT NOT NULL,
    recipients_json TEXT NOT NULL,
    sent_by TEXT NOT NULL,
    sent_ms INTEGER NOT NULL
  )`);
}

/** Jira's "outgoing mail" setting, kept in the site's meta table: on unless an admin turned it off. */
const OUTGOING_MAIL_KEY = 'outgoing-mail';
export const OutgoingMailSchema = z.strictObject({ enabled: z.boolean() });

/** Turns the site's outgoing mail on or off (`PUT /__site/settings/outgoing-mail`). */
export function setOutgoingMail(db: Database, enabled: boolean): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(OUTGOING_MAIL_KEY, enabled ? 'on' : 'off');
}

function outgoingMailEnabled(db: Database): boolean {
  return db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(OUTGOING_MAIL_KEY) !== 'off';
}

/** Resolves the recipients as Jira does; an unknown group or user answers 400 naming it. */
function recipientsOf(store: SiteStore, to: NonNullable<z.infer<typeof NotificationSchema>['to']>, reporter: string | null): { groups: string[]; accounts: string[] } {
  const groups = [
    ...(to.groups ?? []).map((ref) => {
      const group = ref.groupId ? store.groupById(ref.groupId) : ref.name !== undefined ? store.groupByName(ref.name) : undefined;
      if (!group) throw badRequest(`Group '${ref.name ?? ref.groupId ?? ''}' does not exist.`);
      return group;
    }),
    ...(to.groupIds ?? []).map((groupId) => {
      const group = store.groupById(groupId);
      if (!group) throw badRequest(`Group '${groupId}' does not exist.`);
      return group;
    }),
  ];
  const accounts = new Set<string>();
  for (const group of groups) {
    for (const user of store.groupMembers(group.group_id, false, 0, MAX_RECIPIENTS_LISTED).users) accounts.add(user.account_id);
  }
  for (const { accountId } of to.users ?? []) {
    if (!store.userById(accountId)) throw badRequest(`User '${accountId}' does not exist.`);
    accounts.add(accountId);
  }
  if (to.reporter === true && reporter !== null) accounts.add(reporter);
  return { groups: [...new Set(groups.map((g) => g.name))], accounts: [...accounts] };
}

/**
 * `POST /rest/api/3/issue/{issueIdOrKey}/notify`: 204 once kept; 400 for a body Jira would refuse, no recipient, or the
 * caller as the only recipient; 403 when outgoing mail is off; 404 for an unknown issue (Jira's documented answers).
 *
 * @example
 * { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/notify', handler: notifyIssue }
 */
export const notifyIssue: Handler = async (context, request) => {
  const issue = visibleIssue(context, request);
  const parsed = NotificationSchema.safeParse(parseJson(await readText(request.req)));
  if (!parsed.success) throw new JiraError(400, [], Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message])));
  const { subject, textBody, htmlBody, to } = parsed.data;
  const recipients = to === undefined ? { groups: [], accounts: [] } : recipientsOf(context.store, to, issue.reporter_account_id);
  if (recipients.accounts.length === 0) throw badRequest('No recipients were defined for notification.');
  const caller = accountIdOf(request.principal);
  if (recipients.accounts.every((accountId) => accountId === caller)) throw badRequest('The recipient is the same as the calling user.');
  if (!outgoingMailEnabled(context.options.db)) throw new JiraError(403, ['Outgoing mail is disabled, so no notification can be sent.']);
  const db = context.options.db;
  ensureTable(db);
  db.prepare(
    `INSERT INTO notifications (issue_id, issue_key, subject, text_body, html_body, groups_json, recipients_json, sent_by, sent_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    issue.id, issue.issue_key, subject ?? `${issue.issue_key}: ${issue.summary}`, textBody ?? '', htmlBody ?? null,
    JSON.stringify(recipients.groups), JSON.stringify(recipients.accounts), caller ?? 'app', context.now(),
  );
  return noContent();
};

/**
 * The notifications kept so far, newest first.
 *
 * @example
 * listNotifications(db, 50)[0]; // { issueKey: 'SKU-1', subject: 'SKU-1 waits on CEE for Go live', groups: ['golive-cee'], ... }
 */
export function listNotifications(db: Database, limit = 200): SentNotification[] {
  ensureTable(db);
  const rows = db.prepare('SELECT id, issue_key, subject, text_body, groups_json, recipients_json, sent_by, sent_ms FROM notifications ORDER BY id DESC LIMIT ?').all(limit) as NotificationRow[];
  return rows.map((row) => ({
    id: row.id,
    issueKey: row.issue_key,
    subject: row.subject,
    textBody: row.text_body,
    groups: JSON.parse(row.groups_json) as string[],
    recipients: JSON.parse(row.recipients_json) as string[],
    sentBy: row.sent_by,
    sentAt: new Date(row.sent_ms).toISOString(),
  }));
}
