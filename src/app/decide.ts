import type { DecidePayload, GateView } from '../contract';
import { decidedAs, missingReason } from '../gate/decisions';
import type { DecisionSource } from '../gate/decision-source';
import { describeProblem } from '../gate/integrity-words';
import { mayDecide } from '../gate/permissions';
import { decisionRecord } from '../gate/record-builders';
import type { TeamDecision } from '../gate/records';
import { ANSWERS_PROPERTY, NUMBERS_PROPERTY, teamProperty } from '../gate/records';
import type { GateConfigV2 } from '../gate/v2/config';
import { coveredDigestsV2, coversReleaseV2 } from '../gate/v2/coverage';
import { parseAnswers, parseNumbers } from '../gate/v2/records';
import { ForbiddenError, ValidationError } from '../errors';
import type { Caller, PanelPorts } from '../ports';
import type { ConfiguredContext } from './issue-context';
import { loadIssueContext, requireConfigured } from './issue-context';
import type { VerifiedIssue } from './verified-issue';
import type { Draft } from './write-record';
import { writeRecord } from './write-record';
import { releaseKeyOf } from '../gate/target-release';
import { decideAtStages } from './decide-at-stages';
import { gateFactsOf } from './gate-facts';
import { refuseWherePassed } from './passed-stages';

/**
 * Whether a decision at the stages named is the repair of the team's ticket-wide record: that record is not trusted
 * (changed or put there outside the app) and the stages named are every stage the team signs off, so the decision means
 * what a ticket-wide one means and is written over it, as the panel's "re-affirm the decision" promises.
 */
function repairsTicketWide(context: ConfiguredContext, teamKey: string, named: readonly string[]): boolean {
  const broken = context.verified.records.unverified.some((u) => u.propertyKey === teamProperty(teamKey));
  const signs = context.stored.configV2.stages.filter((s) => s.teams.some((t) => t.team === teamKey));
  return broken && signs.length > 0 && signs.every((s) => named.includes(s.key)) && named.length === signs.length;
}

/**
 * For a revoke without stages by someone whose only decisions for the team are per stage (made in the panel, revoked by
 * a comment command): the stages to revoke them at. Empty when they have a ticket-wide decision to revoke.
 */
function revocableOnlyPerStage(context: ConfiguredContext, caller: Caller, payload: DecidePayload): string[] {
  if (payload.decision !== 'revoke') return [];
  const wide = context.verified.records.decisions[payload.team];
  if ((wide !== undefined && wide.by === caller.accountId) || context.verified.records.unverified.some((u) => u.propertyKey === teamProperty(payload.team))) return [];
  const { decisions } = gateFactsOf(context.stored.configV2, context.verified).records;
  return decisions.filter((d) => d.by === caller.accountId && d.team === payload.team && d.decision !== 'revoked').map((d) => d.stage);
}

/**
 * What a ticket-wide approval covers, by gate model v2's rules, as an approval at a stage does (the items a team reviews
 * may be typed): the numbers and answers the app last wrote (KVS), never what the properties hold, and the target
 * release where a stage the team signs off requires one.
 */
function ticketWideCovers(config: GateConfigV2, team: string, verified: VerifiedIssue): TeamDecision['covers'] {
  const { records, snapshot } = verified;
  const written = snapshot.written ?? {};
  const writtenOf = (key: string): unknown => (Object.hasOwn(written, key) ? written[key] : undefined);
  // Records written before the app kept them in KVS are what v1's reader vouched for (their digests).
  const numbers = parseNumbers(writtenOf(NUMBERS_PROPERTY)) ?? records.written.numbers;
  const answers = parseAnswers(writtenOf(ANSWERS_PROPERTY))?.answers ?? records.written.answers?.answers;
  return { ...coveredDigestsV2(config, team, numbers, answers), ...(coversReleaseV2(config, team) && { release: releaseKeyOf(snapshot.issue.targetRelease) }) };
}

/**
 * `decide`: a team approves, declines (with a reason) or revokes its decision on an issue. With `stages`, the decision
 * is the caller's own at each stage named (decideAtStages, gate model v2); without, it is the team's ticket-wide
 * decision, which counts at every stage the team signs off (model v2 reads it so), as comment commands and merge
 * request approvals give it. Approving again re-affirms:
 * that is how a stale or unverified approval is repaired. `source` says where the decision was given when not in the
 * panel (a comment command): the same rules apply, and the record keeps where it came from. Who may do what is judged
 * on what the app last wrote, so an approver can always decline, and revoke whatever the property holds.
 *
 * @example
 * const view = await decide(ports, { accountId: 'acc-cee' }, 'SKU-1', { team: 'cee', decision: 'approve' });
 */
export async function decide(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: DecidePayload, source?: DecisionSource): Promise<GateView> {
  const context = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  if (payload.stages !== undefined && !repairsTicketWide(context, payload.team, payload.stages)) return decideAtStages(ports, caller, context, { ...payload, stages: payload.stages }, source);
  const ownStages = revocableOnlyPerStage(context, caller, payload);
  if (ownStages.length > 0) return decideAtStages(ports, caller, context, { ...payload, stages: ownStages }, source);
  const { issue, groups, stored } = context;
  const { config } = stored;
  const team = config.teams.find((t) => t.key === payload.team);
  if (team === undefined) throw new ValidationError(`This gate has no team "${payload.team}".`, [{ path: 'team', message: `no team has the key "${payload.team}"` }]);
  const comment = payload.comment?.trim() ?? '';
  const noReason = missingReason(payload.decision, comment, team.name);
  if (noReason !== undefined) throw new ValidationError(noReason, [{ path: 'comment', message: 'a decline needs a reason' }]);

  const now = ports.clock.now();
  const propertyKey = teamProperty(team.key);
  const draft = (verified: VerifiedIssue): Draft => {
    const { records } = verified;
    // A ticket-wide decision counts at every stage the team signs off: refused once all of them have passed.
    refuseWherePassed(stored.configV2, verified, [{ kind: 'team', key: team.key }]);
    const permission = mayDecide({ config, records, accountId: caller.accountId, groups, reporterAccountId: issue.reporterAccountId, team: team.key, decision: payload.decision });
    if (!permission.ok) throw new ForbiddenError(`${permission.reason}.`);
    const decision = decisionRecord({
      configVersion: config.version,
      issueId: issue.id,
      team: team.key,
      decision: payload.decision,
      by: caller.accountId,
      via: permission.via,
      at: now.toISOString(),
      comment,
      covers: payload.decision === 'approve' ? ticketWideCovers(stored.configV2, team.key, verified) : {},
      source,
    });
    const repaired = records.unverified.find((u) => u.propertyKey === propertyKey);
    const detail = [`${team.name} ${decision.decision}`, comment !== '' ? `: ${comment}` : '', repaired ? ` (replacing a record that ${describeProblem(repaired.problem)})` : '', source?.kind === 'comment' ? ` (in comment ${source.commentId})` : ''].join('');
    return { record: decision, entry: { action: repaired ? 'repair' : 'decide', team: team.key, detail } };
  };
  const view = await writeRecord(ports, caller, context, propertyKey, draft, now);
  // The caller's own decision at a stage counts there before their ticket-wide one: where they decided otherwise per
  // stage, or approved from a merge request that has new commits since, the ticket-wide decision is recorded at those
  // stages too, so it means every stage the team signs off (and approving again repairs a stale approval there).
  const decided = decidedAs(payload.decision);
  const passed = new Set((view.verdictsV2 ?? []).filter((v) => v.passed !== undefined).map((v) => v.stage));
  const differing = (view.recordsV2?.decisions ?? []).filter((d) => d.by === caller.accountId && d.team === team.key && (d.decision !== decided || d.headMoved !== undefined) && !passed.has(d.stage));
  if (differing.length === 0) return view;
  const fresh = requireConfigured(await loadIssueContext(ports, caller, issue.id));
  return decideAtStages(ports, caller, fresh, { ...payload, stages: differing.map((d) => d.stage) }, source);
}
