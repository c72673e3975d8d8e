import { ForbiddenError, NotConfiguredError, NotFoundError, ValidationError } from '../errors';
import type { CommandKind } from '../gate/comment-commands';
import type { Choice } from '../gate/command-target';
import { pickStage, pickTeam } from '../gate/command-target';
import { currentStageIndex } from '../gate/stages';
import { evaluateAllV2 } from '../gate/v2/evaluate';
import { gateFactsOf } from './gate-facts';
import type { ConfiguredContext } from './issue-context';

/** What a decision given outside the panel names: what to do, and the team and stage when it says. */
export interface TargetRequest {
  readonly kind: CommandKind;
  readonly team?: string | undefined;
  readonly stage?: string | undefined;
}

/**
 * The team and stage a decision given outside the panel (a comment command, a merge-request approval) is for: the
 * stage it names, else the stage the ticket waits at (past every stage, the last one that needs a team of theirs); the
 * team it names, else the one team of that stage the person acts for (for a revoke, the one team of the stage with
 * their decision). Whether they may decide is `decide`'s check.
 *
 * @example
 * decisionTarget(context, 'acc-mt-sre', { kind: 'approve' }, now) // { ok: true, value: { team: 'mt-sre', stage: 'promote-to-prod' } }
 */
export function decisionTarget(context: ConfiguredContext, accountId: string, request: TargetRequest, now: Date): Choice<{ readonly team: string; readonly stage: string }> {
  const { config } = context.stored;
  const { records } = context.verified;
  const stages = config.stages.map((s) => ({ key: s.key, name: s.name }));
  // Where the ticket waits is the validator's judgement (gate model v2).
  const verdicts = evaluateAllV2(gateFactsOf(context.stored.configV2, context.verified), now);
  const actsForAny =
    request.kind === 'revoke'
      ? Object.values(records.written.decisions)
          .filter((decision) => decision.by === accountId && (decision.decision === 'approved' || decision.decision === 'declined'))
          .map((decision) => decision.team)
      : config.teams.filter((team) => team.groups.some((group) => context.groups.includes(group))).map((team) => team.key);
  // Past every stage, a decision re-affirms (or withdraws) for the last stage that needs one of the person's teams.
  const waitingAt = config.stages[currentStageIndex(config.stages, (stage) => verdicts.find((v) => v.stage === stage.key)?.allowed === true)]?.key;
  const current = waitingAt ?? config.stages.findLast((stage) => stage.requiredTeams.some((team) => actsForAny.includes(team)))?.key;
  const stageChoice = pickStage({ named: request.stage, current, stages });
  if (!stageChoice.ok) return stageChoice;
  const stage = config.stages.find((s) => s.key === stageChoice.value);
  if (stage === undefined) return { ok: false, reason: `This gate has no stage "${stageChoice.value}"` };
  const teamChoice = pickTeam({ kind: request.kind, named: request.team, stage, stageTeams: stage.requiredTeams, actsFor: actsForAny, teams: config.teams });
  if (!teamChoice.ok) return teamChoice;
  return { ok: true, value: { team: teamChoice.value, stage: stage.key } };
}

/**
 * Why a decision given outside the panel recorded nothing, in the words the panel would show, when the refusal is the
 * person's to fix (permissions, input, a missing ticket or gate); undefined for failures that are not (Jira or storage
 * did not answer), which the caller lets through so the delivery is retried.
 *
 * @example
 * refusalOf(new ForbiddenError('You are not in golive-cee, the group that acts for CEE.')) // 'You are not in golive-cee, ...'
 */
export function refusalOf(error: unknown): string | undefined {
  if (error instanceof ForbiddenError || error instanceof ValidationError || error instanceof NotFoundError || error instanceof NotConfiguredError) return error.message;
  return undefined;
}
