import type { Principal, SiteContext } from './context';
import { EVENT_ISSUE_FIELDS, renderIssue } from './render';
import type { IssueRow } from './store';

/**
 * The issue as Forge's product events carry it: id, key and the event fields (summary, issue type, project, reporter,
 * status, created, updated), read after the change.
 *
 * @example context.issueEvents.publish({ eventType: 'avi:jira:commented:issue', issue: eventIssue(context, base, issue), ... })
 */
export function eventIssue(context: SiteContext, base: string, issue: IssueRow): { id: string; key: string; fields: Record<string, unknown> } {
  const current = context.store.issue(String(issue.id)) ?? issue;
  const { fields } = renderIssue(base, context.store, current, EVENT_ISSUE_FIELDS, undefined);
  return { id: String(current.id), key: current.issue_key, fields: fields as Record<string, unknown> };
}

/**
 * Who caused an event, as Forge tells it: the user's account id (also as the one associated user), nothing for the
 * app itself, and `selfGenerated` when the app made the change as the app.
 */
export function eventActor(principal: Principal): { atlassianId?: string; associatedUsers?: { accountId: string }[]; selfGenerated: boolean } {
  if (principal === 'app') return { selfGenerated: true };
  return { atlassianId: principal.accountId, associatedUsers: [{ accountId: principal.accountId }], selfGenerated: false };
}
