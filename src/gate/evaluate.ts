import { addHours, formatDistanceStrict, isAfter } from 'date-fns';
import type { GateConfig, Question, Stage, Team } from './config';
import { MIN_JUSTIFICATION_LENGTH } from './config';
import { coveredDigests } from './coverage';
import type { RecordSet, RecordWhat, UnverifiedRecord } from './integrity';
import { readRecords } from './integrity';
import { describeProblem } from './integrity-words';
import { numberProblem } from './number-rules';
import { isReporterBarred, justificationProblem } from './policies';
import type { GateSnapshot, OverrideRecord, TeamDecision } from './records';
import type { NumberVerdict, QuestionVerdict, TeamState, TeamVerdict, Verdict } from './verdict';

/** The validator shows the message in a small flag: keep it short. */
export const MAX_MESSAGE_LENGTH = 300;

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

const firstApprovalCache = new WeakMap<RecordSet, { readonly config: GateConfig; readonly teams: ReadonlyMap<string, string> }>();

/** For each person, the team of their earliest approval: with one person, one team, only that approval counts. */
function firstApprovalTeams(config: GateConfig, records: RecordSet): ReadonlyMap<string, string> {
  const cached = firstApprovalCache.get(records);
  if (cached?.config === config) return cached.teams;
  const first = new Map<string, { team: string; at: number }>();
  for (const team of config.teams) {
    const decision = records.decisions[team.key];
    if (decision?.decision !== 'approved') continue;
    const at = new Date(decision.at).getTime();
    const earlier = first.get(decision.by);
    if (earlier === undefined || at < earlier.at) first.set(decision.by, { team: team.key, at });
  }
  const teams = new Map([...first].map(([by, { team }]) => [by, team]));
  firstApprovalCache.set(records, { config, teams });
  return teams;
}

export interface TeamEvaluation {
  readonly config: GateConfig;
  readonly stage: Stage;
  readonly team: Team;
  readonly records: RecordSet;
  readonly reporterAccountId?: string | undefined;
  readonly now: Date;
}

type TeamOutcome = { readonly state: TeamState; readonly reason: string };

function approvalOutcome(input: TeamEvaluation, decision: TeamDecision): TeamOutcome {
  const { config, stage, team, records, reporterAccountId, now } = input;
  const name = team.name;
  if (!team.groups.includes(decision.via)) {
    return { state: 'pending', reason: `${name}'s approval came through ${decision.via}, which no longer acts for ${name}; an approver for ${name} can approve again` };
  }
  if (isReporterBarred(config.policies, decision.by, reporterAccountId)) {
    return { state: 'pending', reason: `${name} was approved by the ticket's reporter, which does not count; another approver for ${name} must approve` };
  }
  if (config.policies.onePersonOneTeam) {
    const firstTeam = firstApprovalTeams(config, records).get(decision.by);
    if (firstTeam !== undefined && firstTeam !== team.key) {
      const firstName = config.teams.find((t) => t.key === firstTeam)?.name ?? firstTeam;
      return { state: 'pending', reason: `${name}'s approval does not count: the same person already approved for ${firstName}` };
    }
  }
  const current = coveredDigests(config, team.key, records.numbers?.values, records.answers?.answers);
  // Untrusted numbers or answers block on their own; staleness is judged only against trusted ones.
  if (current.numbers !== undefined && unverifiedOf(records, 'numbers') === undefined && decision.covers.numbers !== current.numbers) {
    return { state: 'stale', reason: `The numbers changed after ${name} approved; ${name} must approve again` };
  }
  if (current.answers !== undefined && unverifiedOf(records, 'answers') === undefined && decision.covers.answers !== current.answers) {
    return { state: 'stale', reason: `The answers ${name} reviews changed after it approved; ${name} must approve again` };
  }
  if (stage.approvalLifetimeDays !== undefined && isAfter(now, addHours(new Date(decision.at), stage.approvalLifetimeDays * 24))) {
    return { state: 'expired', reason: `${name}'s approval expired: approvals count for ${stage.approvalLifetimeDays} days at ${stage.name}` };
  }
  return { state: 'approved', reason: `${name} approved ${formatDistanceStrict(new Date(decision.at), now, { addSuffix: true })}` };
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
  if (decision === undefined) return { ...base, state: 'pending', reason: `${team.name} has not decided yet` };
  const shown = { decision: decision.decision, by: decision.by, at: decision.at, ...(decision.comment !== undefined && { comment: decision.comment }) };
  if (decision.decision === 'revoked') return { ...base, state: 'pending', decision: shown, reason: `${team.name} revoked its decision` };
  if (decision.decision === 'declined') {
    const because = decision.comment?.trim();
    return { ...base, state: 'declined', decision: shown, reason: because ? `${team.name} declined: ${because}` : `${team.name} declined` };
  }
  return { ...base, decision: shown, ...approvalOutcome(input, decision) };
}

/**
 * A label as it reads inside a sentence: "Capacity" -> "capacity", "OSD e2e" stays.
 *
 * @example
 * lowerFirst('Capacity') // 'capacity'
 */
export const lowerFirst = (label: string): string => (/^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label);

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

/** Why a trusted override does not count, or undefined when it does. */
function overrideProblem(config: GateConfig, override: OverrideRecord): string | undefined {
  if (!config.policies.overrideGroups.includes(override.via)) return `${override.via} is not an override group`;
  if (justificationProblem(override.justification) !== undefined) return `its justification is shorter than ${MIN_JUSTIFICATION_LENGTH} characters`;
  return undefined;
}

/** A message part: a label followed by names ("waiting on CEE, OCM PM"), or a phrase on its own ("capacity not recorded"). */
export interface MessagePart {
  readonly label?: string;
  readonly items: readonly string[];
}

/** Team states that block a stage, in the order the message names them. */
const BLOCKING_STATES: readonly (readonly [TeamState, string])[] = [
  ['pending', 'waiting on'],
  ['declined', 'declined by'],
  ['stale', 're-approval needed from'],
  ['expired', 'approval expired for'],
  ['unverified', 'unverified record for'],
];

function renderParts(parts: readonly MessagePart[], keep: number): string {
  const rendered: string[] = [];
  let left = keep;
  for (const part of parts) {
    const items = part.items.slice(0, Math.max(0, left));
    left -= items.length;
    if (items.length === 0) continue;
    rendered.push(part.label === undefined ? items.join('; ') : `${part.label} ${items.join(', ')}`);
  }
  return rendered.join('; ');
}

/**
 * "<Stage> blocked: …", naming as much as fits in MAX_MESSAGE_LENGTH and counting the rest.
 *
 * @example
 * blockedMessage('Go live', [{ label: 'waiting on', items: ['CEE'] }, { items: ['capacity not recorded'] }])
 * // 'Go live blocked: waiting on CEE; capacity not recorded'
 */
export function blockedMessage(stageName: string, parts: readonly MessagePart[]): string {
  const total = parts.reduce((sum, part) => sum + part.items.length, 0);
  const prefix = `${stageName} blocked: `;
  for (let keep = total; keep > 0; keep--) {
    const message = prefix + renderParts(parts, keep) + (keep < total ? ` … and ${total - keep} more` : '');
    if (message.length <= MAX_MESSAGE_LENGTH) return message;
  }
  return `${prefix}${total} requirements not met`;
}

function evaluateWith(config: GateConfig, stage: Stage, snapshot: GateSnapshot, records: RecordSet, now: Date): Verdict {
  const requiredTeams = config.teams.filter((t) => stage.requiredTeams.includes(t.key));
  const teams = requiredTeams.map((team) => evaluateTeam({ config, stage, team, records, reporterAccountId: snapshot.issue.reporterAccountId, now }));
  const numbers = evaluateNumbers(config, stage, records);
  const questions = evaluateQuestions(config, stage, records);

  const inState = (state: TeamState): TeamVerdict[] => teams.filter((t) => t.state === state);
  const teamParts: MessagePart[] = BLOCKING_STATES.map(([state, label]) => ({ label, items: inState(state).map((t) => t.name) }));
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

  const missing = [...blockingTeams.map((t) => t.name), ...numberItems, ...questionItems];
  const reasons = [...blockingTeams.map((t) => t.reason), ...numberReasons, ...questionReasons];
  const satisfied = missing.length === 0;

  const override = records.overrides[stage.key];
  const overrideUnverified = unverifiedOf(records, 'override', stage.key);
  const problem = override === undefined ? undefined : overrideProblem(config, override);
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
  else message = blockedMessage(stage.name, [...teamParts, ...[...numberItems, ...questionItems].map((item) => ({ items: [item] }))]);

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
  };
}

/**
 * Decides whether the issue may pass a stage, from trusted records only. The panel shows this verdict and the
 * validator applies it. Throws an Error for a stage key the configuration does not have.
 * Pass `records` when you already have `readRecords(config, snapshot)`, to verify the records only once.
 *
 * @example
 * const verdict = evaluateStage(config, 'go-live', snapshot, new Date('2026-03-01T10:00:00Z'));
 * verdict.allowed // false
 * verdict.message // 'Go live blocked: waiting on CEE, OCM PM; declined by SRE-P; capacity not recorded'
 */
export function evaluateStage(config: GateConfig, stageKey: string, snapshot: GateSnapshot, now: Date, records: RecordSet = readRecords(config, snapshot)): Verdict {
  const stage = stageOf(config, stageKey);
  return evaluateWith(config, stage, snapshot, records, now);
}

/**
 * The verdict of every stage, in configuration order. `records` as for evaluateStage.
 *
 * @example
 * evaluateAll(config, snapshot, now).map((v) => [v.stage, v.allowed]) // [['promote-to-prod', true], ['go-live', false]]
 */
export function evaluateAll(config: GateConfig, snapshot: GateSnapshot, now: Date, records: RecordSet = readRecords(config, snapshot)): Verdict[] {
  return config.stages.map((stage) => evaluateWith(config, stage, snapshot, records, now));
}
