import { evaluateAll } from '../gate/evaluate';
import { integrityFix, readRecords } from '../gate/integrity';
import { mayRecord, teamPermissions } from '../gate/permissions';
import { overrideGroupOf } from '../gate/policies';
import type { GateView } from '../contract';
import type { IssueContext } from './issue-context';
import { snapshotOf } from './issue-context';
import type { Caller } from '../ports';

/**
 * Everything the panel shows, from what one action already read: records, every stage's verdict, what the caller may do.
 *
 * @example
 * buildGateView(await loadIssueContext(ports, caller, 'SKU-1'), caller, clock.now()).verdicts[0]?.allowed
 */
export function buildGateView(context: IssueContext, caller: Caller, now: Date): GateView {
  const { issue, stored, digests, groups, audit } = context;
  const base = {
    issue: { id: issue.id, key: issue.key, projectKey: issue.projectKey, reporterAccountId: issue.reporterAccountId, status: issue.status },
    audit: { events: audit.events, nextCursor: audit.nextCursor },
    me: { accountId: caller.accountId },
    now: now.toISOString(),
  };
  if (stored === undefined) {
    return {
      ...base,
      configured: false,
      records: { decisions: {}, overrides: {} },
      unverified: [],
      verdicts: [],
      permissions: [],
      canOverride: false,
      canRecord: false,
    };
  }
  const { config } = stored;
  const snapshot = snapshotOf(issue, digests);
  const records = readRecords(config, snapshot);
  const who = { accountId: caller.accountId, groups, reporterAccountId: issue.reporterAccountId };
  return {
    ...base,
    configured: true,
    config,
    records: { decisions: records.decisions, numbers: records.numbers, answers: records.answers, overrides: records.overrides },
    unverified: records.unverified.map((record) => ({ propertyKey: record.propertyKey, problem: record.problem, fix: integrityFix(config, record) })),
    verdicts: evaluateAll(config, snapshot, now, records),
    permissions: teamPermissions({ config, records, ...who }),
    canOverride: overrideGroupOf(config.policies, groups) !== undefined,
    canRecord: mayRecord(config, who),
  };
}
