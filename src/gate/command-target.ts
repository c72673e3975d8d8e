import type { CommandKind, NamedThing } from './comment-commands';

/** Which team and stage a comment command is for, when the command does not say: the rules prow users expect. */

export type Choice<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const nameOf = (things: readonly NamedThing[], key: string): string => things.find((t) => t.key === key)?.name ?? key;

function joined(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

export interface StageChoice {
  readonly named?: string | undefined;
  /** The stage the ticket waits at (the first gated stage it has not passed); undefined when it has passed them all. */
  readonly current?: string | undefined;
  readonly stages: readonly NamedThing[];
}

/**
 * The stage a command is for: the one it names, else the stage the ticket waits at.
 *
 * @example
 * pickStage({ current: 'promote-to-prod', stages }) // { ok: true, value: 'promote-to-prod' }
 * pickStage({ stages }) // { ok: false, reason: 'This ticket has passed every stage; name the stage, e.g. /approve cee go-live' }
 */
export function pickStage(choice: StageChoice): Choice<string> {
  if (choice.named !== undefined) return { ok: true, value: choice.named };
  if (choice.current !== undefined) return { ok: true, value: choice.current };
  const example = choice.stages[choice.stages.length - 1]?.key ?? 'stage';
  return { ok: false, reason: `This ticket has passed every stage; name the stage, e.g. /approve <team> ${example}` };
}

export interface TeamChoice {
  readonly kind: CommandKind;
  /** The team the command names, if any (already resolved to a key). */
  readonly named?: string | undefined;
  readonly stage: NamedThing;
  /** Keys of the teams the stage needs, in the configuration's order. */
  readonly stageTeams: readonly string[];
  /**
   * Keys of the teams the author may act for on this ticket. For `revoke`, pass the teams of the stage on which the
   * author has a decision to withdraw.
   */
  readonly actsFor: readonly string[];
  readonly teams: readonly NamedThing[];
}

const VERB: Readonly<Record<CommandKind, string>> = { approve: '/approve', decline: '/decline', revoke: '/revoke', waive: '/na' };

/**
 * The team a command is for. A named team must be one the stage needs (whether the author may act for it is the
 * permission check's business, which names the groups). Without a name, the team is inferred when the author acts for
 * exactly one team of the stage, and must be named otherwise.
 *
 * @example
 * pickTeam({ kind: 'approve', stage, stageTeams: ['cee', 'sre-p'], actsFor: ['cee'], teams }) // { ok: true, value: 'cee' }
 * pickTeam({ kind: 'approve', stage, stageTeams: ['cee', 'sre-p'], actsFor: ['cee', 'sre-p'], teams })
 * // { ok: false, reason: 'You act for CEE and SRE-P on Go live; name the team, e.g. /approve cee' }
 */
export function pickTeam(choice: TeamChoice): Choice<string> {
  const { kind, named, stage, stageTeams, actsFor, teams } = choice;
  if (named !== undefined) {
    if (kind === 'waive' || stageTeams.includes(named)) return { ok: true, value: named };
    return { ok: false, reason: `${stage.name} does not need ${nameOf(teams, named)}${stageTeams.length > 0 ? `; it needs ${joined(stageTeams.map((k) => nameOf(teams, k)))}` : ''}` };
  }
  const candidates = stageTeams.filter((team) => actsFor.includes(team));
  const [only] = candidates;
  if (candidates.length === 1 && only !== undefined) return { ok: true, value: only };
  if (candidates.length > 1) {
    return { ok: false, reason: `You act for ${joined(candidates.map((k) => nameOf(teams, k)))} on ${stage.name}; name the team, e.g. ${VERB[kind]} ${candidates[0] ?? ''}` };
  }
  if (kind === 'revoke') return { ok: false, reason: `You have no approval or decline on ${stage.name} to revoke` };
  if (actsFor.length > 0) {
    return { ok: false, reason: `You act for ${joined(actsFor.map((k) => nameOf(teams, k)))}, which ${stage.name} does not need` };
  }
  return { ok: false, reason: `You do not act for any team ${stage.name} needs (${joined(stageTeams.map((k) => nameOf(teams, k)))})` };
}
