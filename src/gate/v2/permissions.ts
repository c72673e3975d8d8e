import { MIN_JUSTIFICATION_LENGTH } from '../constants';
import type { Stage, Team } from './config';
import { recordedCoveredBy } from './coverage';
import type { GateFacts } from './evaluate';
import { currentPass, passedStageReason, readOnlyTargets } from './pass-rules';
import { decisionProperty, legacyTeamProperty } from './records';
import type { WaiverTarget } from './records';
import type { ApproverGroup } from './ticket';
import { approverGroupsOn, fieldName, outOfScope } from './ticket';
import { writtenReasonProblem } from './visible-text';

/** A waiver's reason must say why in words: at least this many visible characters. */
export const MIN_WAIVER_REASON_LENGTH = 10;

/** How the caller may act, and through which group; or why not, in a sentence. */
export type PermissionV2 =
  | { readonly ok: true; readonly via: string; readonly viaSource: ApproverGroup['source'] | 'override-group'; readonly viaFieldValue?: string }
  | { readonly ok: false; readonly reason: string };

/** Who is asking, on which ticket: the caller's Jira groups come from the Directory port. */
export interface CallerV2 {
  readonly facts: GateFacts;
  readonly accountId: string;
  readonly groups: readonly string[];
}

export type DecisionRequest = 'approve' | 'decline' | 'revoke';

function oneOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}

/** The group through which the caller acts for the team on this ticket, or why they cannot. */
function membership(caller: CallerV2, team: Team): PermissionV2 {
  const { config, ticket } = caller.facts;
  const approvers = approverGroupsOn(config, team, ticket);
  const match = approvers.groups.find((g) => caller.groups.includes(g.group));
  if (match !== undefined) return { ok: true, via: match.group, viaSource: match.source, ...(match.fieldValue !== undefined && { viaFieldValue: match.fieldValue }) };
  const names = approvers.groups.map((g) => g.group);
  if (names.length === 0) return { ok: false, reason: `${approvers.problem ?? `No group acts for ${team.name}`}, so nobody can act for ${team.name} on this ticket yet` };
  const which = names.length === 1 ? 'the group that acts' : 'the groups that act';
  const fromField = team.approversFrom === undefined ? '' : ` on this ticket (from its ${fieldName(config, team.approversFrom.field)})`;
  return { ok: false, reason: `You are not in ${oneOf(names)}, ${which} for ${team.name}${fromField}` };
}

/** Why nothing can be recorded for the stage at all on this ticket, or undefined. */
function stageClosed(facts: GateFacts, stage: Stage): string | undefined {
  const notGated = outOfScope(facts.config, facts.ticket);
  if (notGated !== undefined) return notGated;
  const pass = currentPass(facts, stage.key);
  if (pass !== undefined) return passedStageReason(stage.name, pass);
  return undefined;
}

/** The other team the caller already approved for on this ticket, at any stage or before approvals were per stage. */
function otherTeamApproved(facts: GateFacts, team: Team, accountId: string): Team | undefined {
  const { records, config } = facts;
  const approvedFor = new Set([
    ...records.decisions.filter((d) => d.by === accountId && d.decision === 'approved').map((d) => d.team),
    ...Object.values(records.legacy).filter((d) => d.by === accountId && d.decision === 'approved').map((d) => d.team),
  ]);
  return config.teams.find((t) => t.key !== team.key && approvedFor.has(t.key));
}

/**
 * Whether the caller may approve, decline or revoke for a team at a stage, and through which group. Re-approving is
 * allowed (that is how a stale or unverified approval is re-affirmed); an approver can always revoke their own decision,
 * whatever state its property is in.
 *
 * @example
 * mayDecideV2({ facts, accountId: 'acc-cee', groups: ['golive-cee'] }, 'go-live', 'cee', 'approve') // { ok: true, via: 'golive-cee', viaSource: 'team-group' }
 * mayDecideV2({ facts, accountId: 'acc-cee', groups: ['golive-cee'] }, 'promote-to-prod', 'cee', 'approve')
 * // { ok: false, reason: 'CEE does not sign off Promote to prod' }
 */
export function mayDecideV2(caller: CallerV2, stageKey: string, teamKey: string, decision: DecisionRequest): PermissionV2 {
  const { facts, accountId } = caller;
  const { config, ticket, records } = facts;
  const stage = config.stages.find((s) => s.key === stageKey);
  if (stage === undefined) return { ok: false, reason: `No stage has the key "${stageKey}"` };
  const team = config.teams.find((t) => t.key === teamKey);
  if (team === undefined) return { ok: false, reason: `No team has the key "${teamKey}"` };
  if (!stage.teams.some((t) => t.team === team.key)) return { ok: false, reason: `${team.name} does not sign off ${stage.name}` };
  const closed = stageClosed(facts, stage);
  if (closed !== undefined) return { ok: false, reason: closed };
  const member = membership(caller, team);
  if (!member.ok) return member;
  if (decision === 'approve') {
    if (!config.policies.reporterMayApprove && ticket.reporterAccountId === accountId) return { ok: false, reason: 'The reporter of this ticket may not approve' };
    const other = config.policies.onePersonOneTeam ? otherTeamApproved(facts, team, accountId) : undefined;
    if (other !== undefined) return { ok: false, reason: `You already approved for ${other.name}` };
    const recorded = config.policies.separationOfDuties ? recordedCoveredBy(config, records, team.key, accountId) : [];
    if (recorded.length > 0) return { ok: false, reason: `You recorded ${recorded.join(', ')}, which ${team.name} signs off; another approver for ${team.name} must approve` };
  }
  if (decision === 'revoke') {
    const own = records.decisions.find((d) => d.stage === stage.key && d.team === team.key && d.by === accountId);
    const legacy = Object.hasOwn(records.legacy, team.key) && records.legacy[team.key]?.by === accountId && records.legacy[team.key]?.decision !== 'revoked';
    const untrusted = records.unverified.some((u) => u.propertyKey === decisionProperty(stage.key, team.key, accountId) || u.propertyKey === legacyTeamProperty(team.key));
    const standing = own !== undefined && own.decision !== 'revoked';
    if (!standing && !legacy && !untrusted) return { ok: false, reason: `You have no approval or decline for ${team.name} at ${stage.name} to revoke` };
  }
  return member;
}

/** The team or override group through which the caller may act on a waiver's target, or why not. */
function waiverActor(caller: CallerV2, target: WaiverTarget): PermissionV2 & { readonly what?: string } {
  const { config } = caller.facts;
  const override = config.policies.overrideGroups.find((g) => caller.groups.includes(g));
  let team: Team | undefined;
  let what: string;
  if (target.kind === 'team') {
    team = config.teams.find((t) => t.key === target.key);
    if (team === undefined) return { ok: false, reason: `No team has the key "${target.key}"` };
    what = team.name;
  } else if (target.kind === 'number') {
    const number = config.numbers.find((n) => n.key === target.key);
    if (number === undefined) return { ok: false, reason: `No number has the key "${target.key}"` };
    team = config.teams.find((t) => t.key === number.signedOffBy);
    what = number.label;
  } else {
    const item = config.items.find((i) => i.key === target.key);
    if (item === undefined) return { ok: false, reason: `No item has the key "${target.key}"` };
    team = item.reviewedBy === undefined ? undefined : config.teams.find((t) => t.key === item.reviewedBy);
    what = `"${item.text}"`;
  }
  const member = team === undefined ? undefined : membership(caller, team);
  if (member?.ok === true) return member;
  if (override !== undefined) return { ok: true, via: override, viaSource: 'override-group' };
  const overrideGroups = config.policies.overrideGroups;
  const who = [team === undefined ? undefined : `an approver for ${team.name}`, overrideGroups.length > 0 ? `a member of ${oneOf(overrideGroups)}` : undefined].filter((w) => w !== undefined);
  return { ok: false, reason: who.length === 0 ? `Nobody can mark ${what} not applicable: the project names no override group` : `Only ${who.join(' or ')} can mark ${what} not applicable` };
}

/**
 * Whether the caller may mark a team, number or item not applicable on this ticket (or withdraw that), with a reason in
 * words: the team concerned (the team that signs off the number, that reviews the item) or an override-group member.
 *
 * @example
 * mayWaive({ facts, accountId: 'acc-layered-sre', groups: ['golive-layered-sre'] }, { kind: 'team', key: 'layered-sre' }, 'No layered SRE team runs this add-on')
 * // { ok: true, via: 'golive-layered-sre', viaSource: 'team-group' }
 */
export function mayWaive(caller: CallerV2, target: WaiverTarget, reason: string): PermissionV2 {
  const notGated = outOfScope(caller.facts.config, caller.facts.ticket);
  if (notGated !== undefined) return { ok: false, reason: notGated };
  const actor = waiverActor(caller, target);
  if (!actor.ok) return actor;
  const readOnly = readOnlyTargets(caller.facts, [target]);
  if (readOnly !== undefined) return { ok: false, reason: readOnly };
  const problem = writtenReasonProblem(reason, MIN_WAIVER_REASON_LENGTH);
  if (problem !== undefined) return { ok: false, reason: `Say why it does not apply: ${problem}` };
  return actor;
}

/**
 * Whether the caller may force a stage open, through which override group; the justification must be in words.
 *
 * @example
 * mayOverrideV2({ facts, accountId: 'acc-admin', groups: ['golive-overriders'] }, 'go-live', 'Customer launch agreed by the VP on 3 March')
 * // { ok: true, via: 'golive-overriders', viaSource: 'override-group' }
 */
export function mayOverrideV2(caller: CallerV2, stageKey: string, justification: string): PermissionV2 {
  const { config } = caller.facts;
  const stage = config.stages.find((s) => s.key === stageKey);
  if (stage === undefined) return { ok: false, reason: `No stage has the key "${stageKey}"` };
  const closed = stageClosed(caller.facts, stage);
  if (closed !== undefined) return { ok: false, reason: closed };
  const groups = config.policies.overrideGroups;
  if (groups.length === 0) return { ok: false, reason: 'This project names no override group, so no stage can be overridden' };
  const via = groups.find((g) => caller.groups.includes(g));
  if (via === undefined) return { ok: false, reason: `You are not in ${oneOf(groups)}, ${groups.length === 1 ? 'the group that may' : 'the groups that may'} override a stage` };
  const problem = writtenReasonProblem(justification, MIN_JUSTIFICATION_LENGTH);
  if (problem !== undefined) return { ok: false, reason: `Justify the override: ${problem}` };
  return { ok: true, via, viaSource: 'override-group' };
}

/**
 * Who may record numbers and answer items: the reporter, and anyone who acts for a team on this ticket or may override.
 * What they record counts only once the teams that cover it approve (and never by the approver who recorded it).
 *
 * @example
 * mayRecordV2({ facts, accountId: 'acc-pm', groups: [] }) // true when acc-pm is the reporter
 */
export function mayRecordV2(caller: CallerV2): boolean {
  const { config, ticket } = caller.facts;
  if (outOfScope(config, ticket) !== undefined) return false;
  if (ticket.reporterAccountId === caller.accountId) return true;
  if (config.policies.overrideGroups.some((g) => caller.groups.includes(g))) return true;
  return config.teams.some((team) => membership(caller, team).ok);
}

/**
 * Why the caller may not record on this ticket (`what`: "record numbers", "answer its items"...), in words, or undefined
 * when they may: a ticket outside the gate's scope takes nothing from anyone, and then the reason says so.
 *
 * @example
 * refusalToRecordV2({ facts, accountId: 'acc-dev', groups: [] }, 'record numbers')
 * // 'Only the reporter and the people who act for a team of this gate may record numbers on this ticket'
 * refusalToRecordV2({ facts: storyOnTaskScope, accountId: 'acc-pm', groups: [] }, 'record numbers')
 * // 'Go-Live Gate does not apply to Story tickets in SKU, so nobody can record numbers on this ticket'
 */
export function refusalToRecordV2(caller: CallerV2, what: string): string | undefined {
  const scope = outOfScope(caller.facts.config, caller.facts.ticket);
  if (scope !== undefined) return `${scope}, so nobody can ${what} on this ticket`;
  return mayRecordV2(caller) ? undefined : `Only the reporter and the people who act for a team of this gate may ${what} on this ticket`;
}

/** What the caller may do for one team at one stage, as the panel shows it (approve several stages at once, "1 of 2"). */
export interface StageTeamRights {
  readonly stage: string;
  readonly team: string;
  readonly canApprove: boolean;
  readonly canDecline: boolean;
  readonly canRevoke: boolean;
  readonly canWaive: boolean;
  /** Why the caller may not approve, when they may not. */
  readonly reason?: string;
}

/**
 * For every stage and every team it requires, what the caller may do there.
 *
 * @example
 * stagePermissions({ facts, accountId: 'acc-sre-p', groups: ['golive-sre-p'] }).filter((r) => r.canApprove).map((r) => r.stage)
 * // ['promote-to-prod', 'go-live']: SRE-P can approve both at once
 */
export function stagePermissions(caller: CallerV2): StageTeamRights[] {
  return caller.facts.config.stages.flatMap((stage) =>
    stage.teams.map(({ team }) => {
      const approve = mayDecideV2(caller, stage.key, team, 'approve');
      const waive = waiverActor(caller, { kind: 'team', key: team });
      return {
        stage: stage.key,
        team,
        canApprove: approve.ok,
        canDecline: mayDecideV2(caller, stage.key, team, 'decline').ok,
        canRevoke: mayDecideV2(caller, stage.key, team, 'revoke').ok,
        canWaive: waive.ok && outOfScope(caller.facts.config, caller.facts.ticket) === undefined,
        ...(!approve.ok && { reason: approve.reason }),
      };
    }),
  );
}

/** Whether the caller may mark one team, number or item not applicable on this ticket (or withdraw that), and if not why. */
export interface WaiverRights {
  readonly target: WaiverTarget;
  readonly canWaive: boolean;
  readonly reason?: string;
}

/**
 * For every team, number and item some stage requires, whether the caller may waive it on this ticket.
 *
 * @example
 * waiverPermissions({ facts, accountId: 'acc-layered-sre', groups: ['golive-layered-sre'] }).find((w) => w.target.key === 'layered-sre')
 * // { target: { kind: 'team', key: 'layered-sre' }, canWaive: true }
 */
export function waiverPermissions(caller: CallerV2): WaiverRights[] {
  const { config, ticket } = caller.facts;
  const notGated = outOfScope(config, ticket);
  const required = (kind: WaiverTarget['kind'], key: string): boolean =>
    kind === 'team' ? config.stages.some((s) => s.teams.some((t) => t.team === key)) : kind === 'number' ? config.stages.some((s) => s.numbers.includes(key)) : config.items.some((i) => i.key === key && i.requiredFor.length > 0);
  const targets: WaiverTarget[] = [
    ...config.teams.map((t) => ({ kind: 'team' as const, key: t.key })),
    ...config.numbers.map((n) => ({ kind: 'number' as const, key: n.key })),
    ...config.items.map((i) => ({ kind: 'item' as const, key: i.key })),
  ].filter((target) => required(target.kind, target.key));
  return targets.map((target) => {
    if (notGated !== undefined) return { target, canWaive: false, reason: notGated };
    const actor = waiverActor(caller, target);
    return actor.ok ? { target, canWaive: true } : { target, canWaive: false, reason: actor.reason };
  });
}
