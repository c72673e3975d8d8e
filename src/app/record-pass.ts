import type { GateConfigV2 } from '../gate/v2/config';
import { evaluateStageV2 } from '../gate/v2/evaluate';
import { passRecordOf, reopenedPass } from '../gate/v2/evidence';
import type { StatusChange } from '../gate/v2/pass-rules';
import { sitsBeforeStage, stagePassedBy } from '../gate/v2/pass-rules';
import type { PassRecord } from '../gate/v2/records';
import { passProperty } from '../gate/v2/records';
import type { PanelPorts } from '../ports';
import { trustedDigests } from './export-evidence';
import { outOfScope } from '../gate/v2/ticket';
import { gateFactsOf, ticketFactsOf } from './gate-facts';
import type { ConfiguredContext } from './issue-context';
import { loadIssueContext } from './issue-context';
import type { VerifiedIssue } from './verified-issue';
import type { Draft } from './write-record';
import { writeRecord } from './write-record';

/** A status change of a ticket, as `avi:jira:updated:issue` tells it. */
export interface StatusChangeEvent {
  readonly issueId: string;
  /** The changelog entry's id: a redelivered event names the same one, and its pass is not written twice. */
  readonly changeId: string;
  readonly change: StatusChange;
  /** Who moved the ticket (the event's `atlassianId`). */
  readonly by: string;
}

/** What a status change did to the gate's pass records. */
export interface StatusChangeOutcome {
  /** The stage whose pass was recorded, if the change was a gated transition that the records allow. */
  readonly passed?: string | undefined;
  /** Why a gated transition left no pass (the records did not allow it, it was recorded already, the ticket moved back since). */
  readonly notPassed?: string | undefined;
  /** Stages whose pass was marked reopened because the ticket now sits before them. */
  readonly reopened: readonly string[];
}

/** Thrown by a draft when the freshest records say there is nothing to write; caught below, never outside this module. */
class NothingToWrite extends Error {}

/** The current status of the ticket, as the pass rules read it. */
const statusOf = (verified: VerifiedIssue) => ({ statusId: verified.issue.statusId, status: verified.issue.status });

/** Writes one record unless its draft finds nothing to write; answers why not, or undefined when written. */
async function writeUnlessSettled(ports: PanelPorts, by: string, context: ConfiguredContext, propertyKey: string, draft: (verified: VerifiedIssue) => Draft): Promise<string | undefined> {
  try {
    await writeRecord(ports, { accountId: by }, context, propertyKey, draft, ports.clock.now());
    return undefined;
  } catch (error) {
    if (error instanceof NothingToWrite) return error.message;
    throw error;
  }
}

/** Marks the pass of a stage reopened when the ticket now sits before it; the pass's evidence stays in the record. */
function reopenDraft(config: GateConfigV2, stageKey: string, by: string, at: string) {
  return (verified: VerifiedIssue): Draft => {
    const pass = gateFactsOf(config, verified).records.passes[stageKey];
    if (pass === undefined || pass.reopened !== undefined) throw new NothingToWrite(`${stageKey} has no pass to reopen`);
    if (!sitsBeforeStage(config, stageKey, pass.transition.from, statusOf(verified))) throw new NothingToWrite(`${stageKey} is passed again`);
    const stage = config.stages.find((s) => s.key === stageKey);
    const to = verified.issue.status;
    return {
      // Jira always names the status id; the name stands in (cut to the record's limit) only if it did not.
      record: reopenedPass(pass, { at, by, to: (verified.issue.statusId ?? to).slice(0, 40) }),
      entry: { action: 'reopen-pass', stage: stageKey, detail: `${stage?.name ?? stageKey} reopened: the ticket moved back to ${to}; the pass of ${pass.at} is kept in this record and the trail` },
    };
  };
}

/** The pass of the stage whose gated transition moved the ticket, re-evaluated from the freshest verified records. */
function passDraft(config: GateConfigV2, stageKey: string, event: StatusChangeEvent, at: Date) {
  const { change } = event;
  const transition: PassRecord['transition'] = { id: event.changeId, from: change.fromId, to: change.toId, fromName: change.fromName, toName: change.toName };
  return (verified: VerifiedIssue): Draft => {
    const read = gateFactsOf(config, verified);
    const { [stageKey]: earlier, ...others } = read.records.passes;
    if (earlier?.transition.id === event.changeId) throw new NothingToWrite(`the pass of change ${event.changeId} is recorded already`);
    // A new transition into the stage replaces an earlier pass (even one whose reopening no event recorded): the
    // validator judged the stage afresh, with the ticket before it, and so is the pass.
    const facts = { ...read, records: { ...read.records, passes: others } };
    const verdict = evaluateStageV2(facts, stageKey, at);
    const outcome = passRecordOf(facts, verdict, transition, event.by, at.toISOString(), trustedDigests(verified, facts));
    if (!outcome.ok) throw new NothingToWrite(outcome.reason);
    const grant = outcome.record.overridden ? ', by override' : outcome.record.exception !== undefined ? ', with a freeze exception' : '';
    const detail = `${verdict.stageName} passed${grant}: the ticket moved from ${change.fromName} to ${change.toName} under configuration version ${outcome.record.configVersion}, relying on ${Object.keys(outcome.record.relied).length} records`;
    return { record: outcome.record, entry: { action: 'pass', stage: stageKey, detail } };
  };
}

/**
 * After a ticket's status changed (the `avi:jira:updated:issue` trigger): when the change is a stage's gated transition
 * (`stagePassedBy`: into one of the stage's statuses from a status before it), stores the stage's pass record
 * (`golive-gate.pass.<stage>`: the verdict `evaluateStageV2` gives now, the configuration version, the digest of every
 * record the verdict relied on, who moved the ticket, when), written as every record is (KVS head with compare-and-set,
 * audit event, then the property). A pass of a stage the ticket now sits before is marked reopened, which makes its
 * decisions writable again. Judged on the ticket as it is now, not as the event says: a redelivered or late event
 * writes nothing twice and never passes a stage the ticket has left again.
 *
 * @example
 * await recordStatusChange(ports, { issueId: '10001', changeId: '10077', by: 'acc-pm', change: { fromId: '10001', fromName: 'In Review', toId: '10002', toName: 'In Production' } })
 * // { passed: 'promote-to-prod', reopened: [] }
 */
export async function recordStatusChange(ports: PanelPorts, event: StatusChangeEvent): Promise<StatusChangeOutcome> {
  const load = async (): Promise<ConfiguredContext | undefined> => {
    const context = await loadIssueContext(ports, undefined, event.issueId);
    return context.stored === undefined || context.verified === undefined ? undefined : { ...context, stored: context.stored, verified: context.verified };
  };
  let context = await load();
  if (context === undefined) return { reopened: [] };
  const config = context.stored.configV2;
  const at = ports.clock.now();
  const reopened: string[] = [];
  for (const [stageKey, pass] of Object.entries(gateFactsOf(config, context.verified).records.passes)) {
    if (pass.reopened !== undefined || !sitsBeforeStage(config, stageKey, pass.transition.from, statusOf(context.verified))) continue;
    const why = await writeUnlessSettled(ports, event.by, context, passProperty(stageKey), reopenDraft(config, stageKey, event.by, at.toISOString()));
    if (why === undefined) reopened.push(stageKey);
  }
  const stage = stagePassedBy(config, event.change);
  if (stage === undefined) return { reopened };
  // A reopening changed the heads: the pass is judged on a fresh read.
  if (reopened.length > 0) context = await load();
  if (context === undefined) return { reopened };
  // A ticket the gate does not apply to passes nothing, and is no news worth a log line.
  if (outOfScope(config, ticketFactsOf(context.verified.issue)) !== undefined) return { reopened };
  if (sitsBeforeStage(config, stage.key, event.change.fromId, statusOf(context.verified))) return { notPassed: `the ticket has moved back before ${stage.name} since`, reopened };
  const notPassed = await writeUnlessSettled(ports, event.by, context, passProperty(stage.key), passDraft(config, stage.key, event, at));
  return notPassed === undefined ? { passed: stage.key, reopened } : { notPassed, reopened };
}
