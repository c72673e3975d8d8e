import { ValidationError } from '../errors';
import { overrideProperty, SUMMARY_PROPERTY } from '../gate/records';
import type { ReviewTicket } from '../gate/review-tickets';
import type { IssueSearch } from '../ports';

export const PAGE_SIZE = 100;
/** 10,000 tickets: enough for any project's gate, and well inside the 25 seconds of one invocation. */
export const MAX_PAGES = 100;
/** Jira returns at most 5 properties per issue in a search: the summary and the overrides of the first 4 stages. */
const MAX_OVERRIDE_PROPERTIES = 4;

/**
 * JQL for the gated tickets of a project: those with a summary property.
 *
 * @example
 * gatedTicketsJql('SKU'); // 'project = "SKU" AND issue.property[golive-gate.summary].status IS NOT EMPTY'
 */
export function gatedTicketsJql(projectKey: string): string {
  if (!/^[A-Z][A-Z0-9_]{0,254}$/.test(projectKey)) throw new ValidationError(`"${projectKey}" is not a Jira project key.`);
  return `project = "${projectKey}" AND issue.property[${SUMMARY_PROPERTY}].status IS NOT EMPTY`;
}

/**
 * Every gated ticket of the project, one search request per 100 tickets, following nextPageToken; at most MAX_PAGES pages.
 * With `ticketFields` (the fields approvers come from), each ticket's values of them come in the same answer.
 *
 * @example
 * const { tickets, truncated } = await searchGatedTickets(ports.search, 'SKU', ['promote-to-prod', 'go-live']);
 * const kep = await searchGatedTickets(ports.search, 'KEP', ['alpha', 'beta', 'ga'], ['customfield_10070']);
 * kep.tickets[0]?.fields // { customfield_10070: ['sig-node'] }
 */
export async function searchGatedTickets(search: IssueSearch, projectKey: string, stageKeys: readonly string[], ticketFields: readonly string[] = []): Promise<{ tickets: ReviewTicket[]; truncated: boolean }> {
  const overrideKeys = stageKeys.slice(0, MAX_OVERRIDE_PROPERTIES).map((stage) => [stage, overrideProperty(stage)] as const);
  const request = {
    jql: gatedTicketsJql(projectKey),
    fields: ['created', 'status', 'summary', 'fixVersions', ...ticketFields],
    properties: [SUMMARY_PROPERTY, ...overrideKeys.map(([, key]) => key)],
    maxResults: PAGE_SIZE,
  };
  const tickets: ReviewTicket[] = [];
  let nextPageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await search.search({ ...request, nextPageToken });
    for (const issue of answer.issues) {
      const properties = issue.properties ?? {};
      tickets.push({
        key: issue.key,
        id: issue.id,
        title: issue.fields.summary ?? '',
        created: issue.fields.created ?? '',
        status: issue.fields.status?.name ?? '',
        done: issue.fields.status?.statusCategory?.key === 'done',
        summary: properties[SUMMARY_PROPERTY],
        overrides: Object.fromEntries(overrideKeys.map(([stage, key]) => [stage, properties[key]])),
        fixVersions: issue.fields.fixVersions,
        ...(issue.ticketFields !== undefined && { fields: issue.ticketFields }),
      });
    }
    // A token that does not move on would loop forever: treat it as the end.
    if (answer.nextPageToken === undefined || answer.nextPageToken === nextPageToken) return { tickets, truncated: false };
    nextPageToken = answer.nextPageToken;
  }
  return { tickets, truncated: true };
}
