import { subDays } from 'date-fns';
import type { AssignReviewerPayload, AuditEvent, ReviewerAssignments } from '../contract';
import { ForbiddenError, NotConfiguredError, ValidationError } from '../errors';
import type { AssignmentEvent } from '../gate/review-history';
import type { GateConfigV2, Team } from '../gate/v2/config';
import { groupsActingOn } from '../gate/v2/acting-teams';
import { currentAssignments, pickReviewer, reviewerOf } from '../gate/reviewer-assignment';
import type { Caller, IssueView, PanelPorts, ReviewHistory } from '../ports';
import { ticketFactsOf, withTicketFields } from './gate-facts';

/** How far back open assignments count towards a member's queue for round-robin. */
export const QUEUE_WINDOW_DAYS = 90;

interface AssignContext {
  /** The issue with the fields approvers come from. */
  readonly issue: IssueView;
  readonly config: GateConfigV2;
  readonly groups: readonly string[];
  readonly history: ReviewHistory;
  readonly assignments: readonly AssignmentEvent[];
}

async function load(ports: PanelPorts, caller: Caller, issueIdOrKey: string): Promise<AssignContext> {
  const { history } = ports;
  if (history === undefined) throw new Error('The panel ports have no review history: the composition root must wire it.');
  const issue = await ports.issues.getIssue(issueIdOrKey);
  const [stored, groups, assignments] = await Promise.all([ports.configs.get(issue.projectId), ports.directory.groupsOf(caller.accountId), history.listForIssue(issue.id, 'reviewer-assigned')]);
  if (stored === undefined) throw new NotConfiguredError(`Go-Live Gate is not set up for project ${issue.projectKey} yet.`);
  return { issue: await withTicketFields(ports, stored.config, issue), config: stored.config, groups, history, assignments };
}

/** The groups that act for the team on this ticket, by gate model v2's rules: its own, and those a ticket field names (Owning SIG). */
const groupsOn = (context: AssignContext, team: Team): string[] => groupsActingOn(context.config, team, ticketFactsOf(context.issue));

const membersOf = async (ports: PanelPorts, groups: readonly string[]): Promise<string[]> =>
  [...new Set((await Promise.all(groups.map((g) => ports.directory.membersOf(g)))).flat())].sort();

async function view(ports: PanelPorts, context: AssignContext): Promise<ReviewerAssignments> {
  const current = currentAssignments(context.assignments);
  const teams = await Promise.all(
    context.config.teams.map(async (team) => {
      const assignment = reviewerOf(current, context.issue.id, team.key);
      const groups = groupsOn(context, team);
      const mine = groups.some((g) => context.groups.includes(g));
      return {
        team: team.key, name: team.name,
        ...(assignment && { reviewer: assignment.assignee, assignedBy: assignment.by, how: assignment.how, at: assignment.at }),
        ...(mine && { members: await membersOf(ports, groups) }),
      };
    }),
  );
  return { teams };
}

/**
 * `getReviewers`: each team's named reviewer of the ticket, and the members of the caller's teams (whom they may name).
 *
 * @example
 * (await getReviewers(ports, { accountId: 'acc-cee' }, 'SKU-1')).teams.find((t) => t.team === 'cee'); // { reviewer: 'acc-cee', how: 'round-robin', members: ['acc-cee'], ... }
 */
export async function getReviewers(ports: PanelPorts, caller: Caller, issueIdOrKey: string): Promise<ReviewerAssignments> {
  return view(ports, await load(ports, caller, issueIdOrKey));
}

/**
 * `assignReviewer`: a member of a team names the team's reviewer of the ticket (anyone in its groups), or lets the app
 * pick one round-robin by queue length (the member with the fewest open assignments for the team). Reassigning is
 * assigning again. Stored in the review history with an audit event.
 *
 * @example
 * await assignReviewer(ports, { accountId: 'acc-cee' }, 'SKU-1', { team: 'cee' }); // round-robin
 */
export async function assignReviewer(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: AssignReviewerPayload): Promise<ReviewerAssignments> {
  const context = await load(ports, caller, issueIdOrKey);
  const { config, issue, history } = context;
  const team = config.teams.find((t) => t.key === payload.team);
  if (team === undefined) throw new ValidationError(`This gate has no team "${payload.team}".`, [{ path: 'team', message: `no team has the key "${payload.team}"` }]);
  const groups = groupsOn(context, team);
  if (!groups.some((g) => context.groups.includes(g))) {
    const which = groups.length === 0 ? `this ticket names no group that acts for ${team.name}` : `you are not in ${groups.join(' or ')}`;
    throw new ForbiddenError(`Only a member of ${team.name} can name its reviewer (${which}).`);
  }
  const members = await membersOf(ports, groups);
  const now = ports.clock.now();
  let assignee = payload.assignee;
  if (assignee === undefined) {
    const since = subDays(now, QUEUE_WINDOW_DAYS).toISOString();
    const until = new Date(now.getTime() + 1).toISOString();
    const [assignments, decisions] = await Promise.all([history.list(issue.projectId, 'reviewer-assigned', since, until), history.list(issue.projectId, 'decision', since, until)]);
    assignee = pickReviewer(team.key, members, assignments, decisions);
    if (assignee === undefined) throw new ValidationError(`Nobody is in ${groups.join(' or ')}: there is no one to assign.`);
  } else if (!members.includes(assignee)) {
    throw new ValidationError(`That person is not in ${team.name}'s groups.`, [{ path: 'assignee', message: `is not in ${groups.join(' or ')}` }]);
  }
  const at = now.toISOString();
  const how = payload.assignee === undefined ? 'round-robin' : 'chosen';
  const event: AssignmentEvent = {
    kind: 'reviewer-assigned', projectId: issue.projectId, issueId: issue.id, issueKey: issue.key, at, id: `${team.key}:${now.getTime()}`, team: team.key, assignee, by: caller.accountId, how,
  };
  const audit: AuditEvent = { issueId: issue.id, at, actor: caller.accountId, action: 'reviewer-assigned', team: team.key, id: `reviewer-assigned:${event.id}`, detail: `${team.name}'s reviewer: ${assignee} (${how})` };
  await history.append(event, audit);
  return view(ports, { ...context, assignments: [...context.assignments, event] });
}
