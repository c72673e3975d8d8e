import type { ChangelogItem, Principal, SiteContext } from './context';
import { eventActor, eventIssue } from './issue-event-parts';
import { APP_ACCOUNT } from './render';
import type { IssueRow } from './store';

/**
 * After an issue changed: keeps the change in its history (one changelog entry) and sends `avi:jira:updated:issue`
 * with that changelog to the app's triggers, as Jira does; nothing when nothing changed.
 *
 * @example
 * recordIssueUpdate(context, request.principal, request.base, issue, [{ field: 'Fix Version', fieldId: 'fixVersions', ... }]);
 */
export function recordIssueUpdate(
  context: SiteContext,
  principal: Principal,
  base: string,
  issue: IssueRow,
  items: readonly ChangelogItem[],
  associatedStatuses?: { id: string; name: string }[],
): void {
  if (items.length === 0) return;
  const author = principal === 'app' ? APP_ACCOUNT.accountId : principal.accountId;
  const entry = context.store.changelog.record(issue.id, author, items, context.now());
  context.issueEvents.publish({
    eventType: 'avi:jira:updated:issue',
    issue: eventIssue(context, base, issue),
    changelog: { id: String(entry.id), items: [...items] },
    ...(associatedStatuses ? { associatedStatuses } : {}),
    ...eventActor(principal),
  });
}

/** A changelog item of a field Jira keeps as text (summary, description). */
export const textChange = (field: string, from: string | null, to: string | null): ChangelogItem => ({
  field,
  fieldtype: 'jira',
  fieldId: field,
  from: null,
  fromString: from,
  to: null,
  toString: to,
});
