import type { StageTeamRights } from '../../../src/gate/v2/permissions';
import type { TeamVerdictV2, VerdictV2 } from '../../../src/gate/v2/verdict';
import { listInWords } from './gate-words';

/** A team state at which the team still needs (more) approvals at a stage. */
const WAITING: readonly TeamVerdictV2['state'][] = ['pending', 'stale', 'expired', 'unverified', 'declined'];

/** One stage where the viewer may act for a team, with the team's verdict there. */
export interface StageAsk {
  readonly stage: string;
  readonly stageName: string;
  readonly rights: StageTeamRights;
  readonly verdict: TeamVerdictV2;
  /** The team still needs approvals here (and the stage has not passed). */
  readonly waiting: boolean;
}

/** What the gate asks of the viewer for one team: every stage they may act at, in stage order. */
export interface TeamAsk {
  readonly team: string;
  readonly teamName: string;
  readonly stages: readonly StageAsk[];
}

/**
 * For each team the viewer may act for at some stage, the stages they may act at, in the gate's stage order; teams
 * with a stage waiting on them come first (in the order of that stage), decided teams after.
 *
 * @example
 * teamAsks(verdicts, rights).map((a) => [a.teamName, a.stages.filter((s) => s.waiting).map((s) => s.stageName)])
 * // [['Owning SIG', ['Alpha', 'Beta', 'GA']]]
 */
export function teamAsks(verdicts: readonly VerdictV2[], rights: readonly StageTeamRights[]): TeamAsk[] {
  const asks = new Map<string, { teamName: string; stages: StageAsk[] }>();
  for (const verdict of verdicts) {
    for (const team of verdict.teams) {
      const r = rights.find((x) => x.stage === verdict.stage && x.team === team.team);
      if (r === undefined || !(r.canApprove || r.canDecline || r.canRevoke)) continue;
      const waiting = verdict.passed === undefined && team.applicability.status === 'required' && (WAITING.includes(team.state) || team.have < team.needed);
      const entry = asks.get(team.team) ?? { teamName: team.name, stages: [] };
      entry.stages.push({ stage: verdict.stage, stageName: verdict.stageName, rights: r, verdict: team, waiting });
      asks.set(team.team, entry);
    }
  }
  const order = (ask: TeamAsk): number => {
    const first = ask.stages.findIndex((s) => s.waiting);
    return first < 0 ? verdicts.length : verdicts.findIndex((v) => v.stage === ask.stages[first]?.stage);
  };
  return [...asks]
    .map(([team, { teamName, stages }]) => ({ team, teamName, stages }))
    .sort((a, b) => order(a) - order(b));
}

/**
 * The stages the approve button acts on by default: the first stage waiting on the team, else none.
 *
 * @example
 * defaultStages(ask) // ['alpha']
 */
export function defaultStages(ask: TeamAsk): string[] {
  const first = ask.stages.find((s) => s.waiting && s.rights.canApprove);
  return first === undefined ? [] : [first.stage];
}

/**
 * The words of an action on the stages chosen: "Approve Promote to prod" for one stage, "Approve for Beta and GA" for
 * several (the approver chose them).
 *
 * @example
 * actionLabel('Approve', ['Beta', 'GA']) // 'Approve for Beta and GA'
 * actionLabel('Approve', ['Promote to prod']) // 'Approve Promote to prod'
 */
export function actionLabel(verb: 'Approve' | 'Decline', stageNames: readonly string[]): string {
  if (stageNames.length === 0) return verb;
  return stageNames.length === 1 ? `${verb} ${stageNames[0] ?? ''}` : `${verb} for ${listInWords(stageNames)}`;
}

/**
 * "1 of 2 approvals" for a team at a stage.
 *
 * @example
 * approvalCount({ have: 1, needed: 2 }) // '1 of 2 approvals'
 */
export function approvalCount(team: Pick<TeamVerdictV2, 'have' | 'needed'>): string {
  return `${Math.min(team.have, team.needed)} of ${team.needed} ${team.needed === 1 ? 'approval' : 'approvals'}`;
}
