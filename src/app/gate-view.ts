import type { AuditEvent, GateView } from '../contract';
import type { RecordSet } from '../gate/integrity';
import { integrityFix } from '../gate/integrity';
import { teamPermissions } from '../gate/permissions';
import { overrideGroupOf } from '../gate/policies';
import { serviceAssurance } from '../gate/service-assurance';
import { mayRecordUsage } from '../gate/commitments';
import { answersDigest } from '../gate/playbook-rules';
import type { IssueContext } from './issue-context';
import type { Caller } from '../ports';
import type { Heads } from './verified-issue';
import { evaluateAllV2 } from '../gate/v2/evaluate';
import { verdictInV1Shape } from '../gate/v2/verdict-v1-shape';
import { mayRecordV2, stagePermissions, waiverPermissions } from '../gate/v2/permissions';
import { outOfScope } from '../gate/v2/ticket';
import { gateFactsOf } from './gate-facts';

/**
 * A write whose record is still the head and verifies on the issue has taken effect, whatever its event says: its
 * writer stopped before it could record the outcome (pending), or a later writer of the key put it on the issue after
 * its own attempt failed.
 */
function resolveOutcome(event: AuditEvent, heads: Heads, records: RecordSet | undefined): AuditEvent {
  if (event.outcome === undefined || event.outcome === 'applied' || event.propertyKey === undefined || records === undefined) return event;
  const current = heads[event.propertyKey]?.seq === event.seq;
  const verified = !records.unverified.some((u) => u.propertyKey === event.propertyKey);
  if (!current || !verified) return event;
  return { ...event, outcome: 'applied', outcomeDetail: undefined };
}

/**
 * Everything the panel shows, from what one action already read and verified: records, every stage's verdict, what the
 * caller may do.
 *
 * @example
 * buildGateView(await loadIssueContext(ports, caller, 'SKU-1'), caller, clock.now()).verdicts[0]?.allowed
 */
export function buildGateView(context: IssueContext, caller: Caller, now: Date): GateView {
  const { issue, stored, verified, groups, audit } = context;
  const base = {
    issue: { id: issue.id, key: issue.key, projectKey: issue.projectKey, reporterAccountId: issue.reporterAccountId, status: issue.status },
    audit: { events: audit.events.map((event) => resolveOutcome(event, context.heads, verified?.records)), nextCursor: audit.nextCursor },
    me: { accountId: caller.accountId },
    now: now.toISOString(),
  };
  if (stored === undefined || verified === undefined) {
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
  const { records } = verified;
  const who = { accountId: caller.accountId, groups, reporterAccountId: issue.reporterAccountId };
  const facts = gateFactsOf(stored.configV2, verified);
  const notGated = outOfScope(facts.config, facts.ticket);
  const v2 = facts.records;
  const callerV2 = { facts, accountId: caller.accountId, groups };
  const verdictsV2 = evaluateAllV2(facts, now);
  return {
    ...base,
    configured: true,
    config,
    records: { decisions: records.decisions, numbers: records.numbers, answers: records.answers, overrides: records.overrides, usage: records.usage, playbook: records.playbook },
    // The records as the verdicts read them (v2), and the usage, which only v1's reader checks.
    unverified: [...v2.unverified, ...records.unverified.filter((u) => u.what === 'usage')].map((record) => ({ propertyKey: record.propertyKey, problem: record.problem, fix: integrityFix(config, record) })),
    // One judgement, the validator's: `verdicts` are the v2 verdicts in v1's shape, for the readers not yet on v2.
    verdicts: verdictsV2.map(verdictInV1Shape),
    permissions: teamPermissions({ config, records, ...who }),
    canOverride: overrideGroupOf(config.policies, groups) !== undefined,
    // Whoever may record numbers and answers (approvers a ticket field names too), as recordNumbers judges it.
    canRecord: mayRecordV2(callerV2),
    assurance: serviceAssurance(config, issue.status),
    canRecordUsage: mayRecordUsage(config, groups),
    // Current for the answers as the validator reads them (typed items included), as its playbook rule judges it.
    ...(v2.playbook !== undefined && { playbookCurrent: v2.playbook.answersDigest === answersDigest(v2.answers) }),
    // Gate model v2 (issue 13): the trusted records judged per stage and approver, as the validator judges them.
    gated: notGated === undefined,
    ...(notGated !== undefined && { notGatedReason: notGated }),
    configV2: facts.config,
    verdictsV2,
    recordsV2: { decisions: v2.decisions, legacy: v2.legacy, waivers: v2.waivers, passes: v2.passes, numbers: v2.numbers, answers: v2.answers },
    stagePermissions: stagePermissions(callerV2),
    waiverPermissions: waiverPermissions(callerV2),
  };
}
