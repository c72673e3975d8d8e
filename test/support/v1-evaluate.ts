// Gate model v1's evaluation, no longer shipped: every verdict the app gives is v2's (src/gate/v2/evaluate.ts), and a
// stored v1 configuration is migrated on read. It stays as the reference the migration is judged against: the parity
// property (src/gate/v2/parity.test.ts) checks v2 judges every v1 configuration and record set exactly as this did,
// and v1's rule tests (freeze, required checks, numbers, target release, linked approvals) run through it.
import { addHours, formatDistanceStrict, isAfter } from 'date-fns';
import type { GateConfig, Question, Stage, Team } from '../../src/gate/config';
import { blockedMessage, lowerFirst } from '../../src/gate/blocked-message';
import type { MessagePart } from '../../src/gate/blocked-message';
import { coveredDigests, coveredNumbers } from '../../src/gate/coverage';
import { givenOn, isStaleForHead } from '../../src/gate/decision-source';
import type { LinkedApproval, RecordSet, RecordWhat, UnverifiedRecord } from '../../src/gate/integrity';
import { predatesTeam, readRecords } from '../../src/gate/integrity';
import { describeCoveredProblem, describeProblem } from '../../src/gate/integrity-words';
import { numberProblem } from '../../src/gate/number-rules';
import { isReporterBarred, overrideProblem } from '../../src/gate/policies';
import type { GateSnapshot, TeamDecision } from '../../src/gate/records';
import type { IntegrityProblem, NumberVerdict, QuestionVerdict, TeamState, TeamVerdict, Verdict } from '../../src/gate/verdict';
import { stageConditions } from '../../src/gate/stage-conditions';
import { coversRelease, releaseKeyOf } from '../../src/gate/target-release';


/**
 * The stage with the given key, or a clear error naming the stages that exist.
 *
 * @example
 * stageOf(config, 'go-live').name // 'Go live'
 */
export function stageOf(config: GateConfig, stageKey: string): Stage {
  const stage = config.stages.find((s) => s.key === stageKey);
  if (stage === undefined) {
    throw new Error(`No stage has the key "${stageKey}"; this gate has the stages ${config.stages.map((s) => `"${s.key}"`).join(', ')}`);
  }
  return stage;
}

/**
 * Questions a stage needs answered, in configuration order.
 *
 * @example
 * questionsFor(templateConfig('kubernetes-prr')!, 'alpha').map((q) => q.section) // six times 'Feature enablement and rollback'
 */
export function questionsFor(config: GateConfig, stageKey: string): Question[] {
  return config.questions.filter((q) => q.requiredFor.includes(stageKey));
}

/**
 * The stage with the most requirements (teams + numbers + questions); on a tie the later one.
 * The validator enforces it when its configuration names no stage.
 *
 * @example
 * strictestStage(templateConfig('managed-addon')!).key // 'go-live'
 */
export function strictestStage(config: GateConfig): Stage {
  const weight = (stage: Stage): number => stage.requiredTeams.length + stage.requiredNumbers.length + questionsFor(config, stage.key).length;
  return config.stages.reduce((strictest, stage) => (weight(stage) >= weight(strictest) ? stage : strictest));
}

function unverifiedOf(records: RecordSet, what: RecordWhat, key?: string): UnverifiedRecord | undefined {
  return records.unverified.find((u) => u.what === what && (key === undefined || u.team === key || u.stage === key));
}

/** Each approver's Jira groups as the validator re-read them at the transition, by account id. */
export type ApproverGroups = ReadonlyMap<string, readonly string[]>;

export interface TeamEvaluation {
  readonly config: GateConfig;
  readonly stage: Stage;
  readonly team: Team;
  readonly records: RecordSet;
  readonly reporterAccountId?: string | undefined;
  readonly now: Date;
  /** When given, an approver must still be in one of the team's groups (the policy `recheckApproversAtTransition`). */
  readonly approverGroups?: ApproverGroups | undefined;
  /** The ticket's target release now (releaseKeyOf its fix versions): what an approval covering the release must name. */
  readonly targetRelease?: string | undefined;
}

type TeamOutcome = { readonly state: TeamState; readonly reason: string; readonly integrity?: IntegrityProblem; readonly departedApprover?: string };

/** Why a covered record (numbers or answers) keeps the team's approval from counting, if it does. */
function coverageOutcome(input: TeamEvaluation, decision: TeamDecision): TeamOutcome | undefined {
  const { config, team, records } = input;
  const name = team.name;
  const current = coveredDigests(config, team.key, coveredNumbers(records.numbers), records.answers?.answers);
  const covered = [
    { what: 'numbers' as const, current: current.numbers, approved: decision.covers.numbers, changed: `The numbers changed after ${name} approved` },
    { what: 'answers' as const, current: current.answers, approved: decision.covers.answers, changed: `The answers ${name} reviews changed after it approved` },
  ];
  for (const part of covered) {
    if (part.current === undefined) continue;
    // An approval is judged against what the app itself wrote: a covered record it cannot vouch for is never approved.
    const untrusted = unverifiedOf(records, part.what);
    if (untrusted !== undefined) {
      const repair = part.what === 'numbers' ? 'record the numbers again' : 'answer the questions again';
      return { state: 'unverified', integrity: untrusted.problem, reason: `${name}'s approval covers the ${part.what}, which ${describeCoveredProblem(untrusted.problem)}; ${repair}` };
    }
    if (part.approved !== part.current) return { state: 'stale', reason: `${part.changed}; ${name} must approve again` };
  }
  if (coversRelease(config, team.key) && decision.covers.release !== (input.targetRelease ?? '')) {
    return { state: 'stale', reason: `The target release changed after ${name} approved; ${name} must approve again` };
  }
  return undefined;
}

function approvalOutcome(input: TeamEvaluation, decision: TeamDecision): TeamOutcome {
  const { config, stage, team, records, reporterAccountId, now, approverGroups } = input;
  const name = team.name;
  if (!team.groups.includes(decision.via)) {
    return { state: 'pending', reason: `${name}'s approval came through ${decision.via}, which no longer acts for ${name}; an approver for ${name} can approve again` };
  }
  if (predatesTeam(config, team, decision)) {
    return { state: 'pending', reason: `${name}'s approval was given before ${name} was added back to the gate; an approver for ${name} must approve again` };
  }
  if (isReporterBarred(config.policies, decision.by, reporterAccountId)) {
    return { state: 'pending', reason: `${name} was approved by the ticket's reporter, which does not count; another approver for ${name} must approve` };
  }
  if (config.policies.onePersonOneTeam) {
    const firstTeam = records.firstApprovals.get(decision.by);
    if (firstTeam !== undefined && firstTeam !== team.key) {
      const firstName = config.teams.find((t) => t.key === firstTeam)?.name ?? firstTeam;
      return { state: 'pending', reason: `${name}'s approval does not count: the same person already approved for ${firstName}` };
    }
  }
  if (decision.headMoved !== undefined && isStaleForHead(decision.source, decision.headMoved.headSha)) {
    return { state: 'stale', reason: `${name}'s approval was for ${givenOn(decision.source) ?? 'an earlier commit'}, which has new commits since; an approver for ${name} must approve again` };
  }
  const coverage = coverageOutcome(input, decision);
  if (coverage !== undefined) return coverage;
  const groupsNow = approverGroups?.get(decision.by);
  if (approverGroups !== undefined && !team.groups.some((g) => groupsNow?.includes(g))) {
    return {
      state: 'pending',
      departedApprover: decision.by,
      reason: `${name}'s approval by ${decision.by} no longer counts: ${decision.by} is not in ${team.groups.join(' or ')} any more; an approver for ${name} can approve again`,
    };
  }
  if (stage.approvalLifetimeDays !== undefined && isAfter(now, addHours(new Date(decision.at), stage.approvalLifetimeDays * 24))) {
    return { state: 'expired', reason: `${name}'s approval expired: approvals count for ${stage.approvalLifetimeDays} days at ${stage.name}` };
  }
  return { state: 'approved', reason: `${name} approved ${formatDistanceStrict(new Date(decision.at), now, { addSuffix: true })}` };
}

/**
 * A team approved on a linked ticket: it counts under this ticket's rules (the approver's group, the reporter, one
 * person one team, the approval's lifetime), except for a team that signs off this ticket's numbers, answers or
 * release, which an approval on another ticket cannot cover.
 */
function linkedApprovalVerdict(input: TeamEvaluation, linked: LinkedApproval): TeamVerdict {
  const { config, team, records, now } = input;
  const { decision, issueKey } = linked;
  const base = { team: team.key, name: team.name, area: team.area };
  const shown = { decision: decision.decision, by: decision.by, at: decision.at, ...(decision.comment !== undefined && { comment: decision.comment }), linkedIssue: issueKey };
  const covered = coveredDigests(config, team.key, coveredNumbers(records.numbers), records.answers?.answers);
  if (covered.numbers !== undefined || covered.answers !== undefined || coversRelease(config, team.key)) {
    return { ...base, state: 'pending', decision: shown, reason: `${team.name} approved on ${issueKey}, but it signs off this ticket's numbers, answers or release, which that approval does not cover; an approver for ${team.name} must approve here` };
  }
  const outcome = approvalOutcome(input, decision);
  if (outcome.state === 'approved') return { ...base, decision: shown, ...outcome, reason: `${team.name} approved on ${issueKey} ${formatDistanceStrict(new Date(decision.at), now, { addSuffix: true })}` };
  return { ...base, decision: shown, ...outcome, reason: `${team.name}'s approval on ${issueKey} does not count here: ${outcome.reason}` };
}

/**
 * One team's state at one stage: approved, declined, pending, stale, expired or unverified, with a short reason.
 *
 * @example
 * evaluateTeam({ config, stage, team, records, reporterAccountId: 'acc-pm', now }).state // 'stale'
 */
export function evaluateTeam(input: TeamEvaluation): TeamVerdict {
  const { team, records } = input;
  const base = { team: team.key, name: team.name, area: team.area };
  const problem = unverifiedOf(records, 'decision', team.key);
  if (problem !== undefined) {
    return {
      ...base,
      state: 'unverified',
      integrity: problem.problem,
      reason: `${team.name}'s decision ${describeProblem(problem.problem)}; an approver for ${team.name} can re-affirm`,
    };
  }
  const decision = records.decisions[team.key];
  const linked = records.linkedApprovals?.[team.key];
  // An approval on a linked ticket (issue 15) stands in for none here, or for one withdrawn here before it was given.
  if (linked !== undefined && (decision === undefined || (decision.decision === 'revoked' && decision.at < linked.decision.at))) return linkedApprovalVerdict(input, linked);
  if (decision === undefined) return { ...base, state: 'pending', reason: `${team.name} has not decided yet` };
  const shown = { decision: decision.decision, by: decision.by, at: decision.at, ...(decision.comment !== undefined && { comment: decision.comment }), ...(decision.source !== undefined && { source: decision.source }) };
  if (decision.decision === 'revoked') return { ...base, state: 'pending', decision: shown, reason: `${team.name} revoked its decision` };
  if (decision.decision === 'declined') {
    const because = decision.comment?.trim();
    return { ...base, state: 'declined', decision: shown, reason: because ? `${team.name} declined: ${because}` : `${team.name} declined` };
  }
  return { ...base, decision: shown, ...approvalOutcome(input, decision) };
}


function evaluateNumbers(config: GateConfig, stage: Stage, records: RecordSet): NumberVerdict[] {
  const unverified = unverifiedOf(records, 'numbers');
  return stage.requiredNumbers.flatMap((key): NumberVerdict[] => {
    const spec = config.numbers.find((n) => n.key === key);
    if (spec === undefined) return [];
    const base = { key, label: spec.label, unit: spec.unit };
    if (unverified !== undefined) {
      return [{ ...base, state: 'unverified', reason: `${spec.label} cannot be trusted: the numbers record ${describeProblem(unverified.problem)}` }];
    }
    const value = records.numbers?.values[key];
    if (value === undefined) return [{ ...base, state: 'missing', reason: `${spec.label} is not recorded` }];
    const problem = numberProblem(spec, value);
    if (problem !== undefined) return [{ ...base, state: 'out-of-range', value, reason: `${spec.label} ${problem}, not ${value}` }];
    return [{ ...base, state: 'recorded', value, reason: `${spec.label}: ${`${value} ${spec.unit}`.trim()}` }];
  });
}

function evaluateQuestions(config: GateConfig, stage: Stage, records: RecordSet): QuestionVerdict[] {
  const unverified = unverifiedOf(records, 'answers') !== undefined;
  return questionsFor(config, stage.key).map((q) => ({
    key: q.key,
    section: q.section,
    state: unverified ? 'unverified' : records.answers?.answers[q.key]?.trim() ? 'answered' : 'unanswered',
  }));
}


/** Team states that block a stage, in the order the message names them. */
const BLOCKING_STATES: readonly (readonly [TeamState, string])[] = [
  ['pending', 'waiting on'],
  ['declined', 'declined by'],
  ['stale', 're-approval needed from'],
  ['expired', 'approval expired for'],
  ['unverified', 'unverified record for'],
];



/** What a caller may pass that it already has. */
export interface EvaluationOptions {
  /** `readRecords(config, snapshot)`, when the caller already verified the records for this request. */
  readonly records?: RecordSet | undefined;
  /** Each approver's groups as re-read at the transition: approvers no longer in their team's groups stop counting. */
  readonly approverGroups?: ApproverGroups | undefined;
}

function evaluateWith(config: GateConfig, stage: Stage, snapshot: GateSnapshot, now: Date, records: RecordSet, approverGroups: ApproverGroups | undefined): Verdict {
  const requiredTeams = config.teams.filter((t) => stage.requiredTeams.includes(t.key));
  const reporterAccountId = snapshot.issue.reporterAccountId;
  const targetRelease = releaseKeyOf(snapshot.issue.targetRelease);
  const teams = requiredTeams.map((team) => evaluateTeam({ config, stage, team, records, reporterAccountId, now, approverGroups, targetRelease }));
  const numbers = evaluateNumbers(config, stage, records);
  const questions = evaluateQuestions(config, stage, records);

  const inState = (state: TeamState): TeamVerdict[] => teams.filter((t) => t.state === state);
  // A team whose approver left its groups is named with that person, so the transition's message says who.
  const departed = teams.filter((t) => t.departedApprover !== undefined);
  const teamParts: MessagePart[] = [
    ...BLOCKING_STATES.map(([state, label]) => ({ label, items: inState(state).filter((t) => !departed.includes(t)).map((t) => t.name) })),
    { label: 'approver left', items: departed.map((t) => `${t.name} (${t.departedApprover ?? ''})`) },
  ];
  const blockingTeams = BLOCKING_STATES.flatMap(([state]) => inState(state));

  const numberItems: string[] = [];
  const numberReasons: string[] = [];
  const numbersRecordProblem = unverifiedOf(records, 'numbers');
  if (numbers.some((n) => n.state === 'unverified') && numbersRecordProblem !== undefined) {
    numberItems.push('numbers unverified');
    numberReasons.push(`The numbers record ${describeProblem(numbersRecordProblem.problem)}; record the numbers again`);
  }
  for (const n of numbers) {
    if (n.state === 'missing') numberItems.push(`${lowerFirst(n.label)} not recorded`);
    if (n.state === 'out-of-range') numberItems.push(`${lowerFirst(n.label)} out of range`);
    if (n.state === 'missing' || n.state === 'out-of-range') numberReasons.push(n.reason);
  }

  const questionItems: string[] = [];
  const questionReasons: string[] = [];
  const answersRecordProblem = unverifiedOf(records, 'answers');
  if (questions.some((q) => q.state === 'unverified') && answersRecordProblem !== undefined) {
    questionItems.push('answers unverified');
    questionReasons.push(`The answers record ${describeProblem(answersRecordProblem.problem)}; answer the questions again`);
  }
  const unanswered = questions.filter((q) => q.state === 'unanswered');
  if (unanswered.length > 0) questionItems.push(`${unanswered.length} ${unanswered.length === 1 ? 'question' : 'questions'} unanswered`);
  const sections = [...new Set(unanswered.map((q) => q.section))];
  for (const section of sections) {
    const inSection = questions.filter((q) => q.section === section);
    const open = unanswered.filter((q) => q.section === section).length;
    questionReasons.push(`${section}: ${open} of ${inSection.length} ${inSection.length === 1 ? 'question' : 'questions'} unanswered`);
  }

  const conditions = stageConditions(stage, snapshot.issue.targetRelease, records, now);
  const { playbookItems, releaseItems, checks } = conditions;
  const missing = [...blockingTeams.map((t) => t.name), ...numberItems, ...questionItems, ...playbookItems, ...releaseItems];
  const reasons = [...blockingTeams.map((t) => t.reason), ...numberReasons, ...questionReasons, ...conditions.playbookReasons, ...conditions.releaseReasons];
  const satisfied = missing.length === 0;

  const override = records.overrides[stage.key];
  const overrideUnverified = unverifiedOf(records, 'override', stage.key);
  const problem = override === undefined ? undefined : overrideProblem(config.policies, override, approverGroups === undefined ? undefined : (approverGroups.get(override.by) ?? []));
  const validOverride = override !== undefined && problem === undefined ? override : undefined;
  if (overrideUnverified !== undefined) {
    reasons.push(`The override of ${stage.name} ${describeProblem(overrideUnverified.problem)} and does not count`);
  } else if (override !== undefined && problem !== undefined) {
    reasons.push(`The override of ${stage.name} by ${override.by} does not count: ${problem}`);
  }
  const overridden = !satisfied && validOverride !== undefined;
  if (validOverride !== undefined && overridden) {
    reasons.push(`${stage.name} was overridden by ${validOverride.by}: ${validOverride.justification.trim()}`);
  }

  let message: string;
  if (satisfied) message = `${stage.name}: ready`;
  // Who overrode and why is in the reasons: the one-line message reads like the others ("Go live: ready").
  else if (validOverride !== undefined) message = `${stage.name}: overridden`;
  else message = blockedMessage(stage.name, [...teamParts, ...[...numberItems, ...questionItems, ...playbookItems, ...releaseItems].map((item) => ({ items: [item] }))]);

  return {
    stage: stage.key,
    stageName: stage.name,
    allowed: satisfied || overridden,
    overridden,
    teams,
    numbers,
    questions,
    ...(validOverride !== undefined && { override: validOverride }),
    missing,
    reasons,
    message,
    ...(conditions.freeze !== undefined && { freeze: conditions.freeze }),
    ...(conditions.exception !== undefined && { exception: conditions.exception }),
    ...(checks.length > 0 && { checks }),
  };
}

/**
 * Decides whether the issue may pass a stage, from trusted records only. The panel shows this verdict and the
 * validator applies it. Throws an Error for a stage key the configuration does not have.
 * Pass `options.records` when you already have `readRecords(config, snapshot)`, to verify the records once per request.
 *
 * @example
 * const verdict = evaluateStage(config, 'go-live', snapshot, new Date('2026-03-01T10:00:00Z'));
 * verdict.allowed // false
 * verdict.message // 'Go live blocked: waiting on CEE, OCM PM; declined by SRE-P; capacity not recorded'
 */
export function evaluateStage(config: GateConfig, stageKey: string, snapshot: GateSnapshot, now: Date, options: EvaluationOptions = {}): Verdict {
  const stage = stageOf(config, stageKey);
  return evaluateWith(config, stage, snapshot, now, options.records ?? readRecords(config, snapshot), options.approverGroups);
}

/**
 * The verdict of every stage, in configuration order. `options` as for evaluateStage.
 *
 * @example
 * evaluateAll(config, snapshot, now).map((v) => [v.stage, v.allowed]) // [['promote-to-prod', true], ['go-live', false]]
 */
export function evaluateAll(config: GateConfig, snapshot: GateSnapshot, now: Date, options: EvaluationOptions = {}): Verdict[] {
  const records = options.records ?? readRecords(config, snapshot);
  return config.stages.map((stage) => evaluateWith(config, stage, snapshot, now, records, options.approverGroups));
}

/**
 * Whose group membership the validator re-checks before letting a stage pass: the approver of every team that counts as
 * approved and, when the stage has a valid override, the person who overrode it: an approval that fails the re-check
 * leaves the stage relying on that override, so its author's groups must be known too.
 *
 * @example
 * approversOf(verdict) // ['acc-mt-sre', 'acc-osd-e2e', 'acc-sre-p', 'acc-dev-team']
 */
export function approversOf(verdict: Verdict): string[] {
  const people = verdict.teams.flatMap((team) => (team.state === 'approved' && team.decision !== undefined ? [team.decision.by] : []));
  if (verdict.override !== undefined) people.push(verdict.override.by);
  return [...new Set(people)];
}
