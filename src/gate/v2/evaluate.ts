import { addHours, formatDistanceStrict, isAfter } from 'date-fns';
import { givenOn, isStaleForHead } from '../decision-source';
import type { MessagePart } from '../blocked-message';
import { blockedMessage, lowerFirst } from '../blocked-message';
import { numberProblem } from '../number-rules';
import type { LinkedApproval } from '../integrity';
import { predatesTeam } from '../integrity';
import { describeCoveredProblem, describeProblem } from '../integrity-words';
import { isReporterBarred, overrideProblem } from '../policies';
import { ANSWERS_PROPERTY, NUMBERS_PROPERTY, PLAYBOOK_PROPERTY, checkProperty, exceptionProperty, overrideProperty } from '../records';
import { stageConditions } from '../stage-conditions';
import { releaseKeyOf } from '../target-release';
import { checkAnswer } from './answers';
import type { GateConfigV2, Stage, StageTeam, Team } from './config';
import { itemsFor, neededApprovals, stageOf } from './config';
import { agreesTo, coveredDigestsV2, coveredKeys, coversReleaseV2, recordedCoveredBy } from './coverage';
import type { RecordSetV2, UnverifiedRecordV2 } from './read-records';
import type { LegacyDecision, StageDecision, WaiverRecord, WaiverTarget } from './records';
import { decisionProperty, legacyTeamProperty, passProperty, waiverProperty } from './records';
import type { TicketApprovers, TicketFacts } from './ticket';
import { approverGroupsOn, conditionHolds, describeCondition, outOfScope } from './ticket';
import { currentPass, passedStageReason } from './pass-rules';
import type { ApprovalState, ApprovalView, Applicability, DeclineView, ItemVerdict, NumberVerdictV2, PassInfo, TeamStateV2, TeamVerdictV2, VerdictV2 } from './verdict';

/** Everything the rules judge a ticket by: the configuration, what Jira says about the ticket, and the verified records. */
export interface GateFacts {
  readonly config: GateConfigV2;
  readonly ticket: TicketFacts;
  readonly records: RecordSetV2;
  /**
   * Current Jira groups of people whose approvals are judged, when the caller looked them up (the validator does, at
   * the transition). A person missing here is not re-checked.
   */
  readonly memberships?: Readonly<Record<string, readonly string[]>> | undefined;
}

const expiryOf = (at: string, days: number): Date => addHours(new Date(at), days * 24);
const ago = (at: string, now: Date): string => formatDistanceStrict(new Date(at), now, { addSuffix: true });

/** A decision as it counts at one stage: given for the stage, carried over from an earlier one, or a v1 ticket-wide one. */
interface Effective {
  readonly record: StageDecision | LegacyDecision;
  readonly propertyKey: string;
  readonly legacy: boolean;
  readonly stage: string;
  readonly carriedFrom?: string;
  /** An approval given on a linked ticket (issue 15), standing in for none here. */
  readonly linkedIssue?: string;
}

/**
 * Each approver's decision that counts at the stage: their own decision for this stage wins; without one, the latest of
 * their v1 ticket-wide decision and their approvals of the stages this one carries over.
 */
function effectiveDecisions(records: RecordSetV2, stage: Stage, team: Team): Effective[] {
  const byPerson = new Map<string, Effective>();
  for (const d of records.decisions) {
    if (d.stage === stage.key && d.team === team.key) byPerson.set(d.by, { record: d, propertyKey: decisionProperty(d.stage, d.team, d.by), legacy: false, stage: stage.key });
  }
  const direct = new Set(byPerson.keys());
  const older: Effective[] = [];
  const legacy = Object.hasOwn(records.legacy, team.key) ? records.legacy[team.key] : undefined;
  if (legacy !== undefined) older.push({ record: legacy, propertyKey: legacyTeamProperty(team.key), legacy: true, stage: stage.key });
  for (const d of records.decisions) {
    if (d.team === team.key && d.decision === 'approved' && stage.carryOver.includes(d.stage)) {
      older.push({ record: d, propertyKey: decisionProperty(d.stage, d.team, d.by), legacy: false, stage: d.stage, carriedFrom: d.stage });
    }
  }
  for (const candidate of older) {
    if (direct.has(candidate.record.by)) continue;
    const current = byPerson.get(candidate.record.by);
    if (current === undefined || candidate.record.at > current.record.at) byPerson.set(candidate.record.by, candidate);
  }
  return [...byPerson.values()].sort((a, b) => a.record.at.localeCompare(b.record.at) || a.record.by.localeCompare(b.record.by));
}

/**
 * Per person, the team of their earliest approval the app wrote on the ticket: with one person, one team, only that team
 * counts them.
 */
function firstApprovalTeams(config: GateConfigV2, records: RecordSetV2): ReadonlyMap<string, string> {
  const order = new Map(config.teams.map((t, i) => [t.key, i]));
  const teams = new Map(config.teams.map((t) => [t.key, t]));
  // An approval from before its team was added back does not count, so it does not decide the person's team either.
  const counts = (d: StageDecision | LegacyDecision): boolean => {
    const team = teams.get(d.team);
    return d.decision === 'approved' && team !== undefined && !predatesTeam(config, team, d);
  };
  const decided = records.writtenDecisions ?? [...records.decisions, ...Object.values(records.legacy)];
  const approvals: { by: string; team: string; at: string }[] = decided.filter(counts);
  const first = new Map<string, { team: string; at: string }>();
  for (const a of approvals) {
    const earlier = first.get(a.by);
    const before = earlier === undefined || a.at < earlier.at || (a.at === earlier.at && (order.get(a.team) ?? 0) < (order.get(earlier.team) ?? 0));
    if (before) first.set(a.by, { team: a.team, at: a.at });
  }
  return new Map([...first].map(([by, { team }]) => [by, team]));
}

/** What one evaluation shares between teams and stages. */
interface Context extends GateFacts {
  readonly firstTeams: ReadonlyMap<string, string>;
  readonly numbersProblem?: UnverifiedRecordV2 | undefined;
  readonly answersProblem?: UnverifiedRecordV2 | undefined;
}

function contextOf(facts: GateFacts): Context {
  const { records } = facts;
  return {
    ...facts,
    firstTeams: firstApprovalTeams(facts.config, records),
    numbersProblem: records.unverified.find((u) => u.what === 'numbers'),
    answersProblem: records.unverified.find((u) => u.what === 'answers'),
  };
}

const teamName = (config: GateConfigV2, key: string): string => config.teams.find((t) => t.key === key)?.name ?? key;

/** Why an approval stops counting because of what it covers: the numbers, the answers, or the target release. */
function coverageOutcome(ctx: Context, team: Team, d: StageDecision | LegacyDecision): { state: ApprovalState; reason: string } | undefined {
  const { config, ticket, records } = ctx;
  const name = team.name;
  const keys = coveredKeys(config, team.key);
  const current = coveredDigestsV2(config, team.key, records.numbers, records.answers?.answers);
  const covered = [
    { what: 'numbers', covers: keys.numbers.length > 0, untrusted: ctx.numbersProblem, current: current.numbers, approved: d.covers.numbers, changed: `The numbers changed after ${name} approved`, repair: 'record the numbers again' },
    { what: 'answers', covers: keys.items.length > 0, untrusted: ctx.answersProblem, current: current.answers, approved: d.covers.answers, changed: `The answers ${name} ${config.items.some((i) => i.reviewedBy !== team.key && keys.items.includes(i.key)) ? 'agreed to' : 'reviews'} changed after it approved`, repair: 'answer the questions again' },
  ];
  for (const part of covered) {
    if (!part.covers) continue;
    // An approval is judged against what the app itself wrote: a covered record it cannot vouch for is never approved.
    if (part.untrusted !== undefined) {
      return { state: 'coverage-unverified', reason: `${name}'s approval covers the ${part.what}, which ${describeCoveredProblem(part.untrusted.problem)}; ${part.repair}` };
    }
    if (part.approved !== part.current) return { state: 'stale', reason: `${part.changed}; ${name} must approve again` };
  }
  if (coversReleaseV2(config, team.key) && d.covers.release !== releaseKeyOf(ticket.targetRelease)) {
    return { state: 'stale', reason: `The target release changed after ${name} approved; ${name} must approve again` };
  }
  return undefined;
}

function approvalOutcome(ctx: Context, stage: Stage, team: Team, approvers: TicketApprovers, e: Effective, now: Date): { state: ApprovalState; reason: string } {
  const { config, ticket, records, memberships } = ctx;
  const d = e.record;
  const name = team.name;
  if (!approvers.groups.some((g) => g.group === d.via)) {
    const why = approvers.problem === undefined ? '' : ` (${approvers.problem})`;
    return { state: 'not-an-approver', reason: `${name}'s approval came through ${d.via}, which no longer acts for ${name}${why}; an approver for ${name} can approve again` };
  }
  if (predatesTeam(config, team, d)) {
    return { state: 'before-team', reason: `${name}'s approval was given before ${name} was added back to the gate; an approver for ${name} must approve again` };
  }
  if (isReporterBarred(config.policies, d.by, ticket.reporterAccountId)) {
    return { state: 'reporter', reason: `${name} was approved by the ticket's reporter, which does not count; another approver for ${name} must approve` };
  }
  const firstTeam = config.policies.onePersonOneTeam ? ctx.firstTeams.get(d.by) : undefined;
  if (firstTeam !== undefined && firstTeam !== team.key) {
    return { state: 'other-team', reason: `${name}'s approval does not count: the same person already approved for ${teamName(config, firstTeam)}` };
  }
  if (d.headMoved !== undefined && isStaleForHead(d.source, d.headMoved.headSha)) {
    return { state: 'stale', reason: `${name}'s approval was for ${givenOn(d.source) ?? 'an earlier commit'}, which has new commits since; an approver for ${name} must approve again` };
  }
  const recorded = config.policies.separationOfDuties ? recordedCoveredBy(config, records, team.key, d.by) : [];
  if (recorded.length > 0) {
    return { state: 'recorder', reason: `${name}'s approval by ${d.by} does not count: they recorded ${recorded.join(', ')}, which ${name} signs off; another approver for ${name} must approve` };
  }
  const coverage = coverageOutcome(ctx, team, d);
  if (coverage !== undefined) return coverage;
  const current = memberships !== undefined && Object.hasOwn(memberships, d.by) ? memberships[d.by] : undefined;
  const groups = approvers.groups.map((g) => g.group);
  if (config.policies.recheckMembershipAtTransition && current !== undefined && !groups.some((g) => current.includes(g))) {
    return { state: 'left-group', reason: `${name}'s approval by ${d.by} no longer counts: ${d.by} is not in ${groups.join(' or ')} any more; an approver for ${name} can approve again` };
  }
  if (stage.approvalLifetimeDays !== undefined && isAfter(now, expiryOf(d.at, stage.approvalLifetimeDays))) {
    return { state: 'expired', reason: `${name}'s approval expired: approvals count for ${stage.approvalLifetimeDays} days at ${stage.name}` };
  }
  const carried = e.carriedFrom === undefined ? '' : ` at ${config.stages.find((s) => s.key === e.carriedFrom)?.name ?? e.carriedFrom}`;
  const legacy = e.legacy ? ', before approvals were per stage' : '';
  return { state: 'counts', reason: `${name} approved ${ago(d.at, now)}${carried}${legacy}` };
}

/**
 * A team's approval on a linked ticket counts under this ticket's rules, except for a team that signs off this ticket's
 * numbers, answers it reviews or release, which an approval on another ticket cannot cover, or answers it agrees to that
 * this stage needs. An answer it only agrees to for a later stage does not stand in the way (every go-live team agrees
 * to the go-live signal, and may still agree to promote to prod on a related ticket); model v1 had no agreement, so
 * migrated configurations are judged as before.
 */
function linkedOutcome(ctx: Context, stage: Stage, team: Team, approvers: TicketApprovers, e: Effective, now: Date): { state: ApprovalState; reason: string } {
  const name = team.name;
  const issueKey = e.linkedIssue ?? '';
  const keys = coveredKeys(ctx.config, team.key);
  const answersHere = ctx.config.items.some((item) => item.reviewedBy === team.key || (agreesTo(ctx.config, item, team.key) && item.requiredFor.includes(stage.key)));
  if (keys.numbers.length > 0 || answersHere || coversReleaseV2(ctx.config, team.key)) {
    return { state: 'linked-coverage', reason: `${name} approved on ${issueKey}, but it signs off this ticket's numbers, answers or release, which that approval does not cover; an approver for ${name} must approve here` };
  }
  const outcome = approvalOutcome(ctx, stage, team, approvers, e, now);
  if (outcome.state === 'counts') return { state: 'counts', reason: `${name} approved on ${issueKey} ${ago(e.record.at, now)}` };
  return { state: outcome.state, reason: `${name}'s approval on ${issueKey} does not count here: ${outcome.reason}` };
}

/** The linked ticket's approval, when it stands in for the team here: no decision here, or one revoked before it. */
function linkedStandIn(linked: LinkedApproval | undefined, effective: readonly Effective[], stage: Stage): Effective | undefined {
  if (linked === undefined) return undefined;
  const standsIn = effective.every((e) => e.record.decision === 'revoked' && e.record.at < linked.decision.at);
  return standsIn ? { record: linked.decision, propertyKey: '', legacy: false, stage: stage.key, linkedIssue: linked.issueKey } : undefined;
}

/** A trusted waiver of the target in force at the stage, or the reason it is not. */
function waiverAt(records: RecordSetV2, target: WaiverTarget, stage: Stage, now: Date): { waiver?: WaiverRecord; expiresAt?: Date; expired?: boolean } {
  const key = waiverProperty(target);
  const waiver = records.waivers.find((w) => waiverProperty(w.target) === key && w.status === 'waived');
  if (waiver === undefined) return {};
  if (stage.waiverLifetimeDays === undefined) return { waiver };
  const expiresAt = expiryOf(waiver.at, stage.waiverLifetimeDays);
  return isAfter(now, expiresAt) ? { waiver, expiresAt, expired: true } : { waiver, expiresAt };
}

function waiverText(waiver: WaiverRecord, now: Date): string {
  return `waived by ${waiver.by} ${ago(waiver.at, now)}: ${waiver.reason.trim()}`;
}

/** Whether the team has taken part on the ticket: any decision, trusted or not (an untrusted one fails closed). */
function hasTakenPart(records: RecordSetV2, team: Team): boolean {
  return (
    records.decisions.some((d) => d.team === team.key) ||
    Object.hasOwn(records.legacy, team.key) ||
    records.unverified.some((u) => (u.what === 'decision' || u.what === 'legacy-decision') && u.team === team.key)
  );
}

function applicabilityOf(ctx: Context, stage: Stage, team: Team, now: Date): Applicability {
  const { config, ticket, records } = ctx;
  const applies = team.applies;
  let base: Applicability;
  if (applies.when === 'always') base = { status: 'required', reason: 'required on every ticket' };
  else if (applies.when === 'condition') {
    const words = describeCondition(config, applies.condition);
    base = conditionHolds(applies.condition, ticket) ? { status: 'required', reason: `required: ${words}` } : { status: 'not-required', reason: `not required on this ticket: required only when ${words}` };
  } else if (applies.condition !== undefined && conditionHolds(applies.condition, ticket)) {
    base = { status: 'required', reason: `required: ${describeCondition(config, applies.condition)}` };
  } else if (hasTakenPart(records, team)) {
    base = { status: 'required', reason: `required: ${team.name} has taken part on this ticket` };
  } else {
    const unless = applies.condition === undefined ? '' : ` or ${describeCondition(config, applies.condition)}`;
    base = { status: 'not-required', reason: `not required on this ticket: ${team.name} takes part only if present (once it decides${unless})` };
  }
  const { waiver, expiresAt, expired } = waiverAt(records, { kind: 'team', key: team.key }, stage, now);
  if (waiver === undefined) return base;
  if (expired === true) return { ...base, reason: `${base.reason}; the waiver by ${waiver.by} expired after ${stage.waiverLifetimeDays ?? 0} days at ${stage.name}` };
  return {
    status: 'waived',
    reason: `${team.name} ${waiverText(waiver, now)}`,
    waiver: { by: waiver.by, at: waiver.at, reason: waiver.reason, ...(expiresAt !== undefined && { expiresAt: expiresAt.toISOString() }) },
  };
}

interface TeamEvaluation {
  readonly verdict: TeamVerdictV2;
  /** Property keys of the records that made the team approved or waived. */
  readonly relied: readonly string[];
  readonly changesAt?: Date | undefined;
}

function evaluateTeamAt(ctx: Context, stage: Stage, entry: StageTeam, team: Team, now: Date): TeamEvaluation {
  const { config, ticket, records } = ctx;
  const name = team.name;
  const needed = neededApprovals(team, entry);
  const approvers = approverGroupsOn(config, team, ticket);
  const inDoubt = records.unverified.filter(
    (u) =>
      u.team === team.key &&
      ((u.what === 'decision' && (u.stage === stage.key || (u.stage !== undefined && stage.carryOver.includes(u.stage)))) || u.what === 'legacy-decision'),
  );
  // A record the app wrote whose property was deleted or changed may hide a decline: other approvals must not outvote
  // it. A property the app never wrote (forged) hides nothing and only stands in for an approval that is missing.
  const hidden = inDoubt.find((u) => u.problem !== 'no-digest');
  const integrity = hidden ?? inDoubt[0];
  const own = effectiveDecisions(records, stage, team);
  // An approval on a linked ticket (issue 15) stands in for none here; never for a decision here the app cannot trust.
  const linked = integrity === undefined ? linkedStandIn(Object.hasOwn(records.linkedApprovals ?? {}, team.key) ? records.linkedApprovals?.[team.key] : undefined, own, stage) : undefined;
  const effective = linked === undefined ? own : [...own, linked];
  const approvals: ApprovalView[] = [];
  const counting: Effective[] = [];
  for (const e of effective) {
    if (e.record.decision !== 'approved') continue;
    const outcome = e.linkedIssue === undefined ? approvalOutcome(ctx, stage, team, approvers, e, now) : linkedOutcome(ctx, stage, team, approvers, e, now);
    if (outcome.state === 'counts') counting.push(e);
    approvals.push({
      by: e.record.by,
      at: e.record.at,
      via: e.record.via,
      stage: e.stage,
      ...(e.carriedFrom !== undefined && { carriedFrom: e.carriedFrom }),
      legacy: e.legacy,
      ...outcome,
      ...(e.record.comment !== undefined && { comment: e.record.comment }),
      ...(e.linkedIssue !== undefined && { linkedIssue: e.linkedIssue }),
    });
  }
  const declines: DeclineView[] = effective
    .filter((e) => e.record.decision === 'declined')
    .map((e) => ({ by: e.record.by, at: e.record.at, legacy: e.legacy, ...(e.record.comment !== undefined && { comment: e.record.comment }) }));
  const have = counting.length;
  const last = effective[effective.length - 1];
  const latest = last?.record;
  const decision = latest && {
    decision: latest.decision,
    by: latest.by,
    at: latest.at,
    ...(latest.comment !== undefined && { comment: latest.comment }),
    ...(latest.source !== undefined && { source: latest.source }),
    ...(last?.linkedIssue !== undefined && { linkedIssue: last.linkedIssue }),
  };
  const applicability = applicabilityOf(ctx, stage, team, now);
  const base = { team: team.key, name, area: team.area, needed, have, approvals, declines, applicability, legacy: counting.some((e) => e.legacy), ...(decision && { decision }) };

  if (applicability.status !== 'required') {
    const waiverKey = applicability.status === 'waived' ? [waiverProperty({ kind: 'team', key: team.key })] : [];
    const expires = applicability.waiver?.expiresAt;
    return {
      verdict: { ...base, state: applicability.status === 'waived' ? 'waived' : 'not-required', reason: applicability.reason },
      relied: waiverKey,
      ...(expires !== undefined && { changesAt: new Date(expires) }),
    };
  }

  const coverageProblem = approvals.find((a) => a.state === 'coverage-unverified');
  const countPrefix = needed > 1 ? `${name} has ${have} of ${needed} approvals; ` : '';
  const firstReason = (state: ApprovalState): string | undefined => approvals.find((a) => a.state === state)?.reason;
  let state: TeamStateV2;
  let reason: string;
  let problem = integrity?.problem;
  let departedApprover: string | undefined;
  const latestDecline = declines[declines.length - 1];
  if (latestDecline !== undefined) {
    state = 'declined';
    const because = latestDecline.comment?.trim();
    reason = because ? `${name} declined: ${because}` : `${name} declined`;
    problem = undefined;
  } else if (hidden === undefined && have >= needed) {
    state = 'approved';
    reason = needed > 1 ? `${name} approved (${have} of ${needed})` : (approvals.find((a) => a.state === 'counts')?.reason ?? `${name} approved`);
    problem = undefined;
  } else if (integrity !== undefined) {
    state = 'unverified';
    // A deleted or changed decision of one approver has a key of its own: nobody else's decision replaces it.
    const who = integrity === hidden && integrity.what === 'decision' && integrity.by !== undefined ? 'the approver who gave it' : `an approver for ${name}`;
    reason = `${countPrefix}${name}'s decision ${describeProblem(integrity.problem)}; ${who} can re-affirm`;
  } else if (coverageProblem !== undefined) {
    state = 'unverified';
    reason = `${countPrefix}${coverageProblem.reason}`;
    problem = (coveredKeys(config, team.key).numbers.length > 0 && ctx.numbersProblem !== undefined ? ctx.numbersProblem : ctx.answersProblem)?.problem;
  } else if (firstReason('stale') !== undefined) {
    state = 'stale';
    reason = `${countPrefix}${firstReason('stale') ?? ''}`;
  } else if (firstReason('expired') !== undefined) {
    state = 'expired';
    reason = `${countPrefix}${firstReason('expired') ?? ''}`;
  } else {
    state = 'pending';
    const notCounting = approvals.find((a) => a.state !== 'counts');
    if (notCounting?.state === 'left-group') departedApprover = notCounting.by;
    const revoked = effective.length > 0 && effective.every((e) => e.record.decision === 'revoked');
    const why = notCounting?.reason ?? (revoked ? `${name} revoked its decision` : undefined);
    reason = needed > 1 ? `${name} has ${have} of ${needed} approvals${why === undefined ? '' : `; ${why}`}` : (why ?? `${name} has not decided yet`);
    if (approvers.problem !== undefined && !reason.includes(approvers.problem)) reason = `${reason}; ${approvers.problem}`;
  }
  // The verdict changes by itself when the first approval that counts runs out.
  const lifetime = stage.approvalLifetimeDays;
  const changesAt = lifetime === undefined || counting.length === 0 ? undefined : new Date(Math.min(...counting.map((e) => expiryOf(e.record.at, lifetime).getTime())));
  return {
    verdict: {
      ...base,
      state,
      reason,
      ...(problem !== undefined && state === 'unverified' && { integrity: problem }),
      ...(departedApprover !== undefined && { departedApprover }),
      ...(approvers.problem !== undefined && state === 'pending' && { approverProblem: approvers.problem }),
    },
    // An approval on a linked ticket rests on that ticket's record, which this ticket's evidence cannot digest.
    relied: state === 'approved' ? counting.filter((e) => e.linkedIssue === undefined).map((e) => e.propertyKey) : [],
    ...(changesAt !== undefined && { changesAt }),
  };
}

function evaluateNumbers(ctx: Context, stage: Stage, now: Date): { verdicts: NumberVerdictV2[]; changesAt: Date[] } {
  const { config, records } = ctx;
  const changesAt: Date[] = [];
  const verdicts = stage.numbers.flatMap((key): NumberVerdictV2[] => {
    const spec = config.numbers.find((n) => n.key === key);
    if (spec === undefined) return [];
    const value = records.numbers?.values[key];
    const recordedBy = records.numbers?.recordedBy?.[key];
    const base = { key, label: spec.label, unit: spec.unit, ...(value !== undefined && { value }), ...(recordedBy !== undefined && { recordedBy }) };
    const { waiver, expiresAt, expired } = waiverAt(records, { kind: 'number', key }, stage, now);
    if (waiver !== undefined && expired !== true) {
      if (expiresAt !== undefined) changesAt.push(expiresAt);
      return [{ ...base, state: 'waived', reason: `${spec.label} ${waiverText(waiver, now)}` }];
    }
    if (ctx.numbersProblem !== undefined) {
      return [{ key, label: spec.label, unit: spec.unit, state: 'unverified', reason: `${spec.label} cannot be trusted: the numbers record ${describeProblem(ctx.numbersProblem.problem)}` }];
    }
    if (value === undefined) return [{ ...base, state: 'missing', reason: `${spec.label} is not recorded` }];
    const problem = numberProblem(spec, value);
    if (problem !== undefined) return [{ ...base, state: 'out-of-range', reason: `${spec.label} ${problem}, not ${value}` }];
    return [{ ...base, state: 'recorded', reason: `${spec.label}: ${`${value} ${spec.unit}`.trim()}` }];
  });
  return { verdicts, changesAt };
}

function evaluateItems(ctx: Context, stage: Stage, now: Date): { verdicts: ItemVerdict[]; changesAt: Date[] } {
  const { records } = ctx;
  const changesAt: Date[] = [];
  const verdicts = itemsFor(ctx.config, stage.key).map((item): ItemVerdict => {
    const value = records.answers?.answers[item.key];
    const answeredBy = records.answers?.answeredBy?.[item.key];
    const base = { key: item.key, section: item.section, kind: item.kind, text: item.text, ...(value !== undefined && { value }), ...(answeredBy !== undefined && { answeredBy }) };
    const { waiver, expiresAt, expired } = waiverAt(records, { kind: 'item', key: item.key }, stage, now);
    if (waiver !== undefined && expired !== true) {
      if (expiresAt !== undefined) changesAt.push(expiresAt);
      return { ...base, state: 'waived', reason: `"${item.text}" ${waiverText(waiver, now)}` };
    }
    if (ctx.answersProblem !== undefined) {
      return { key: item.key, section: item.section, kind: item.kind, text: item.text, state: 'unverified', reason: `The answers record ${describeProblem(ctx.answersProblem.problem)}` };
    }
    const check = checkAnswer(item, value);
    if (check.state === 'invalid') return { ...base, state: 'invalid', reason: `"${item.text}": the answer ${check.problem}` };
    if (check.state === 'unanswered') return { ...base, state: 'unanswered', reason: item.kind === 'checkbox' ? `"${item.text}" is not ticked` : `"${item.text}" is not answered` };
    return { ...base, state: 'answered', reason: item.kind === 'checkbox' ? `"${item.text}" is ticked` : `"${item.text}" is answered` };
  });
  return { verdicts, changesAt };
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The message parts and reasons for items: "2 questions unanswered", "3 checklist items not ticked", "1 answer invalid". */
function itemParts(ctx: Context, items: readonly ItemVerdict[]): { parts: string[]; reasons: string[] } {
  const parts: string[] = [];
  const reasons: string[] = [];
  if (items.some((i) => i.state === 'unverified') && ctx.answersProblem !== undefined) {
    parts.push('answers unverified');
    reasons.push(`The answers record ${describeProblem(ctx.answersProblem.problem)}; answer the questions again`);
  }
  const unanswered = items.filter((i) => i.state === 'unanswered' && i.kind !== 'checkbox');
  const unticked = items.filter((i) => i.state === 'unanswered' && i.kind === 'checkbox');
  const invalid = items.filter((i) => i.state === 'invalid');
  if (unanswered.length > 0) parts.push(`${plural(unanswered.length, 'question', 'questions')} unanswered`);
  if (unticked.length > 0) parts.push(`${plural(unticked.length, 'checklist item', 'checklist items')} not ticked`);
  if (invalid.length > 0) parts.push(`${plural(invalid.length, 'answer', 'answers')} invalid`);
  for (const section of [...new Set([...unanswered, ...unticked].map((i) => i.section))]) {
    const inSection = items.filter((i) => i.section === section);
    const open = [...unanswered, ...unticked].filter((i) => i.section === section);
    const kind = open.every((i) => i.kind === 'checkbox') ? ['item', 'items', 'not ticked'] : ['question', 'questions', 'unanswered'];
    reasons.push(`${section}: ${open.length} of ${plural(inSection.length, kind[0] ?? '', kind[1] ?? '')} ${kind[2] ?? ''}`);
  }
  reasons.push(...invalid.map((i) => i.reason));
  return { parts, reasons };
}

/** A blocking team in the message, with its count where it needs more than one approval and has not declined. */
const teamLabel = (t: TeamVerdictV2): string => {
  const label = t.needed > 1 && t.state !== 'declined' ? `${t.name} (${t.have} of ${t.needed})` : t.name;
  // A team whose approvers come from a field the ticket leaves empty (or names no group with) says so: nobody can act yet.
  return t.approverProblem === undefined ? label : `${label} (${t.approverProblem})`;
};

const BLOCKING_LABELS: readonly (readonly [TeamStateV2, string])[] = [
  ['pending', 'waiting on'],
  ['declined', 'declined by'],
  ['stale', 're-approval needed from'],
  ['expired', 'approval expired for'],
  ['unverified', 'unverified record for'],
];

function evaluateOpenStage(ctx: Context, stage: Stage, now: Date): VerdictV2 {
  const { config, records } = ctx;
  // Teams in the configuration's order, as v1 listed them in the panel and in every message.
  const evaluations = config.teams.flatMap((team) => {
    const entry = stage.teams.find((t) => t.team === team.key);
    return entry === undefined ? [] : [evaluateTeamAt(ctx, stage, entry, team, now)];
  });
  const teams = evaluations.map((e) => e.verdict);
  const numbers = evaluateNumbers(ctx, stage, now);
  const items = evaluateItems(ctx, stage, now);

  const blockingTeams = BLOCKING_LABELS.flatMap(([state]) => teams.filter((t) => t.state === state));
  // A team whose approver left its groups is named with that person, so the transition's message says who.
  const departed = teams.filter((t) => t.departedApprover !== undefined);
  const teamParts: MessagePart[] = [
    ...BLOCKING_LABELS.map(([state, label]) => ({ label, items: teams.filter((t) => t.state === state && !departed.includes(t)).map(teamLabel) })),
    { label: 'approver left', items: departed.map((t) => `${teamLabel(t)} (${t.departedApprover ?? ''})`) },
  ];

  const numberItems: string[] = [];
  const numberReasons: string[] = [];
  if (numbers.verdicts.some((n) => n.state === 'unverified') && ctx.numbersProblem !== undefined) {
    numberItems.push('numbers unverified');
    numberReasons.push(`The numbers record ${describeProblem(ctx.numbersProblem.problem)}; record the numbers again`);
  }
  for (const n of numbers.verdicts) {
    if (n.state === 'missing') numberItems.push(`${lowerFirst(n.label)} not recorded`);
    if (n.state === 'out-of-range') numberItems.push(`${lowerFirst(n.label)} out of range`);
    if (n.state === 'missing' || n.state === 'out-of-range') numberReasons.push(n.reason);
  }
  const itemMessages = itemParts(ctx, items.verdicts);
  // Unless the project allows empty stages (v1's policy), a stage that requires nothing fails closed.
  const requiresNothing = !config.policies.allowEmptyStages && stage.teams.length === 0 && stage.numbers.length === 0 && items.verdicts.length === 0;
  const nothing = requiresNothing ? ['the stage requires nothing'] : [];

  const conditions = stageConditions(stage, ctx.ticket.targetRelease, records, now);
  const { playbookItems, releaseItems, checks } = conditions;

  const missing = [...blockingTeams.map((t) => t.name), ...numberItems, ...itemMessages.parts, ...playbookItems, ...releaseItems, ...nothing];
  const reasons = [
    ...blockingTeams.map((t) => t.reason),
    ...numberReasons,
    ...itemMessages.reasons,
    ...conditions.playbookReasons,
    ...conditions.releaseReasons,
    ...(requiresNothing ? [`${stage.name} requires nothing, so it lets no ticket through; a project admin must add a team, a number or an item`] : []),
  ];
  const satisfied = missing.length === 0;

  const override = Object.hasOwn(records.overrides, stage.key) ? records.overrides[stage.key] : undefined;
  const overrideUnverified = records.unverified.find((u) => u.what === 'override' && u.stage === stage.key);
  const authorGroups = override !== undefined && ctx.memberships !== undefined && Object.hasOwn(ctx.memberships, override.by) ? ctx.memberships[override.by] : undefined;
  const problem = override === undefined ? undefined : overrideProblem(config.policies, override, authorGroups);
  const validOverride = override !== undefined && problem === undefined ? override : undefined;
  if (overrideUnverified !== undefined) reasons.push(`The override of ${stage.name} ${describeProblem(overrideUnverified.problem)} and does not count`);
  else if (override !== undefined && problem !== undefined) reasons.push(`The override of ${stage.name} by ${override.by} does not count: ${problem}`);
  const overridden = !satisfied && validOverride !== undefined;
  if (validOverride !== undefined && overridden) reasons.push(`${stage.name} was overridden by ${validOverride.by}: ${validOverride.justification.trim()}`);

  let message: string;
  if (satisfied) message = `${stage.name}: ready`;
  else if (validOverride !== undefined) message = `${stage.name}: overridden`;
  else message = blockedMessage(stage.name, [...teamParts, ...[...numberItems, ...itemMessages.parts, ...playbookItems, ...releaseItems, ...nothing].map((item) => ({ items: [item] }))]);

  const allowed = satisfied || overridden;
  const coverRelied = (property: string, present: boolean, needed: boolean): string[] => (present && needed ? [property] : []);
  const approvedTeams = teams.filter((t) => t.state === 'approved').map((t) => coveredKeys(config, t.team));
  const waivedKeys = [...numbers.verdicts.filter((n) => n.state === 'waived').map((n) => waiverProperty({ kind: 'number', key: n.key })), ...items.verdicts.filter((i) => i.state === 'waived').map((i) => waiverProperty({ kind: 'item', key: i.key }))];
  const relied = allowed
    ? [
        ...evaluations.flatMap((e) => e.relied),
        ...waivedKeys,
        ...coverRelied(NUMBERS_PROPERTY, records.numbers !== undefined, stage.numbers.length > 0 || approvedTeams.some((k) => k.numbers.length > 0)),
        ...coverRelied(ANSWERS_PROPERTY, records.answers !== undefined, items.verdicts.length > 0 || approvedTeams.some((k) => k.items.length > 0)),
        ...(overridden ? [overrideProperty(stage.key)] : []),
        ...(stage.requirePlaybook === true && records.playbook !== undefined ? [PLAYBOOK_PROPERTY] : []),
        ...(conditions.exception !== undefined && conditions.freeze?.frozen === true ? [exceptionProperty(stage.key)] : []),
        ...checks.filter((c) => c.state === 'passed').map((c) => checkProperty(c.name)),
      ].sort()
    : [];
  // A freeze that has not begun changes the verdict on its deadline.
  const freezeStarts = conditions.freeze === undefined || conditions.freeze.frozen ? [] : [new Date(conditions.freeze.deadline)];
  const times = [...evaluations.flatMap((e) => (e.changesAt === undefined ? [] : [e.changesAt])), ...numbers.changesAt, ...items.changesAt, ...freezeStarts].filter((d) => isAfter(d, now));
  const changesAt = times.length === 0 ? undefined : new Date(Math.min(...times.map((d) => d.getTime()))).toISOString();

  return {
    stage: stage.key,
    stageName: stage.name,
    allowed,
    overridden,
    teams,
    numbers: numbers.verdicts,
    questions: items.verdicts,
    ...(validOverride !== undefined && { override: validOverride }),
    missing,
    reasons,
    message,
    gated: true,
    relied,
    ...(changesAt !== undefined && { changesAt }),
    ...(conditions.freeze !== undefined && { freeze: conditions.freeze }),
    ...(conditions.exception !== undefined && { exception: conditions.exception }),
    ...(checks.length > 0 && { checks }),
  };
}

function evaluateWith(ctx: Context, stage: Stage, now: Date): VerdictV2 {
  const notGated = outOfScope(ctx.config, ctx.ticket);
  if (notGated !== undefined) {
    return { stage: stage.key, stageName: stage.name, allowed: true, overridden: false, teams: [], numbers: [], questions: [], missing: [], reasons: [notGated], message: notGated, gated: false, relied: [] };
  }
  const pass = currentPass(ctx, stage.key);
  if (pass === undefined) return evaluateOpenStage(ctx, stage, now);
  // A passed stage is judged as it stood when it passed: its approvals are frozen, later expiry does not undo it.
  const atPass = evaluateOpenStage(ctx, stage, new Date(pass.at));
  const passed: PassInfo = { at: pass.at, by: pass.by, configVersion: pass.configVersion, overridden: pass.overridden };
  const when = pass.at.slice(0, 10);
  return {
    ...atPass,
    changesAt: undefined,
    allowed: true,
    overridden: pass.overridden,
    missing: [],
    reasons: [passedStageReason(stage.name, pass)],
    message: `${stage.name}: passed on ${when}`,
    passed,
    relied: [passProperty(stage.key), ...Object.keys(pass.relied)].sort(),
  };
}

/**
 * Decides whether the ticket may pass a stage, from trusted records only; the panel shows this verdict and the
 * validator applies it. Throws for a stage key the configuration does not have.
 *
 * @example
 * const verdict = evaluateStageV2(facts, 'go-live', new Date('2026-03-01T10:00:00Z'));
 * verdict.allowed // false
 * verdict.message // 'Go live blocked: waiting on CEE, SRE-P (1 of 2); capacity not recorded'
 */
export function evaluateStageV2(facts: GateFacts, stageKey: string, now: Date): VerdictV2 {
  return evaluateWith(contextOf(facts), stageOf(facts.config, stageKey), now);
}

/**
 * The verdict of every stage, in configuration order.
 *
 * @example
 * evaluateAllV2(facts, now).map((v) => [v.stage, v.allowed]) // [['promote-to-prod', true], ['go-live', false]]
 */
export function evaluateAllV2(facts: GateFacts, now: Date): VerdictV2[] {
  const ctx = contextOf(facts);
  return ctx.config.stages.map((stage) => evaluateWith(ctx, stage, now));
}

/**
 * Whose group membership the validator re-checks before letting a stage pass: everyone whose approval counts at the
 * stage and, when the stage has a valid override, its author: an approval that fails the re-check leaves the stage
 * relying on that override, so its author's groups must be known too.
 *
 * @example
 * approversOfV2(verdict) // ['acc-mt-sre', 'acc-osd-e2e', 'acc-sre-p', 'acc-sre-p2', 'acc-dev-team']
 */
export function approversOfV2(verdict: VerdictV2): string[] {
  const people = verdict.teams.flatMap((team) => team.approvals.filter((a) => a.state === 'counts').map((a) => a.by));
  if (verdict.override !== undefined) people.push(verdict.override.by);
  return [...new Set(people)];
}
