import type { AuditEvent, RecordShadowReviewPayload, SecondShadowReviewPayload, ShadowPanel } from '../contract';
import { ForbiddenError, NotConfiguredError, NotFoundError, ValidationError } from '../errors';
import type { GateConfigV2, Team } from '../gate/v2/config';
import { groupsActingOn } from '../gate/v2/acting-teams';
import type { ShadowReviewEvent, ShadowSecondEvent } from '../gate/review-history';
import { maySecond, mayShadowReview } from '../gate/shadow-program';
import { hasVisibleLetterOrDigit } from '../gate/visible-text';
import type { Caller, IssueView, PanelPorts, ReviewHistory } from '../ports';
import { ticketFactsOf, withTicketFields } from './gate-facts';

interface ShadowContext {
  /** The issue with the fields approvers come from. */
  readonly issue: IssueView;
  readonly config: GateConfigV2;
  readonly groups: readonly string[];
  readonly history: ReviewHistory;
  readonly reviews: readonly ShadowReviewEvent[];
  readonly seconds: readonly ShadowSecondEvent[];
}

/** Reads the issue as the caller (Jira's permissions apply), then the configuration, their groups and the ticket's shadow reviews at once. */
async function load(ports: PanelPorts, caller: Caller, issueIdOrKey: string): Promise<ShadowContext> {
  const { history } = ports;
  if (history === undefined) throw new Error('The panel ports have no review history: the composition root must wire it.');
  const issue = await ports.issues.getIssue(issueIdOrKey);
  const [stored, groups, reviews, seconds] = await Promise.all([
    ports.configs.get(issue.projectId),
    ports.directory.groupsOf(caller.accountId),
    history.listForIssue(issue.id, 'shadow-review'),
    history.listForIssue(issue.id, 'shadow-seconded'),
  ]);
  if (stored === undefined) throw new NotConfiguredError(`Go-Live Gate is not set up for project ${issue.projectKey} yet.`);
  return { issue: await withTicketFields(ports, stored.config, issue), config: stored.config, groups, history, reviews, seconds };
}

/**
 * The team with the groups that approve for it on this ticket (gate model v2: those a ticket field names included), for
 * the shadow program's rules: its approvers decide instead of shadowing, and second shadow reviews.
 */
const onTicket = (context: ShadowContext, team: Team): Team => ({ ...team, groups: groupsActingOn(context.config, team, ticketFactsOf(context.issue)) });

/** The stages that need the team. */
const stagesOf = (config: GateConfigV2, team: Team) => config.stages.filter((s) => s.teams.some((entry) => entry.team === team.key));

function view(context: ShadowContext, caller: Caller): ShadowPanel {
  const { config, groups, reviews, seconds } = context;
  const teams = config.teams.flatMap((team) => {
    if ((team.shadowGroups ?? []).length === 0) return [];
    const permission = mayShadowReview(onTicket(context, team), groups);
    const stages = stagesOf(config, team).map((s) => ({ key: s.key, name: s.name }));
    return [{ team: team.key, name: team.name, stages, canReview: permission.ok, ...(!permission.ok && { reason: permission.reason }) }];
  });
  return {
    reviews: reviews.map((r) => ({
      id: r.id, team: r.team, stage: r.stage, by: r.by, at: r.at, verdict: r.verdict, comment: r.comment,
      secondedBy: seconds.filter((s) => s.review === r.id).map((s) => s.by),
    })),
    teams,
    canSecond: config.teams.filter((t) => onTicket(context, t).groups.some((g) => groups.includes(g))).map((t) => t.key),
    me: caller.accountId,
  };
}

/**
 * `getShadowReviews`: the ticket's shadow reviews (who would have approved or declined for which team, and why, and who
 * seconded it) and what the caller may do. Shadow reviews live in the review history; the gate never reads them.
 *
 * @example
 * (await getShadowReviews(ports, { accountId: 'acc-cee' }, 'SKU-1')).reviews[0]; // { team: 'osd-e2e', verdict: 'approve', by: 'acc-shadow', secondedBy: [], ... }
 */
export async function getShadowReviews(ports: PanelPorts, caller: Caller, issueIdOrKey: string): Promise<ShadowPanel> {
  return view(await load(ports, caller, issueIdOrKey), caller);
}

/**
 * `recordShadowReview`: a shadow of a team records a non-binding review of the ticket at a stage that needs the team,
 * with a comment saying why. Stored in the review history with an audit event (only the app writes either); it never
 * counts as an approval.
 *
 * @example
 * await recordShadowReview(ports, { accountId: 'acc-shadow' }, 'SKU-1', { team: 'osd-e2e', stage: 'promote-to-prod', verdict: 'approve', comment: 'Runbook and alerts look complete' });
 */
export async function recordShadowReview(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: RecordShadowReviewPayload): Promise<ShadowPanel> {
  const context = await load(ports, caller, issueIdOrKey);
  const { config, issue } = context;
  const team = config.teams.find((t) => t.key === payload.team);
  if (team === undefined) throw new ValidationError(`This gate has no team "${payload.team}".`, [{ path: 'team', message: `no team has the key "${payload.team}"` }]);
  const stage = stagesOf(config, team).find((s) => s.key === payload.stage);
  if (stage === undefined) throw new ValidationError(`No stage "${payload.stage}" needs ${team.name}.`, [{ path: 'stage', message: `is not a stage that needs ${team.name}` }]);
  const comment = payload.comment.trim();
  if (!hasVisibleLetterOrDigit(comment)) throw new ValidationError('Say why: a shadow review needs a comment.', [{ path: 'comment', message: 'is required' }]);
  const permission = mayShadowReview(onTicket(context, team), context.groups);
  if (!permission.ok) throw new ForbiddenError(`${permission.reason}.`);
  const at = ports.clock.now().toISOString();
  const event: ShadowReviewEvent = {
    kind: 'shadow-review', projectId: issue.projectId, issueId: issue.id, issueKey: issue.key, at, id: `${team.key}:${stage.key}:${caller.accountId}:${Date.parse(at)}`,
    team: team.key, stage: stage.key, by: caller.accountId, verdict: payload.verdict, comment,
  };
  const audit: AuditEvent = {
    issueId: issue.id, at, actor: caller.accountId, action: 'shadow-review', team: team.key, stage: stage.key, id: `shadow-review:${event.id}`,
    detail: `Shadow review for ${team.name} at ${stage.name} (not binding): would ${payload.verdict}: ${comment}`,
  };
  await context.history.append(event, audit);
  return view({ ...context, reviews: [...context.reviews, event] }, caller);
}

/**
 * `secondShadowReview`: a full reviewer of the team says a shadow review was of binding quality (graduation counts it).
 *
 * @example
 * await secondShadowReview(ports, { accountId: 'acc-osd-e2e' }, 'SKU-1', { review: 'osd-e2e:promote-to-prod:acc-shadow:1767261600000' });
 */
export async function secondShadowReview(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: SecondShadowReviewPayload): Promise<ShadowPanel> {
  const context = await load(ports, caller, issueIdOrKey);
  const { config, issue } = context;
  const review = context.reviews.find((r) => r.id === payload.review);
  if (review === undefined) throw new NotFoundError('This ticket has no such shadow review; reload the panel.');
  const team = config.teams.find((t) => t.key === review.team);
  if (team === undefined) throw new ValidationError(`The team of this shadow review, "${review.team}", is no longer in the gate.`);
  const permission = maySecond(onTicket(context, team), context.groups, caller.accountId, review, context.seconds);
  if (!permission.ok) throw new ForbiddenError(`${permission.reason}.`);
  const at = ports.clock.now().toISOString();
  const event: ShadowSecondEvent = {
    kind: 'shadow-seconded', projectId: issue.projectId, issueId: issue.id, issueKey: issue.key, at, id: `${review.id}:${caller.accountId}`, team: team.key, review: review.id, by: caller.accountId,
  };
  const audit: AuditEvent = { issueId: issue.id, at, actor: caller.accountId, action: 'shadow-seconded', team: team.key, id: `shadow-seconded:${event.id}`, detail: `${team.name} seconded the shadow review of ${review.by}` };
  await context.history.append(event, audit);
  return view({ ...context, seconds: [...context.seconds, event] }, caller);
}
