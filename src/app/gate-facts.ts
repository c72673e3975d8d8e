import type { GateConfigV2 } from '../gate/v2/config';
import type { GateFacts } from '../gate/v2/evaluate';
import { readRecordsV2 } from '../gate/v2/read-records';
import type { TicketFacts } from '../gate/v2/ticket';
import { customFieldIdsOf } from '../gate/v2/ticket';
import type { IssueStore, IssueView } from '../ports';
import type { Heads, VerifiedIssue } from './verified-issue';
import { snapshotOf } from './verified-issue';

/**
 * What Jira says about the ticket, as gate model v2's rules read it, with the custom fields the issue was read with
 * (`customFieldIdsOf(config)`): approvers from a field and conditions on one are judged on these values.
 *
 * @example
 * ticketFactsOf(issue).issueType // 'Task'
 */
export function ticketFactsOf(issue: IssueView): TicketFacts {
  return {
    id: issue.id,
    key: issue.key,
    projectKey: issue.projectKey,
    issueType: issue.issueType ?? '',
    ...(issue.statusId !== undefined && { statusId: issue.statusId }),
    ...(issue.status !== '' && { status: issue.status }),
    ...(issue.reporterAccountId !== undefined && { reporterAccountId: issue.reporterAccountId }),
    labels: issue.labels ?? [],
    components: issue.components ?? [],
    ...(issue.fixVersions !== undefined && { targetRelease: issue.fixVersions }),
    fields: issue.customFields ?? {},
  };
}

/**
 * The issue with the custom fields the configuration reads: as it is when it was read with them (the store asked Jira
 * for them in the same request), else with one more Jira request for them, for a use case that read the issue before
 * it knew the project's configuration.
 *
 * @example
 * const issue = await withTicketFields(ports, config, await ports.issues.getIssue('KEP-3'));
 * issue.customFields // { customfield_10070: ['sig-node'] }
 */
export async function withTicketFields(ports: { readonly issues: IssueStore }, config: GateConfigV2, issue: IssueView): Promise<IssueView> {
  const missing = customFieldIdsOf(config).filter((field) => issue.customFields === undefined || !Object.hasOwn(issue.customFields, field));
  if (missing.length === 0) return issue;
  const { customFields } = await ports.issues.getIssue(issue.id, missing);
  return { ...issue, customFields: { ...issue.customFields, ...customFields } };
}

/**
 * Everything gate model v2 judges a ticket by, from the issue and its KVS heads (`snapshotOf(issue, heads)`): a property
 * counts only while it matches its head's digest (docs/trust.md), v1 records included.
 *
 * @example
 * evaluateAllV2(gateFactsOf(stored.configV2, verified), now)
 */
export function gateFactsOf(config: GateConfigV2, verified: Pick<VerifiedIssue, 'issue' | 'snapshot'>): GateFacts {
  const { issue, snapshot } = verified;
  const linked = snapshot.linked === undefined ? {} : { linked: snapshot.linked };
  const written = snapshot.written === undefined ? {} : { written: snapshot.written };
  return { config, ticket: ticketFactsOf(issue), records: readRecordsV2(config, { issueId: issue.id, properties: issue.properties, digests: snapshot.digests, ...linked, ...written }) };
}

/**
 * Everything gate model v2 judges a ticket by, from the issue as read (with its linked tickets, when the configuration
 * counts approvals there) and its KVS heads.
 *
 * @example
 * evaluateStageV2(gateFactsOfIssue(stored.config, issue, heads), 'go-live', now)
 */
export function gateFactsOfIssue(config: GateConfigV2, issue: IssueView, heads: Heads): GateFacts {
  return gateFactsOf(config, { issue, snapshot: snapshotOf(issue, heads) });
}
