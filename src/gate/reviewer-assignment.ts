import type { AssignmentEvent, DecisionEvent } from './review-history';

const slot = (issueId: string, team: string): string => `${issueId} ${team}`;

/**
 * The reviewer each team has on each ticket now: the latest assignment per ticket and team, by `<issueId> <team>`.
 *
 * @example
 * currentAssignments(events).get('10001 cee')?.assignee; // 'acc-cee'
 */
export function currentAssignments(events: readonly AssignmentEvent[]): Map<string, AssignmentEvent> {
  const current = new Map<string, AssignmentEvent>();
  for (const event of [...events].sort((a, b) => a.at.localeCompare(b.at))) current.set(slot(event.issueId, event.team), event);
  return current;
}

/** The current reviewer of a team on a ticket, if any. */
export const reviewerOf = (assignments: ReadonlyMap<string, AssignmentEvent>, issueId: string, team: string): AssignmentEvent | undefined =>
  assignments.get(slot(issueId, team));

/**
 * Round-robin by queue length: the member of the team with the fewest tickets assigned to them for it that the team has
 * not decided since; among equals, the one assigned longest ago (never first), then by account id.
 *
 * @example
 * pickReviewer('cee', ['acc-a', 'acc-b'], assignments, decisions); // 'acc-b' when acc-a has one open ticket and acc-b none
 */
export function pickReviewer(team: string, members: readonly string[], assignments: readonly AssignmentEvent[], decisions: readonly DecisionEvent[]): string | undefined {
  const open = new Map(members.map((m) => [m, 0]));
  const lastAssigned = new Map<string, string>();
  for (const assignment of currentAssignments(assignments.filter((a) => a.team === team)).values()) {
    const decided = decisions.some((d) => d.issueId === assignment.issueId && d.team === team && d.at >= assignment.at);
    const count = open.get(assignment.assignee);
    if (!decided && count !== undefined) open.set(assignment.assignee, count + 1);
  }
  for (const a of assignments) if (a.team === team && (lastAssigned.get(a.assignee) ?? '') < a.at) lastAssigned.set(a.assignee, a.at);
  return [...members].sort((a, b) => (open.get(a) ?? 0) - (open.get(b) ?? 0) || (lastAssigned.get(a) ?? '').localeCompare(lastAssigned.get(b) ?? '') || a.localeCompare(b))[0];
}
