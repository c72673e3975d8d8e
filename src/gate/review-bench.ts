import type { GateConfig } from './config';
import type { ReviewDecision } from './review-decisions';

export const MIN_APPROVERS = 2;

export interface TeamBench {
  readonly team: string;
  readonly name: string;
  readonly groups: readonly string[];
  /** Everyone in one of the team's groups, with the decisions each made for the team in the period, most first. */
  readonly approvers: readonly { readonly accountId: string; readonly decisions: number }[];
  readonly decisions: number;
  /** Decisions in the period by people no longer in the team's groups. */
  readonly formerApproverDecisions: number;
  readonly warning?: string | undefined;
}

/**
 * Who can approve for each team: the members of any of its groups, each once.
 *
 * @example
 * teamMembers(config, { 'golive-cee': ['acc-cee'], 'cee-leads': ['acc-cee', 'acc-lead'] }).cee; // ['acc-cee', 'acc-lead']
 */
export function teamMembers(config: GateConfig, membersByGroup: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  return Object.fromEntries(config.teams.map((team) => [team.key, [...new Set(team.groups.flatMap((g) => membersByGroup[g] ?? []))]]));
}

/**
 * Bench depth per team: who can approve for it (members of its groups) and how many of the period's decisions
 * (reviewDecisions) each made. Warns when fewer than two people can approve, or when one person made most (over half) of the decisions.
 *
 * @example
 * reviewBench(config, reviewDecisions(tickets, history, period), { 'golive-sre-p': ['acc-sre-p'] })[0].warning;
 * // 'Only 1 person can approve for SRE-P: add someone to golive-sre-p.'
 */
export function reviewBench(config: GateConfig, decided: readonly ReviewDecision[], membersByGroup: Readonly<Record<string, readonly string[]>>): TeamBench[] {
  const membersOf = teamMembers(config, membersByGroup);
  return config.teams.map((team): TeamBench => {
    const members = membersOf[team.key] ?? [];
    const counts = new Map<string, number>(members.map((m) => [m, 0]));
    let decisions = 0;
    let former = 0;
    for (const decision of decided) {
      if (decision.team !== team.key || decision.decision === 'revoked') continue;
      decisions += 1;
      const count = counts.get(decision.by);
      if (count === undefined) former += 1;
      else counts.set(decision.by, count + 1);
    }
    const approvers = [...counts].map(([accountId, n]) => ({ accountId, decisions: n })).sort((a, b) => b.decisions - a.decisions || a.accountId.localeCompare(b.accountId));
    const top = approvers[0];
    let warning: string | undefined;
    if (members.length < MIN_APPROVERS) {
      const who = members.length === 0 ? 'Nobody can' : 'Only 1 person can';
      warning = `${who} approve for ${team.name}: add someone to ${team.groups.join(' or ')}.`;
    } else if (top !== undefined && decisions >= 2 && top.decisions * 2 > decisions) {
      warning = `One person made ${top.decisions} of ${team.name}'s ${decisions} decisions: spread the reviews.`;
    }
    return { team: team.key, name: team.name, groups: team.groups, approvers, decisions, formerApproverDecisions: former, warning };
  });
}
