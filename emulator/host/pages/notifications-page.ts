import type { ForgeRuntime } from '../../runtime/forge-runtime';
import { humanTime } from '../dates';
import { html } from '../html';
import type { HostSite } from '../host-site';
import type { Page, PageRequest, StatusField } from './page';
import { lozenge } from './page';

/**
 * `/notifications`: what the site would have e-mailed to the current user (POST /rest/api/3/issue/{key}/notify), each
 * with the ticket's status now, so a message about a ticket that has since moved on reads as the past it is.
 */
export async function notificationsPage(site: HostSite, request: PageRequest, statusesOf: (issueKeys: readonly string[]) => Promise<ReadonlyMap<string, StatusField>>): Promise<Page> {
  const mine = site.notifications().filter((n) => n.recipients.includes(request.user.accountId));
  const sender = (accountId: string): string => site.users().find((u) => u.accountId === accountId)?.displayName ?? (accountId === 'app' ? 'Go-Live Gate (app)' : accountId);
  const statuses = await statusesOf([...new Set(mine.map((n) => n.issueKey))]);
  return {
    status: 200,
    title: 'Notifications',
    body: html`<h1>Notifications</h1>
<p>What Jira would have e-mailed to ${request.user.displayName}: ${mine.length} notification${mine.length === 1 ? '' : 's'}.</p>
${mine.map((n) => {
  const status = statuses.get(n.issueKey);
  const settled = status?.statusCategory?.key === 'done';
  return html`<article class="app-panel notification${settled ? ' settled' : ''}">
  <h2>${n.subject}</h2>
  <p class="who"><a href="/browse/${n.issueKey}">${n.issueKey}</a> ${status ? html`(now ${lozenge(status)})` : ''} · from ${sender(n.sentBy)} · ${humanTime(n.sentAt, request.now)}${n.groups.length > 0 ? html` · to ${n.groups.join(', ')}` : ''}</p>
  <pre>${n.textBody}</pre>
</article>`;
})}`,
  };
}

/** The issues' statuses now, read with one JQL search as `accountId` (issues they cannot see are left out). */
export async function statusesByJql(runtime: ForgeRuntime, accountId: string, issueKeys: readonly string[]): Promise<ReadonlyMap<string, StatusField>> {
  const statuses = new Map<string, StatusField>();
  if (issueKeys.length === 0) return statuses;
  const query = new URLSearchParams({ jql: `key in (${issueKeys.slice(0, 100).map((key) => `"${key}"`).join(', ')})`, fields: 'status', maxResults: '100' });
  const answer = await runtime.site.getJson<{ issues: { key: string; fields: { status?: StatusField } }[] }>(`/rest/api/3/search/jql?${query.toString()}`, accountId);
  for (const issue of answer.issues) if (issue.fields.status) statuses.set(issue.key, issue.fields.status);
  return statuses;
}
