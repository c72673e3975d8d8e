import type { DecidePayload, GateView } from '../contract';
import { ForbiddenError, ValidationError } from '../errors';
import { decidedAs, missingReason } from '../gate/decisions';
import type { DecisionSource } from '../gate/decision-source';
import { describeProblem } from '../gate/integrity-words';
import { releaseKeyOf } from '../gate/target-release';
import type { Stage, Team } from '../gate/v2/config';
import { coveredDigestsV2, coversReleaseV2 } from '../gate/v2/coverage';
import type { GateFacts } from '../gate/v2/evaluate';
import { mayDecideV2 } from '../gate/v2/permissions';
import type { StageDecision } from '../gate/v2/records';
import { decisionProperty } from '../gate/v2/records';
import type { Caller, PanelPorts } from '../ports';
import { gateFactsOf } from './gate-facts';
import type { ConfiguredContext } from './issue-context';
import type { VerifiedIssue } from './verified-issue';
import type { Draft } from './write-record';
import { writeRecord } from './write-record';

/** The stages named, in the configuration's order, or a refusal naming the first that cannot take the team's decision. */
function namedStages(stages: readonly Stage[], team: Team, named: readonly string[]): Stage[] {
  for (const key of named) {
    const stage = stages.find((s) => s.key === key);
    if (stage === undefined) throw new ValidationError(`This gate has no stage "${key}".`, [{ path: 'stages', message: `no stage has the key "${key}"` }]);
    if (!stage.teams.some((t) => t.team === team.key)) throw new ValidationError(`${team.name} does not sign off ${stage.name}.`, [{ path: 'stages', message: `${team.name} does not sign off ${stage.name}` }]);
  }
  return stages.filter((s) => named.includes(s.key));
}

/** One approver's decision for the team at one stage, judged on the verified records; refused with the reason in words. */
function stageDecision(facts: GateFacts, caller: Caller, groups: readonly string[], stage: Stage, team: Team, payload: DecidePayload, at: string, source: DecisionSource | undefined): StageDecision {
  const permission = mayDecideV2({ facts, accountId: caller.accountId, groups }, stage.key, team.key, payload.decision);
  if (!permission.ok) throw new ForbiddenError(`${permission.reason}.`);
  // mayDecideV2 answers through a team's group or the ticket's field; an override group acts for no team.
  if (permission.viaSource === 'override-group') throw new ForbiddenError(`You act for ${team.name} through no group of the team.`);
  const { config, records, ticket } = facts;
  const comment = payload.comment?.trim() ?? '';
  const approve = payload.decision === 'approve';
  // An approval covers the numbers and answers the gate trusts now, and the target release where a stage requires one.
  const covers = approve ? { ...coveredDigestsV2(config, team.key, records.numbers, records.answers?.answers), ...(coversReleaseV2(config, team.key) && { release: releaseKeyOf(ticket.targetRelease) }) } : {};
  return {
    kind: 'decision',
    schemaVersion: 2,
    issueId: ticket.id,
    stage: stage.key,
    team: team.key,
    decision: decidedAs(payload.decision),
    by: caller.accountId,
    via: permission.via,
    viaSource: permission.viaSource,
    ...(permission.viaFieldValue !== undefined && { viaFieldValue: permission.viaFieldValue }),
    at,
    ...(comment !== '' && { comment }),
    covers,
    ...(source !== undefined && { source }),
    configVersion: config.version,
  };
}

/**
 * The caller's decision for a team at each stage named (gate model v2): one record per stage, team and approver
 * (`golive-gate.decision.<stage>.<team>.<accountId>`), so approvers of a team and stages never overwrite each other.
 * Every stage is judged before anything is written (a refusal at one stage writes nothing); each record is then
 * written like every record (KVS head with compare-and-set, audit event, property), its permission judged again on
 * the freshest verified state. A decline needs a reason; an approver revokes only their own decision.
 *
 * @example
 * await decideAtStages(ports, caller, context, { team: 'sre-p', decision: 'approve', stages: ['promote-to-prod'] });
 */
export async function decideAtStages(
  ports: PanelPorts,
  caller: Caller,
  context: ConfiguredContext,
  payload: DecidePayload & { readonly stages: readonly string[] },
  source?: DecisionSource,
): Promise<GateView> {
  const config = context.stored.configV2;
  const team = config.teams.find((t) => t.key === payload.team);
  if (team === undefined) throw new ValidationError(`This gate has no team "${payload.team}".`, [{ path: 'team', message: `no team has the key "${payload.team}"` }]);
  const stages = namedStages(config.stages, team, payload.stages);
  const noReason = missingReason(payload.decision, payload.comment?.trim() ?? '', team.name);
  if (noReason !== undefined) throw new ValidationError(noReason, [{ path: 'comment', message: 'a decline needs a reason' }]);

  const now = ports.clock.now();
  const at = now.toISOString();
  const facts = gateFactsOf(config, context.verified);
  for (const stage of stages) stageDecision(facts, caller, context.groups, stage, team, payload, at, source);

  let current = context;
  let view: GateView | undefined;
  for (const stage of stages) {
    const propertyKey = decisionProperty(stage.key, team.key, caller.accountId);
    const draft = (verified: VerifiedIssue): Draft => {
      const fresh = gateFactsOf(config, verified);
      const record = stageDecision(fresh, caller, context.groups, stage, team, payload, at, source);
      const repaired = fresh.records.unverified.find((u) => u.propertyKey === propertyKey);
      const detail = [
        `${team.name} ${record.decision} at ${stage.name}`,
        record.comment !== undefined ? `: ${record.comment}` : '',
        repaired ? ` (replacing a record that ${describeProblem(repaired.problem)})` : '',
        source?.kind === 'comment' ? ` (in comment ${source.commentId})` : '',
      ].join('');
      return { record, entry: { action: repaired ? 'repair' : 'decide', team: team.key, stage: stage.key, detail } };
    };
    view = await writeRecord(ports, caller, current, propertyKey, draft, now);
    // The next stage's write starts from what this one answered: its audit event shows in the final view.
    current = { ...current, audit: view.audit };
  }
  if (view === undefined) throw new ValidationError('Name at least one stage.', [{ path: 'stages', message: 'name at least one stage' }]);
  return view;
}
