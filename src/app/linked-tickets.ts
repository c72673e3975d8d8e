import { NotFoundError } from '../errors';
import type { GateConfig } from '../gate/config';
import type { IssueView, LinkedTicket, PanelPorts } from '../ports';
import { readIssueState } from './verified-issue';

/** At most this many linked tickets are read for agreement given there (the first links of the configured type). */
export const MAX_LINKED_TICKETS = 5;

/**
 * The issue with the tickets linked to it by the configuration's link type (`linkedApprovals`) and what the app wrote
 * for them, so that a team's approval given on one of them counts here (issue 15). Each linked ticket costs one Jira
 * request and one KVS query, all at once; nothing is read when the gate has no link type or the ticket no such link. A
 * linked ticket the reader cannot see is left out.
 *
 * @example
 * const issue = await withLinkedTickets(ports, config, await ports.issues.getIssue('SKU-3'));
 * issue.linkedTickets?.map((t) => t.key) // ['SKU-9']
 */
export async function withLinkedTickets(ports: Pick<PanelPorts, 'issues' | 'records'>, config: Pick<GateConfig, 'linkedApprovals'>, issue: IssueView): Promise<IssueView> {
  const linkType = config.linkedApprovals?.linkType.toLowerCase();
  if (linkType === undefined) return issue;
  const ids = [...new Set((issue.links ?? []).filter((link) => link.type.toLowerCase() === linkType && link.issueId !== issue.id).map((link) => link.issueId))].slice(0, MAX_LINKED_TICKETS);
  if (ids.length === 0) return issue;
  const read = await Promise.all(
    ids.map(async (id): Promise<LinkedTicket[]> => {
      try {
        const { issue: linked, heads } = await readIssueState(ports, id);
        return [{ id: linked.id, key: linked.key, properties: linked.properties, heads }];
      } catch (error) {
        if (error instanceof NotFoundError) return [];
        throw error;
      }
    }),
  );
  return { ...issue, linkedTickets: read.flat() };
}
