import type { GateView, WaivePayload } from '../contract';
import { ForbiddenError, ValidationError } from '../errors';
import type { DecisionSource } from '../gate/decision-source';
import { describeProblem } from '../gate/integrity-words';
import { MIN_WAIVER_REASON_LENGTH, mayWaive } from '../gate/v2/permissions';
import type { WaiverRecord } from '../gate/v2/records';
import { waiverProperty } from '../gate/v2/records';
import { stagesNeeding, targetName } from '../gate/v2/waiver-target';
import { writtenReasonProblem } from '../gate/v2/visible-text';
import type { Caller, PanelPorts } from '../ports';
import { gateFactsOf } from './gate-facts';
import { loadIssueContext, requireConfigured } from './issue-context';
import type { VerifiedIssue } from './verified-issue';
import type { Draft } from './write-record';
import { writeRecord } from './write-record';

type WaiverStatus = WaiverRecord['status'];

/**
 * Writes a waiver record: `waived` marks a team, number or item not applicable on this ticket; `withdrawn` makes it
 * required again. Both are judged on the verified records (a retry after a concurrent write judges again), need a reason
 * in words, and are written like every record (KVS head with compare-and-set, audit event, then the property).
 */
async function writeWaiver(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: WaivePayload, status: WaiverStatus, source?: DecisionSource): Promise<GateView> {
  const context = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  const { groups, stored } = context;
  const config = stored.configV2;
  const { target } = payload;
  const reason = payload.reason.trim();
  const propertyKey = waiverProperty(target);
  const name = targetName(config, target);
  if (stagesNeeding(config, target).length === 0) {
    const message = `No stage of this gate needs a ${target.kind} "${target.key}", so there is nothing to mark not applicable.`;
    throw new ValidationError(message, [{ path: 'target', message: 'no stage needs it' }]);
  }
  const reasonProblem = writtenReasonProblem(reason, MIN_WAIVER_REASON_LENGTH);
  if (reasonProblem !== undefined) throw new ValidationError(`Say why in words: ${reasonProblem}; nothing was saved.`, [{ path: 'reason', message: reasonProblem }]);

  const now = ports.clock.now();
  const draft = (verified: VerifiedIssue): Draft => {
    const facts = gateFactsOf(config, verified);
    const permission = mayWaive({ facts, accountId: caller.accountId, groups }, target, reason);
    if (!permission.ok) throw new ForbiddenError(`${permission.reason}.`);
    const standing = facts.records.waivers.find((w) => w.target.kind === target.kind && w.target.key === target.key);
    const repaired = facts.records.unverified.find((u) => u.propertyKey === propertyKey);
    if (status === 'withdrawn' && standing?.status !== 'waived' && repaired === undefined) {
      throw new ValidationError(`${name} is not marked not applicable on this ticket, so there is nothing to withdraw.`, [{ path: 'target', message: 'no waiver to withdraw' }]);
    }
    const record: WaiverRecord = { kind: 'waiver', schemaVersion: 2, issueId: verified.issue.id, target, status, by: caller.accountId, via: permission.via, at: now.toISOString(), reason };
    const what = status === 'waived' ? `${name} marked not applicable` : `${name} applies again`;
    const detail = `${what}: ${reason}${repaired ? ` (replacing a record that ${describeProblem(repaired.problem)})` : ''}${source?.kind === 'comment' ? ` (in comment ${source.commentId})` : ''}`;
    const action = repaired ? 'repair' : status === 'waived' ? 'waive' : 'withdraw-waiver';
    return { record, entry: { action, detail, ...(target.kind === 'team' && { team: target.key }) } };
  };
  return writeRecord(ports, caller, context, propertyKey, draft, now);
}

/**
 * `waive`: marks a required team, number or item not applicable on one ticket, with a reason in words, by that team
 * (the team that signs off the number or reviews the item) or an override-group member. It counts until withdrawn, or
 * until it expires at a stage with a `waiverLifetimeDays`. Marking it again replaces the reason (and repairs a waiver
 * whose property was tampered with). `source` says where it was given when not in the panel (a `/na` comment command):
 * the audit event names the comment.
 *
 * @example
 * await waive(ports, { accountId: 'acc-layered-sre' }, 'SKU-1', { target: { kind: 'team', key: 'layered-sre' }, reason: 'No layered SRE team runs this add-on' });
 */
export function waive(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: WaivePayload, source?: DecisionSource): Promise<GateView> {
  return writeWaiver(ports, caller, issueIdOrKey, payload, 'waived', source);
}

/**
 * `withdrawWaiver`: makes a team, number or item required again on the ticket, with a reason, by whoever may waive it.
 *
 * @example
 * await withdrawWaiver(ports, { accountId: 'acc-layered-sre' }, 'SKU-1', { target: { kind: 'team', key: 'layered-sre' }, reason: 'A layered SRE team runs it after all' });
 */
export function withdrawWaiver(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: WaivePayload): Promise<GateView> {
  return writeWaiver(ports, caller, issueIdOrKey, payload, 'withdrawn');
}
