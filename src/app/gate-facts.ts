import type { GateConfigV2 } from '../gate/v2/config';
import type { GateFacts } from '../gate/v2/evaluate';
import { readRecordsV2 } from '../gate/v2/read-records';
import type { TicketFacts } from '../gate/v2/ticket';
import type { IssueView } from '../ports';
import type { Heads, VerifiedIssue } from './verified-issue';
import { snapshotOf } from './verified-issue';

/**
 * What Jira says about the ticket, as gate model v2's rules read it. Custom fields are not read yet: approvers from a
 * custom field and conditions on one are refused on save until they are (`parseConfigInput`, src/gate/v2/migrate.ts).
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
    fields: {},
  };
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
