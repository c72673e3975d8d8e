import { ValidationError } from '../errors';
import { SUMMARY_PROPERTY } from '../gate/records';
import { isLinkTo } from '../gate/remote-links';
import type { IssueSearch, RemoteLinks } from '../ports';

/** At most this many of the project's gated tickets, the most recently updated first, are read for a remote link. */
export const MAX_LINK_CANDIDATES = 50;
/** Remote links read at once: a handful, so a project with many gated tickets does not hit Jira's rate limits. */
const LINK_READS_IN_FLIGHT = 8;

/**
 * The project's gated tickets, the most recently updated first.
 *
 * @example
 * linkCandidatesJql('10000') // 'project = 10000 AND issue.property[golive-gate.summary].status IS NOT EMPTY ORDER BY updated DESC'
 */
export function linkCandidatesJql(projectId: string): string {
  if (!/^\d+$/.test(projectId)) throw new ValidationError(`"${projectId}" is not a Jira project id.`);
  return `project = ${projectId} AND issue.property[${SUMMARY_PROPERTY}].status IS NOT EMPTY ORDER BY updated DESC`;
}

/**
 * The gated ticket of the project with a Jira remote link (a web link) to the merge or pull request's address, for a
 * merge request whose title and branch name no ticket. Jira's REST finds remote links per issue
 * (`GET /rest/api/3/issue/{issueIdOrKey}/remotelink`), so this costs one search and one request per gated ticket read,
 * at most MAX_LINK_CANDIDATES, eight at a time, stopping at the first batch with a link. The most recently updated
 * ticket linking to it wins.
 *
 * @example
 * await linkedTicket({ search, remoteLinks }, '10000', 'https://gitlab.example.com/acme/addon/-/merge_requests/12') // 'SKU-3'
 */
export async function linkedTicket(ports: { readonly search: IssueSearch; readonly remoteLinks: RemoteLinks }, projectId: string, url: string): Promise<string | undefined> {
  const page = await ports.search.search({ jql: linkCandidatesJql(projectId), fields: [], properties: [], maxResults: MAX_LINK_CANDIDATES });
  const keys = page.issues.map((issue) => issue.key);
  for (let start = 0; start < keys.length; start += LINK_READS_IN_FLIGHT) {
    const batch = keys.slice(start, start + LINK_READS_IN_FLIGHT);
    const links = await Promise.all(batch.map((key) => ports.remoteLinks.linksOf(key)));
    const found = batch.find((_, i) => links[i]?.some((link) => isLinkTo(link, url)));
    if (found !== undefined) return found;
  }
  return undefined;
}
