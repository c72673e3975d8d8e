import { MIN_APPROVERS } from '../review-bench';
import type { GateConfigV2, Team } from './config';
import { fieldName } from './ticket';
import { groupsOnSomeTicket } from './acting-teams';

/** Who can approve for a team, and a warning when too few can. */
export interface TeamBenchDepth {
  readonly team: string;
  /** Everyone who can approve for the team on some ticket, each once, sorted. */
  readonly approvers: readonly string[];
  readonly warning?: string | undefined;
}

/** Field values named in a warning before the rest are counted. */
const NAMED_VALUES = 3;

type Members = Readonly<Record<string, readonly string[]>>;

const membersOf = (groups: readonly string[], members: Members): string[] => [...new Set(groups.flatMap((g) => (Object.hasOwn(members, g) ? (members[g] ?? []) : [])))].sort();
const tooFew = (count: number, team: Team, where: string): string => `${count === 0 ? 'Nobody can' : 'Only 1 person can'} approve for ${team.name}${where}`;

/**
 * Bench depth by gate model v2's rules: who can approve for each team, with a warning when fewer than two people can.
 * A team whose approvers come from a ticket field is judged per field value (the team's own groups and those the value
 * names): the values fewer than two people can approve for are named. A group picker without a map can name any group,
 * so only its own groups are known here.
 *
 * @example
 * benchDepthV2(kep, { 'golive-sig-node': ['acc-a', 'acc-b'], 'golive-sig-apps': ['acc-c'] }).find((b) => b.team === 'owning-sig')?.warning
 * // 'Only 1 person can approve for Owning SIG where Owning SIG is sig-apps: add someone to golive-sig-apps.' (with only those two SIGs mapped)
 */
export function benchDepthV2(config: GateConfigV2, members: Members): TeamBenchDepth[] {
  return config.teams.map((team) => {
    const approvers = membersOf(groupsOnSomeTicket(team), members);
    const mapped = Object.entries(team.approversFrom?.groups ?? {});
    if (team.approversFrom === undefined || mapped.length === 0) {
      const own = membersOf(team.groups, members).length;
      const warning = own < MIN_APPROVERS && team.approversFrom === undefined ? `${tooFew(own, team, '')}: add someone to ${team.groups.join(' or ')}.` : undefined;
      return { team: team.key, approvers, warning };
    }
    const thin = mapped.map(([value, groups]) => ({ value, groups: [...team.groups, ...groups], count: membersOf([...team.groups, ...groups], members).length })).filter((v) => v.count < MIN_APPROVERS);
    const field = fieldName(config, team.approversFrom.field);
    const [only] = thin;
    if (only === undefined) return { team: team.key, approvers, warning: undefined };
    if (thin.length === 1) return { team: team.key, approvers, warning: `${tooFew(only.count, team, ` where ${field} is ${only.value}`)}: add someone to ${only.groups.join(' or ')}.` };
    const named = thin.slice(0, NAMED_VALUES).map((v) => v.value).join(', ');
    const more = thin.length > NAMED_VALUES ? ` and ${thin.length - NAMED_VALUES} more` : '';
    return { team: team.key, approvers, warning: `Fewer than two people can approve for ${team.name} where ${field} is ${named}${more}: add people to the groups those values name.` };
  });
}
