import type { GateConfigV2, Team } from './config';
import type { TicketFacts } from './ticket';
import { approverGroupsOn } from './ticket';

/**
 * Who acts for which team where only a ticket's approver fields are known (the reviews page reads those with its search,
 * not the whole ticket): the same resolution as the panel's (approverGroupsOn), on those fields.
 */

/**
 * Whether someone in `groups` acts for the team on a ticket whose approver fields have these values: through one of the
 * team's groups, or one the ticket's field names (`components` holds the ticket's components).
 *
 * @example
 * actsForTeamOn(kep, owningSig, { customfield_10070: ['sig-node'] }, ['golive-sig-node']) // true
 * actsForTeamOn(kep, owningSig, { customfield_10070: ['sig-apps'] }, ['golive-sig-node']) // false
 */
export function actsForTeamOn(config: GateConfigV2, team: Team, fields: Readonly<Record<string, readonly string[]>>, groups: readonly string[]): boolean {
  const ticket = { id: '', key: '', projectKey: '', issueType: '', labels: [], components: Object.hasOwn(fields, 'components') ? (fields['components'] ?? []) : [], fields };
  return groupsActingOn(config, team, ticket).some((group) => groups.includes(group));
}

/**
 * The names of the groups that act for the team on this ticket: its own, and those the ticket's approver field names.
 *
 * @example
 * groupsActingOn(kep, owningSig, ticket) // ['golive-sig-node'] where the ticket's Owning SIG is sig-node
 */
export function groupsActingOn(config: GateConfigV2, team: Team, ticket: TicketFacts): string[] {
  return approverGroupsOn(config, team, ticket).groups.map((g) => g.group);
}

/**
 * Whether someone in `groups` acts for the team on some tickets at least: through the team's groups, or a group its
 * approver field maps a value to. A group picker without a map may name any group, so such a team is someone's only
 * where a ticket names their group (actsForTeamOn).
 *
 * @example
 * mayActForTeam(owningSig, ['golive-sig-node']) // true: tickets whose Owning SIG is sig-node
 * mayActForTeam(prr, ['golive-sig-node']) // false
 */
export function mayActForTeam(team: Team, groups: readonly string[]): boolean {
  return groupsOnSomeTicket(team).some((group) => groups.includes(group));
}

/**
 * Every group whose members act for the team on some ticket: its own, and those its approver field maps a value to.
 *
 * @example
 * groupsOnSomeTicket(owningSig) // ['golive-sig-api-machinery', 'golive-sig-apps', ...]
 */
export function groupsOnSomeTicket(team: Team): string[] {
  return [...new Set([...team.groups, ...Object.values(team.approversFrom?.groups ?? {}).flat()])];
}

/**
 * The fields a ticket's approvers come from, each once: what the reviews page's search asks Jira for.
 *
 * @example
 * approverFieldsOf(kep) // ['customfield_10070']
 * approverFieldsOf(addon) // []
 */
export function approverFieldsOf(config: GateConfigV2): string[] {
  return [...new Set(config.teams.flatMap((team) => (team.approversFrom === undefined ? [] : [team.approversFrom.field])))];
}
