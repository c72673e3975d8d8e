// The reference model of the gate: what the app has acknowledged, what the adversary did to the issue's properties, and
// from that alone whether each stage passes. It shares no rule code with the app (src/gate/evaluate and integrity stay
// out): it is a second, small statement of the rules in the README and issue 10, to hold the app to.
import type { ModelConfig, ModelItem, StageKey, Variant } from './world';
import { modelConfigOf, PEOPLE } from './world';
import type { VariantV2 } from './world-v2';
import { modelConfigV2Of } from './world-v2';

/** Issue property keys: the contract the adversary sees on every ticket. */
export const PROPERTY = {
  team: (team: string): string => `golive-gate.team.${team}`,
  numbers: 'golive-gate.numbers',
  answers: 'golive-gate.answers',
  override: (stage: string): string => `golive-gate.override.${stage}`,
  /** A team marked not applicable on the ticket (gate model v2's waiver). */
  waiver: (team: string): string => `golive-gate.waiver.team.${team}`,
  /** A team, number or item marked not applicable on the ticket (gate model v2's waiver of any target). */
  waiverOf: (target: WaiverTargetModel): string => `golive-gate.waiver.${target.kind}.${target.key}`,
  /** One approver's decision for a team at a stage (gate model v2). */
  decision: (stage: string, team: string, accountId: string): string => `golive-gate.decision.${stage}.${team}.${accountId}`,
  summary: 'golive-gate.summary',
  /** The record that a stage passed: written by the issue-updated trigger after its gated transition went through. */
  pass: (stage: string): string => `golive-gate.pass.${stage}`,
} as const;

/**
 * The statuses a ticket sits in once it has passed each stage (where the stage's gated transition leads), in the
 * workflow's order: a ticket in a status of a stage or of a later one is not before that stage.
 */
export const PASSED_STATUS: Readonly<Record<string, string>> = { 'promote-to-prod': 'In Production', 'go-live': 'Live' };

/** A stage's pass as the app recorded it: whether the verdict it froze relied on an override. */
export interface ModelPass {
  readonly overridden: boolean;
  /** A status change left the ticket before the stage while the pass counted: it counts no more (until the next pass). */
  readonly reopened: boolean;
}


export type DecisionKind = 'approved' | 'declined' | 'revoked';

export interface ModelDecision {
  readonly kind: DecisionKind;
  readonly by: string;
  /** The group through which `by` acted (the first of the team's groups they are in). */
  readonly via: string;
  /** Order of acknowledgement: the earliest approval of a person is the one that counts with one person, one team. */
  readonly seq: number;
  /** What the approval covered when it was given: the numbers the team signs off and the answers it reviews. */
  readonly covers: { readonly numbers?: string | undefined; readonly answers?: string | undefined };
  /** When the app says it was made (observed after the step); tells a re-affirmation that landed from one that did not. */
  readonly at?: string | undefined;
}

export interface ModelOverride {
  readonly by: string;
  readonly via: string;
}

/** One approver's decision for a team at one stage (gate model v2), keyed `<stage>.<team>.<accountId>`. */
export interface StageDecisionModel extends ModelDecision {
  readonly stage: string;
  readonly team: string;
}

/** An answer to an item: text, a link or a chosen option as a string, a tick as a boolean, a number. */
export type ModelAnswer = string | boolean | number;

/** What a waiver marks not applicable: a team, a number or an item. */
export interface WaiverTargetModel {
  readonly kind: 'team' | 'number' | 'item';
  readonly key: string;
}

const waiverId = (target: WaiverTargetModel): string => `${target.kind}.${target.key}`;

/** A standing "not applicable on this ticket" of a target (withdrawn ones are gone), who marked it through which group, and when. */
export interface ModelWaiver extends ModelOverride {
  /** When the app says it was given (observed after the step; until then the step's time): lifetimes run from it. */
  readonly at?: string | undefined;
}

export interface IssueModel {
  readonly key: string;
  readonly id: string;
  readonly reporter: string;
  readonly issueType: string;
  /** The app's own records, as acknowledged (the team's current membership of the configuration only). */
  decisions: Map<string, ModelDecision>;
  numbers: Record<string, number> | undefined;
  answers: Record<string, ModelAnswer> | undefined;
  /** Who gave each answer (gate model v2's answers record; separation of duties). */
  answeredBy: Record<string, string> | undefined;
  /** Gate model v2: each approver's decision per stage and team, as acknowledged. */
  stageDecisions: Map<string, StageDecisionModel>;
  overrides: Map<string, ModelOverride>;
  /** Teams, numbers and items marked not applicable on the ticket, by `<kind>.<key>`. */
  waivers: Map<string, ModelWaiver>;
  /** Property keys whose content is not what the app last wrote there: someone else changed or deleted them. */
  tampered: Set<string>;
  /** Property keys a failed or interrupted write left in a state the app itself reports unverified, until it writes them again. */
  broken: Set<string>;
  /** Property keys of teams the configuration dropped: what they hold no longer counts, whatever the app shows for them. */
  retired: Set<string>;
  /** The canonical JSON of what the app last wrote to each property (null: deleted or never written). */
  appContent: Map<string, string | null>;
  /** What the summary property must say since the app's last write on the issue; undefined when unknown. */
  summary: SummaryExpectation | undefined;
  summaryTampered: boolean;
  /** The site time at which `summary` was judged (the app's write then): lifetimes may have run out since. */
  summaryAt: number;
  /** The ticket's workflow status between steps (the harness moves it only through its own commands). */
  status: string;
  /** The passes the app recorded, by stage (the latest transition's; tampering is in `tampered`). */
  passes: Map<string, ModelPass>;
  /** The ticket's custom field values a team's approvers come from (a select's value), by field id, as Jira holds them. */
  fields: Record<string, string>;
}

export interface SummaryExpectation {
  readonly status: 'blocked' | 'ready' | 'overridden' | 'not-gated';
  readonly overridden: readonly string[];
}

export interface Model {
  /** Who is in which Jira group now (a site admin may change it between steps). */
  groups: Map<string, readonly string[]>;
  variant: Variant | VariantV2;
  config: ModelConfig;
  /** The version of the configuration in force (the latest acknowledged save). */
  version: number;
  issues: IssueModel[];
  seq: number;
  /** The site's time (ms) at which the model judges: lifetimes run out by it. The harness sets it before judging. */
  now: number;
}

export function newIssue(key: string, id: string, reporter: string, issueType = 'Task'): IssueModel {
  return { key, id, reporter, issueType, decisions: new Map(), numbers: undefined, answers: undefined, answeredBy: undefined, stageDecisions: new Map(), overrides: new Map(), waivers: new Map(), tampered: new Set(), broken: new Set(), retired: new Set(), appContent: new Map(), summary: undefined, summaryTampered: false, summaryAt: 0, status: 'In Review', passes: new Map(), fields: {} };
}

/** Whether a property's record cannot be trusted (fail closed: it never counts, and what it covers never counts either). */
export const untrusted = (issue: IssueModel, propertyKey: string): boolean => issue.tampered.has(propertyKey) || issue.broken.has(propertyKey);

/** The demo site's memberships, as every run starts. */
export const initialGroups = (): Map<string, readonly string[]> => new Map(PEOPLE.map((p) => [p.accountId, p.groups]));

const groupsOf = (model: Model, accountId: string): readonly string[] => model.groups.get(accountId) ?? [];

/** Canonical JSON: keys sorted, so equal records compare equal whatever order their keys were written in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The members of `values` with the listed keys (present ones only), as canonical JSON. */
function picked(keys: readonly string[], values: Readonly<Record<string, unknown>> | undefined): string {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (values !== undefined && Object.hasOwn(values, key)) out[key] = values[key];
  return canonical(out);
}

const signedBy = (config: ModelConfig, team: string): string[] => [...config.numbers].filter(([, n]) => n.signedOffBy === team).map(([key]) => key);
const reviewedBy = (config: ModelConfig, team: string): string[] => [...config.questions].filter(([, q]) => q.reviewedBy === team).map(([key]) => key);

/** What an approval given now by `team` covers. */
export function coverageNow(model: Model, issue: IssueModel, team: string): ModelDecision['covers'] {
  const numbers = signedBy(model.config, team);
  const answers = reviewedBy(model.config, team);
  return { ...(numbers.length > 0 && { numbers: picked(numbers, issue.numbers) }), ...(answers.length > 0 && { answers: picked(answers, issue.answers) }) };
}

/**
 * The groups that act for a team on a ticket: its static groups, then those the ticket's field names (gate model v2's
 * approvers from a field), resolved afresh whenever the model judges, so a changed field changes who counts.
 */
export function groupsOn(model: Model, issue: IssueModel, team: string): string[] {
  const spec = model.config.teams.get(team);
  if (!spec) return [];
  const from = spec.fromField;
  const value = from === undefined ? undefined : issue.fields[from.field];
  const named = from === undefined || value === undefined || !Object.hasOwn(from.groups, value) ? [] : (from.groups[value] ?? []);
  return [...new Set([...spec.groups, ...named])];
}

/** The group through which a person acts for a team on the ticket, if any. */
export function viaGroup(model: Model, issue: IssueModel, accountId: string, team: string): string | undefined {
  const groups = groupsOf(model, accountId);
  return groupsOn(model, issue, team).find((g) => groups.includes(g));
}

/** The team of a person's earliest approval that the app holds (one person, one team counts only that one). */
function firstApprovalTeam(issue: IssueModel, accountId: string): string | undefined {
  let first: { team: string; seq: number } | undefined;
  for (const [team, decision] of issue.decisions) {
    if (decision.kind === 'approved' && decision.by === accountId && (first === undefined || decision.seq < first.seq)) first = { team, seq: decision.seq };
  }
  return first?.team;
}

/**
 * Whether a team's approval counts now. Fail closed: a record the model cannot vouch for never counts. Group membership
 * is not a record: whether the approver is still in the team's groups is re-checked at the transition (issue 10, class
 * 7), not in what the records say (the summary), which no group change can update.
 */
export function teamApproved(model: Model, issue: IssueModel, team: string, atTransition: boolean): boolean {
  const { config } = model;
  const spec = config.teams.get(team);
  const decision = issue.decisions.get(team);
  if (!spec || !decision || decision.kind !== 'approved' || untrusted(issue, PROPERTY.team(team))) return false;
  if (!spec.groups.includes(decision.via)) return false;
  if (atTransition && !groupsOf(model, decision.by).some((g) => spec.groups.includes(g))) return false;
  if (!config.reporterMayApprove && decision.by === issue.reporter) return false;
  if (config.onePersonOneTeam && firstApprovalTeam(issue, decision.by) !== team) return false;
  const numbers = signedBy(config, team);
  if (numbers.length > 0 && (untrusted(issue, PROPERTY.numbers) || decision.covers.numbers !== picked(numbers, issue.numbers))) return false;
  const answers = reviewedBy(config, team);
  if (answers.length > 0 && (untrusted(issue, PROPERTY.answers) || decision.covers.answers !== picked(answers, issue.answers))) return false;
  return true;
}

function numberValid(model: Model, key: string, value: number | undefined): boolean {
  const spec = model.config.numbers.get(key);
  if (!spec || value === undefined) return false;
  if (spec.integer && !Number.isInteger(value)) return false;
  return (spec.min === undefined || value >= spec.min) && (spec.max === undefined || value <= spec.max);
}

/** Whether a team is marked not applicable on the ticket by a waiver the app wrote (a waiver's author is not re-checked). */
export const teamWaived = (model: Model, issue: IssueModel, team: string, stage: string): boolean => waived(model, issue, { kind: 'team', key: team }, stage);

const DAY_MS = 86_400_000;

/** Whether a record given at `at` has outlived `days` at the model's time: it counts through the very moment its days end. */
const outlived = (model: Model, at: string | undefined, days: number | undefined): boolean => days !== undefined && at !== undefined && model.now > Date.parse(at) + days * DAY_MS;

/**
 * Whether a team, number or item is marked not applicable at the stage by a waiver the app wrote: ticket-wide, but each
 * stage judges its expiry by its own waiver lifetime.
 */
export function waived(model: Model, issue: IssueModel, target: WaiverTargetModel, stage: string): boolean {
  const waiver = issue.waivers.get(waiverId(target));
  if (waiver === undefined || untrusted(issue, PROPERTY.waiverOf(target))) return false;
  return !outlived(model, waiver.at, model.config.v2?.waiverLifetimeDays.get(stage));
}

/**
 * Whether every requirement of the stage holds (teams, numbers, answers), override aside. A team marked not applicable
 * is not required, at the transition and in the summary alike (both judge by gate model v2's rules).
 */
export function requirementsMet(model: Model, issue: IssueModel, stage: StageKey, atTransition: boolean): boolean {
  const spec = model.config.stages.get(stage);
  if (!spec) return false;
  if (!spec.teams.every((team) => teamWaived(model, issue, team, stage) || teamApproved(model, issue, team, atTransition))) return false;
  if (spec.numbers.length > 0 && untrusted(issue, PROPERTY.numbers)) return false;
  if (!spec.numbers.every((key) => numberValid(model, key, issue.numbers?.[key]))) return false;
  if (spec.questions.length > 0 && untrusted(issue, PROPERTY.answers)) return false;
  return spec.questions.every((key) => String(issue.answers?.[key] ?? '').trim() !== '');
}

/** Whether the stage has an override that counts: written by the app, through an override group (whose member the overrider still is, at the transition). */
export function validOverride(model: Model, issue: IssueModel, stage: StageKey, atTransition: boolean): boolean {
  const override = issue.overrides.get(stage);
  if (!override || untrusted(issue, PROPERTY.override(stage))) return false;
  const groups = model.config.overrideGroups;
  return groups.includes(override.via) && (!atTransition || groupsOf(model, override.by).some((g) => groups.includes(g)));
}

/** Whether the validator must let the stage's transition through. */
export function stagePasses(model: Model, issue: IssueModel, stage: StageKey, atTransition = true): boolean {
  if (!gated(model, issue)) return true;
  return requirementsOf(model, issue, stage, atTransition) || validOverride(model, issue, stage, atTransition);
}

/** The stage's requirements by the rules of the configuration's model (v1: one record per team; v2: per stage and approver). */
function requirementsOf(model: Model, issue: IssueModel, stage: StageKey, atTransition: boolean): boolean {
  return model.config.v2 === undefined ? requirementsMet(model, issue, stage, atTransition) : requirementsMetV2(model, issue, stage, atTransition);
}

/** What the summary must say: the records' verdict of every stage (group memberships are re-checked only at the transition). */
export function summaryOf(model: Model, issue: IssueModel): SummaryExpectation {
  if (!gated(model, issue)) return { status: 'not-gated', overridden: [] };
  const stages = [...model.config.stages.keys()] as StageKey[];
  // A stage that passed stays allowed as it stood at its pass (overridden or not) while the pass counts.
  const overridden = stages.filter((stage) => {
    const pass = currentPassOf(model, issue, stage);
    return pass !== undefined ? pass.overridden : !requirementsOf(model, issue, stage, false) && validOverride(model, issue, stage, false);
  });
  const blocked = stages.some((stage) => currentPassOf(model, issue, stage) === undefined && !stagePasses(model, issue, stage, false));
  return { status: blocked ? 'blocked' : overridden.length > 0 ? 'overridden' : 'ready', overridden };
}

// Passes (issue 13, "Stages pass once") --------------------------------------------------------------------------

/** How far a status says the ticket has come: the index of the last stage it has passed by sitting there, -1 before all. */
function reached(model: Model, status: string): number {
  return [...model.config.stages.keys()].findLastIndex((stage) => PASSED_STATUS[stage] === status);
}

/**
 * The stage's pass if it counts now: the app recorded it, nobody changed or deleted it since (a pass in doubt grants
 * nothing: the stage is judged afresh), the gate applies to the ticket, and the ticket is not back before the stage.
 */
export function currentPassOf(model: Model, issue: IssueModel, stage: string): ModelPass | undefined {
  const pass = issue.passes.get(stage);
  if (pass === undefined || pass.reopened || untrusted(issue, PROPERTY.pass(stage)) || !gated(model, issue)) return undefined;
  const index = [...model.config.stages.keys()].indexOf(stage);
  return index >= 0 && reached(model, issue.status) >= index ? pass : undefined;
}

/** The stages whose pass counts now. */
export const passedStages = (model: Model, issue: IssueModel): string[] => [...model.config.stages.keys()].filter((stage) => currentPassOf(model, issue, stage) !== undefined);

/** The stages that need a team, a number or an item (a v1 question is an item). */
function stagesNeeding(model: Model, target: WaiverTargetModel): string[] {
  return [...model.config.stages]
    .filter(([key, stage]) =>
      target.kind === 'team' ? stage.teams.includes(target.key) : target.kind === 'number' ? stage.numbers.includes(target.key) : model.config.v2 !== undefined ? (model.config.v2.items.get(target.key)?.requiredFor.includes(key) ?? false) : stage.questions.includes(target.key),
    )
    .map(([key]) => key);
}

/**
 * Why a write is read-only because of passed stages, if it is: a decision or grant at a passed stage, or a change of a
 * team, number or item that only passed stages need (what an open stage still needs stays writable).
 */
export function readOnlyBecausePassed(model: Model, issue: IssueModel, stages: readonly string[], targets: readonly WaiverTargetModel[]): string | undefined {
  const passed = passedStages(model, issue);
  const atPassed = stages.find((stage) => passed.includes(stage));
  if (atPassed !== undefined) return `${atPassed} has passed`;
  for (const target of targets) {
    const needing = stagesNeeding(model, target);
    if (needing.length > 0 && needing.every((stage) => passed.includes(stage))) return `only passed stages (${needing.join(', ')}) need the ${target.kind} ${target.key}`;
  }
  return undefined;
}

/**
 * A status change the trigger saw with the ticket in `status`: every pass the app wrote (and nobody changed) of a stage
 * the ticket now sits before is marked reopened, whatever the scope. Answers the property keys it rewrote.
 */
export function applyReopen(model: Model, issue: IssueModel, status: string): string[] {
  const stages = [...model.config.stages.keys()];
  return [...issue.passes].flatMap(([stage, pass]) => {
    if (pass.reopened || untrusted(issue, PROPERTY.pass(stage)) || reached(model, status) >= stages.indexOf(stage)) return [];
    issue.passes.set(stage, { ...pass, reopened: true });
    return [PROPERTY.pass(stage)];
  });
}

/** The gated transition of a stage went through and the trigger recorded its pass: the verdict of the records then. */
export function applyPass(model: Model, issue: IssueModel, stage: StageKey): void {
  issue.passes.set(stage, { overridden: !requirementsOf(model, issue, stage, false) && validOverride(model, issue, stage, false), reopened: false });
  trust(issue, PROPERTY.pass(stage));
}

/** What the app must do with an action: take it, refuse it, or either (both leave the gate as it should be). */
export type Expectation = { readonly verdict: 'accept' | 'refuse' | 'either'; readonly why: string };
const accept = (why: string): Expectation => ({ verdict: 'accept', why });
const refuse = (why: string): Expectation => ({ verdict: 'refuse', why });
const either = (why: string): Expectation => ({ verdict: 'either', why });

export type DecideKind = 'approve' | 'decline' | 'revoke';

export function expectDecide(model: Model, issue: IssueModel, team: string, kind: DecideKind, accountId: string, comment: string | undefined): Expectation {
  if (!model.config.teams.has(team)) return refuse(`the configuration has no team ${team}`);
  if (kind === 'decline' && (comment ?? '').trim() === '') return refuse('a decline needs a reason');
  if (viaGroup(model, issue, accountId, team) === undefined) return refuse(`${accountId} is not in a group of ${team}`);
  if (kind === 'approve') {
    if (!model.config.reporterMayApprove && accountId === issue.reporter) return refuse('the reporter may not approve');
    if (model.config.onePersonOneTeam) {
      const other = [...issue.decisions].find(([key, d]) => key !== team && d.kind === 'approved' && d.by === accountId);
      if (other) return untrusted(issue, PROPERTY.team(other[0])) || issue.retired.has(PROPERTY.team(other[0])) ? either(`${accountId} approved ${other[0]}, whose record is in doubt`) : refuse(`${accountId} already approved ${other[0]}`);
    }
    return accept('a member approves');
  }
  if (kind === 'revoke') {
    const current = issue.decisions.get(team)?.kind;
    if (current === 'approved' || current === 'declined') return accept(`a member revokes a ${current} decision`);
    if (untrusted(issue, PROPERTY.team(team))) return accept('a member revokes whatever the tampered property shows');
    return either('nothing to revoke');
  }
  return accept('a member declines with a reason');
}

/** Who may record numbers and answers: the reporter, members of a team's groups, members of an override group. */
function mayRecord(model: Model, issue: IssueModel, accountId: string): boolean {
  if (accountId === issue.reporter) return true;
  const groups = new Set([...[...model.config.teams.keys()].flatMap((team) => groupsOn(model, issue, team)), ...model.config.overrideGroups]);
  return groupsOf(model, accountId).some((g) => groups.has(g));
}

export function expectNumbers(model: Model, issue: IssueModel, values: Readonly<Record<string, number>>, accountId: string): Expectation {
  for (const [key, value] of Object.entries(values)) if (!numberValid(model, key, value)) return refuse(`${key} = ${value} is not valid`);
  // A ticket outside the gate's scope takes nothing, as items (the fuzzer found the numbers rule missing here, seed 8108).
  if (!gated(model, issue)) return refuse('the gate does not apply to the ticket');
  if (!mayRecord(model, issue, accountId)) return refuse(`${accountId} may not record`);
  return accept('valid numbers by someone who may record');
}

export function expectAnswers(model: Model, issue: IssueModel, answers: Readonly<Record<string, string>>, accountId: string): Expectation {
  for (const key of Object.keys(answers)) if (!model.config.questions.has(key)) return refuse(`no question ${key}`);
  if (!gated(model, issue)) return refuse('the gate does not apply to the ticket');
  if (!mayRecord(model, issue, accountId)) return refuse(`${accountId} may not record`);
  return accept('answers by someone who may record');
}

/**
 * Marking a team, number or item not applicable on the ticket (or withdrawing that): one some stage needs, a reason in
 * words, by a member of the groups of the team concerned (the team itself, the team that signs off the number, that
 * reviews the item) or of an override group, on a ticket the gate applies to; withdrawing needs a standing waiver, or
 * one in doubt to repair.
 */
export function expectWaive(model: Model, issue: IssueModel, target: WaiverTargetModel, withdraw: boolean, reasonValid: boolean, accountId: string): Expectation {
  const what = `${target.kind} ${target.key}`;
  if (!stagesNeed(model, target)) return refuse(`no stage needs the ${what}`);
  if (!gated(model, issue)) return refuse('the gate does not apply to the ticket');
  if (!reasonValid) return refuse('the reason does not say why in words');
  const overrider = groupsOf(model, accountId).some((g) => model.config.overrideGroups.includes(g));
  const team = concernedTeam(model, target);
  if ((team === undefined || viaGroup(model, issue, accountId, team) === undefined) && !overrider) return refuse(`${accountId} acts neither for the team of the ${what} nor through an override group`);
  if (withdraw && !issue.waivers.has(waiverId(target))) return untrusted(issue, PROPERTY.waiverOf(target)) ? accept('withdrawing repairs a waiver in doubt') : refuse(`the ${what} is not marked not applicable`);
  return accept(withdraw ? `the ${what} applies again` : `the ${what} is marked not applicable`);
}

/** Whether some stage needs the team, number or item. */
function stagesNeed(model: Model, target: WaiverTargetModel): boolean {
  const stages = [...model.config.stages.values()];
  if (target.kind === 'team') return stages.some((stage) => stage.teams.includes(target.key));
  if (target.kind === 'number') return stages.some((stage) => stage.numbers.includes(target.key));
  return (model.config.v2?.items.get(target.key)?.requiredFor.length ?? 0) > 0;
}

/** The team whose members may waive the target: the team itself, the team that signs off the number, that reviews the item. */
function concernedTeam(model: Model, target: WaiverTargetModel): string | undefined {
  if (target.kind === 'team') return target.key;
  if (target.kind === 'number') return model.config.numbers.get(target.key)?.signedOffBy;
  return model.config.v2?.items.get(target.key)?.reviewedBy;
}

export function expectOverride(model: Model, stage: StageKey, justificationValid: boolean, accountId: string): Expectation {
  if (!groupsOf(model, accountId).some((g) => model.config.overrideGroups.includes(g))) return refuse(`${accountId} is not in an override group`);
  if (!justificationValid) return refuse('the justification does not say enough');
  return accept(`an overrider forces ${stage}`);
}

export function expectSave(model: Model, variant: Variant | VariantV2, version: number, accountId: string): Expectation {
  if (accountId !== 'acc-admin') return refuse(`${accountId} is not a project admin`);
  if (variant.invalid !== undefined) return refuse(`the configuration is invalid (${variant.invalid})`);
  if (version !== model.version) return refuse(`it edits version ${version}, not ${model.version}`);
  return accept('an admin saves a valid configuration');
}

// Effects of acknowledged actions.

function trust(issue: IssueModel, propertyKey: string): void {
  issue.tampered.delete(propertyKey);
  issue.broken.delete(propertyKey);
  issue.retired.delete(propertyKey);
}

export function applyDecide(model: Model, issue: IssueModel, team: string, kind: DecideKind, accountId: string): void {
  const kinds = { approve: 'approved', decline: 'declined', revoke: 'revoked' } as const;
  const via = viaGroup(model, issue, accountId, team) ?? '';
  issue.decisions.set(team, { kind: kinds[kind], by: accountId, via, seq: ++model.seq, covers: kind === 'approve' ? coverageNow(model, issue, team) : {} });
  trust(issue, PROPERTY.team(team));
}

export function applyNumbers(issue: IssueModel, values: Readonly<Record<string, number>>): void {
  issue.numbers = { ...issue.numbers, ...values };
  trust(issue, PROPERTY.numbers);
}

export function applyAnswers(issue: IssueModel, answers: Readonly<Record<string, string>>): void {
  const next: Record<string, ModelAnswer> = { ...issue.answers };
  for (const [key, text] of Object.entries(answers)) {
    if (text.trim() === '') delete next[key];
    else next[key] = text;
  }
  issue.answers = next;
  trust(issue, PROPERTY.answers);
}

export function applyOverride(model: Model, issue: IssueModel, stage: StageKey, accountId: string): void {
  const via = model.config.overrideGroups.find((g) => groupsOf(model, accountId).includes(g)) ?? '';
  issue.overrides.set(stage, { by: accountId, via });
  trust(issue, PROPERTY.override(stage));
}

export function applyWaive(model: Model, issue: IssueModel, target: WaiverTargetModel, withdraw: boolean, accountId: string): void {
  // Acting for the team concerned comes first; an override group when the person acts for no group of it.
  const team = concernedTeam(model, target);
  const via = (team === undefined ? undefined : viaGroup(model, issue, accountId, team)) ?? model.config.overrideGroups.find((g) => groupsOf(model, accountId).includes(g)) ?? '';
  if (withdraw) issue.waivers.delete(waiverId(target));
  else issue.waivers.set(waiverId(target), { by: accountId, via, at: new Date(model.now).toISOString() });
  trust(issue, PROPERTY.waiverOf(target));
}

/** Someone set a ticket's custom field (null: cleared it), as Jira now holds it. */
export function applyField(issue: IssueModel, field: string, value: string | null): void {
  const fields = { ...issue.fields };
  if (value === null) delete fields[field];
  else fields[field] = value;
  issue.fields = fields;
}

/** A site admin added a person to a group or removed them from it. */
export function applyMembership(model: Model, accountId: string, group: string, member: boolean): void {
  const groups = groupsOf(model, accountId).filter((g) => g !== group);
  model.groups.set(accountId, member ? [...groups, group] : groups);
}

/** An acknowledged save: the configuration in force; teams it drops lose their records for good. */
export function applySave(model: Model, variant: Variant | VariantV2, version: number): void {
  const config = 'generation' in variant ? modelConfigV2Of(variant) : modelConfigOf(variant);
  for (const team of model.config.teams.keys()) {
    if (config.teams.has(team)) continue;
    for (const issue of model.issues) {
      issue.decisions.delete(team);
      issue.broken.delete(PROPERTY.team(team));
      issue.retired.add(PROPERTY.team(team));
      // Gate model v2: the app ignores a dropped team's decisions; added back, the team counts approvals from then on
      // (its old ones predate it), while an old decline or a record in doubt still bears on it.
      for (const d of issue.stageDecisions.values()) if (d.team === team) issue.retired.add(decisionKeyOf(d));
    }
  }
  model.variant = variant;
  model.config = config;
  model.version = version;
}

/** A deep copy: the harness keeps several candidate models while an outcome is in doubt. */
export function cloneModel(model: Model): Model {
  return {
    ...model,
    groups: new Map(model.groups),
    issues: model.issues.map((issue) => ({
      ...issue,
      decisions: new Map(issue.decisions),
      numbers: issue.numbers && { ...issue.numbers },
      answers: issue.answers && { ...issue.answers },
      answeredBy: issue.answeredBy && { ...issue.answeredBy },
      stageDecisions: new Map(issue.stageDecisions),
      overrides: new Map(issue.overrides),
      waivers: new Map(issue.waivers),
      tampered: new Set(issue.tampered),
      broken: new Set(issue.broken),
      retired: new Set(issue.retired),
      appContent: new Map(issue.appContent),
      passes: new Map(issue.passes),
      fields: { ...issue.fields },
    })),
  };
}

/** Identifies a candidate by what the gate depends on, so candidates that agree collapse into one. */
export function fingerprint(model: Model): string {
  return canonical({
    groups: [...model.groups].sort(([a], [b]) => a.localeCompare(b)),
    version: model.version,
    variant: model.variant,
    issues: model.issues.map((issue) => ({
      decisions: [...issue.decisions].sort(([a], [b]) => a.localeCompare(b)),
      numbers: issue.numbers,
      answers: issue.answers,
      answeredBy: issue.answeredBy,
      stageDecisions: [...issue.stageDecisions].sort(([a], [b]) => a.localeCompare(b)),
      overrides: [...issue.overrides].sort(([a], [b]) => a.localeCompare(b)),
      waivers: [...issue.waivers].sort(([a], [b]) => a.localeCompare(b)),
      broken: [...issue.broken].sort(),
      status: issue.status,
      passes: [...issue.passes].sort(([a], [b]) => a.localeCompare(b)),
      fields: issue.fields,
    })),
  });
}

// Gate model v2 ----------------------------------------------------------------------------------------------------
// The rules of docs/design-v2.md as the model reads them: a ticket of a type outside the scope is not gated; a team
// applies always, when the ticket's type matches, or if present (it took part); each approver's decision at a stage is
// their own record there, or else their latest approval at a stage this one carries over; a team passes with as many
// approvals that count as the stage needs and no decline; every record in doubt that could bear on the team blocks it.

/** Whether the gate applies to the ticket (its issue type is in the scope, or the scope names no type). */
export function gated(model: Model, issue: IssueModel): boolean {
  const types = model.config.v2?.issueTypes ?? [];
  return types.length === 0 || types.includes(issue.issueType);
}

const decisionKeyOf = (d: { readonly stage: string; readonly team: string; readonly by: string }): string => PROPERTY.decision(d.stage, d.team, d.by);

/** The team a v2 decision property names (`golive-gate.decision.<stage>.<team>.<accountId>`), and its stage. */
function decisionKeyParts(propertyKey: string): { stage: string; team: string } | undefined {
  const parts = propertyKey.split('.');
  if (parts.length !== 5 || parts[0] !== 'golive-gate' || parts[1] !== 'decision') return undefined;
  return { stage: parts[2] ?? '', team: parts[3] ?? '' };
}

/** Property keys of decisions of the team that are in doubt (changed, deleted, forged or half-written), at the stages given (any when undefined). */
function doubtfulDecisions(issue: IssueModel, team: string, stages: readonly string[] | undefined): string[] {
  return [...issue.tampered, ...issue.broken].filter((key) => {
    const parts = decisionKeyParts(key);
    return parts !== undefined && parts.team === team && (stages === undefined || stages.includes(parts.stage));
  });
}

/** Whether the team applies on the ticket, before any waiver. */
function teamApplies(model: Model, issue: IssueModel, team: string): boolean {
  const applies = model.config.v2?.applies.get(team) ?? { when: 'always' };
  if (applies.when === 'always') return true;
  if (applies.issueTypes.includes(issue.issueType)) return true;
  if (applies.when === 'condition') return false;
  // If present: it took part once any of its approvers decided anything on the ticket (a record in doubt counts too).
  return [...issue.stageDecisions.values()].some((d) => d.team === team) || doubtfulDecisions(issue, team, undefined).length > 0;
}

/** The team of a person's earliest approval the app holds, at any stage. */
function firstApprovalTeamV2(issue: IssueModel, accountId: string): string | undefined {
  let first: StageDecisionModel | undefined;
  for (const d of issue.stageDecisions.values()) if (d.kind === 'approved' && d.by === accountId && (first === undefined || d.seq < first.seq)) first = d;
  return first?.team;
}

/** Each approver's decision that counts at the stage: their own there, else their latest approval at a stage carried over. */
function effectiveAt(model: Model, issue: IssueModel, stage: string, team: string): StageDecisionModel[] {
  const carried = model.config.v2?.carryOver.get(stage) ?? [];
  const byPerson = new Map<string, StageDecisionModel>();
  for (const d of issue.stageDecisions.values()) {
    if (d.team !== team) continue;
    const own = d.stage === stage;
    if (!own && !(carried.includes(d.stage) && d.kind === 'approved')) continue;
    const current = byPerson.get(d.by);
    if (current === undefined || (own && current.stage !== stage) || (!own && current.stage !== stage && d.seq > current.seq)) byPerson.set(d.by, d);
  }
  return [...byPerson.values()];
}

/** Item keys a team reviews, or agrees to (named, or as a team of a stage that needs them): its approval covers their answers. */
const coveredItems = (model: Model, team: string): string[] =>
  [...(model.config.v2?.items ?? [])]
    .filter(
      ([, item]) =>
        item.reviewedBy === team ||
        item.agreedBy?.includes(team) === true ||
        (item.agreedByEveryTeam === true && item.requiredFor.some((stage) => model.config.stages.get(stage)?.teams.includes(team) === true)),
    )
    .map(([key]) => key);

function approvalCountsV2(model: Model, issue: IssueModel, stage: string, team: string, d: StageDecisionModel, atTransition: boolean): boolean {
  const { config } = model;
  // Through a group that acts for the team on the ticket now (a changed field can take it away), re-checked at the transition.
  const groups = groupsOn(model, issue, team);
  if (!groups.includes(d.via) || issue.retired.has(decisionKeyOf(d))) return false;
  // An approval counts at a stage for that stage's lifetime, carried over or not.
  if (outlived(model, d.at, config.v2?.approvalLifetimeDays.get(stage))) return false;
  if (atTransition && !groupsOf(model, d.by).some((g) => groups.includes(g))) return false;
  if (!config.reporterMayApprove && d.by === issue.reporter) return false;
  if (config.onePersonOneTeam && firstApprovalTeamV2(issue, d.by) !== team) return false;
  const items = coveredItems(model, team);
  if (config.v2?.separationOfDuties === true && !untrusted(issue, PROPERTY.answers) && items.some((key) => issue.answeredBy?.[key] === d.by)) return false;
  const numbers = signedBy(config, team);
  if (numbers.length > 0 && (untrusted(issue, PROPERTY.numbers) || d.covers.numbers !== picked(numbers, issue.numbers))) return false;
  if (items.length > 0 && (untrusted(issue, PROPERTY.answers) || d.covers.answers !== picked(items, issue.answers))) return false;
  return true;
}

/** Whether a team passes at the stage (v2): not applicable, waived, or enough approvals that count and no decline or record in doubt. */
export function teamPassesV2(model: Model, issue: IssueModel, stage: string, team: string, atTransition: boolean): boolean {
  if (teamWaived(model, issue, team, stage) || !teamApplies(model, issue, team)) return true;
  // Fail closed: a decision the app wrote for the team here (or at a stage carried over) that someone changed or
  // deleted could be a decline; nothing passes until it is re-affirmed or put back. A property the app never wrote
  // (forged) hides nothing: it just is no approval.
  const written = (key: string): boolean => issue.broken.has(key) || [...issue.stageDecisions.values()].some((d) => decisionKeyOf(d) === key);
  if (doubtfulDecisions(issue, team, [stage, ...(model.config.v2?.carryOver.get(stage) ?? [])]).some(written)) return false;
  const effective = effectiveAt(model, issue, stage, team);
  if (effective.some((d) => d.kind === 'declined')) return false;
  const have = effective.filter((d) => d.kind === 'approved' && approvalCountsV2(model, issue, stage, team, d, atTransition)).length;
  return have >= (model.config.v2?.minApprovals.get(`${stage}.${team}`) ?? 1);
}

function isHttpLink(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Whether an answer meets its item: words, a tick, one of the options, a number within the rules, an http(s) link. */
export function itemAnswered(item: ModelItem, value: ModelAnswer | undefined): boolean {
  if (value === undefined) return false;
  switch (item.kind) {
    case 'checkbox':
      return value === true;
    case 'number':
      return typeof value === 'number' && (!item.integer || Number.isInteger(value)) && (item.min === undefined || value >= item.min) && (item.max === undefined || value <= item.max);
    case 'text':
      return typeof value === 'string' && value.trim() !== '';
    case 'choice':
      return typeof value === 'string' && item.options.includes(value);
    case 'link':
      return typeof value === 'string' && isHttpLink(value);
  }
}

/** Whether a value may be given for an item: of its kind, and (unless it clears the item) meeting it. */
export function answerAcceptable(item: ModelItem, value: ModelAnswer | null): boolean {
  if (value === null) return true;
  if (item.kind === 'checkbox') return typeof value === 'boolean';
  if (item.kind === 'number') return typeof value === 'number' && itemAnswered(item, value);
  return typeof value === 'string' && (value.trim() === '' || itemAnswered(item, value));
}

/** Whether every requirement of the stage holds by v2's rules (teams, numbers, items), override aside. */
export function requirementsMetV2(model: Model, issue: IssueModel, stage: StageKey, atTransition: boolean): boolean {
  const spec = model.config.stages.get(stage);
  const v2 = model.config.v2;
  if (!spec || !v2) return false;
  if (!spec.teams.every((team) => teamPassesV2(model, issue, stage, team, atTransition))) return false;
  // A number or item marked not applicable is not needed, whatever its record says.
  const numbers = spec.numbers.filter((key) => !waived(model, issue, { kind: 'number', key }, stage));
  if (numbers.length > 0 && untrusted(issue, PROPERTY.numbers)) return false;
  if (!numbers.every((key) => numberValid(model, key, issue.numbers?.[key]))) return false;
  const items = [...v2.items].filter(([key, item]) => item.requiredFor.includes(stage) && !waived(model, issue, { kind: 'item', key }, stage));
  if (items.length > 0 && untrusted(issue, PROPERTY.answers)) return false;
  return items.every(([key, item]) => itemAnswered(item, issue.answers?.[key]));
}

/** The stages that require a team, in the configuration's order. */
export const stagesOfTeam = (model: Model, team: string): string[] => [...model.config.stages].filter(([, s]) => s.teams.includes(team)).map(([key]) => key);

/**
 * One approver's decision for a team at the stages named, all judged before anything is written: a stage that does not
 * require the team, a ticket outside the scope, someone not acting for the team, the reporter, an approver of another
 * team, someone who answered an item the team reviews, or a revoke of nothing, refuses the whole decision.
 */
export function expectDecideAt(model: Model, issue: IssueModel, team: string, stages: readonly string[], kind: DecideKind, accountId: string, comment: string | undefined): Expectation {
  if (!model.config.teams.has(team)) return refuse(`the configuration has no team ${team}`);
  const missing = stages.find((stage) => !model.config.stages.get(stage)?.teams.includes(team));
  if (missing !== undefined) return refuse(`${missing} does not require ${team}`);
  if (kind === 'decline' && (comment ?? '').trim() === '') return refuse('a decline needs a reason');
  if (!gated(model, issue)) return refuse('the gate does not apply to the ticket');
  if (viaGroup(model, issue, accountId, team) === undefined) return refuse(`${accountId} is not in a group of ${team}`);
  if (kind === 'approve') {
    if (!model.config.reporterMayApprove && accountId === issue.reporter) return refuse('the reporter may not approve');
    let doubt: string | undefined;
    if (model.config.onePersonOneTeam) {
      const others = [...issue.stageDecisions.values()].filter((d) => d.team !== team && d.kind === 'approved' && d.by === accountId);
      const trusted = others.find((d) => !untrusted(issue, decisionKeyOf(d)));
      if (trusted) return refuse(`${accountId} already approved ${trusted.team}`);
      if (others.length > 0) doubt = `${accountId} approved ${others[0]?.team ?? ''}, whose record is in doubt`;
    }
    const answered = coveredItems(model, team).filter((key) => issue.answeredBy?.[key] === accountId);
    if (model.config.v2?.separationOfDuties === true && answered.length > 0) {
      if (!untrusted(issue, PROPERTY.answers)) return refuse(`${accountId} answered ${answered.join(', ')}, which ${team} reviews or agrees to`);
      doubt ??= `${accountId} answered what ${team} reviews, in answers that are in doubt`;
    }
    return doubt === undefined ? accept('a member approves') : either(doubt);
  }
  if (kind === 'revoke') {
    for (const stage of stages) {
      const key = PROPERTY.decision(stage, team, accountId);
      const own = issue.stageDecisions.get(`${stage}.${team}.${accountId}`);
      if (untrusted(issue, key)) continue;
      if (own === undefined || own.kind === 'revoked') return refuse(`${accountId} has nothing to revoke for ${team} at ${stage}`);
    }
    return accept('a member revokes their own decisions');
  }
  return accept('a member declines with a reason');
}

/** Answers to items: each of its item's kind and meeting it (or clearing it), by someone who may record, on a gated ticket. */
export function expectItems(model: Model, issue: IssueModel, answers: Readonly<Record<string, ModelAnswer | null>>, accountId: string): Expectation {
  const items = model.config.v2?.items;
  for (const [key, value] of Object.entries(answers)) {
    const item = items?.get(key);
    if (!item) return refuse(`no item ${key}`);
    if (!answerAcceptable(item, value)) return refuse(`${JSON.stringify(value)} is no answer to the ${item.kind} item ${key}`);
  }
  if (!gated(model, issue)) return refuse('the gate does not apply to the ticket');
  if (!mayRecord(model, issue, accountId)) return refuse(`${accountId} may not record`);
  return accept('answers by someone who may record');
}

/** The caller's decision at the stages named, written in the configuration's order; `count` of them when a write was cut short. */
export function applyDecideAt(model: Model, issue: IssueModel, team: string, stages: readonly string[], kind: DecideKind, accountId: string, count = stages.length): void {
  const kinds = { approve: 'approved', decline: 'declined', revoke: 'revoked' } as const;
  const via = viaGroup(model, issue, accountId, team) ?? '';
  const items = coveredItems(model, team);
  const numbers = signedBy(model.config, team);
  // An approval covers what the gate trusts now: values in doubt are covered as absent.
  const covers =
    kind === 'approve'
      ? {
          ...(numbers.length > 0 && { numbers: picked(numbers, untrusted(issue, PROPERTY.numbers) ? undefined : issue.numbers) }),
          ...(items.length > 0 && { answers: picked(items, untrusted(issue, PROPERTY.answers) ? undefined : issue.answers) }),
        }
      : {};
  const ordered = [...model.config.stages.keys()].filter((stage) => stages.includes(stage)).slice(0, count);
  for (const stage of ordered) {
    issue.stageDecisions.set(`${stage}.${team}.${accountId}`, { stage, team, kind: kinds[kind], by: accountId, via, seq: ++model.seq, covers, at: new Date(model.now).toISOString() });
    trust(issue, PROPERTY.decision(stage, team, accountId));
  }
}

/** Answers merged into the ones the app wrote last: a named item is answered by the caller, or cleared. */
export function applyItems(issue: IssueModel, answers: Readonly<Record<string, ModelAnswer | null>>, accountId: string): void {
  const next: Record<string, ModelAnswer> = { ...issue.answers };
  const by: Record<string, string> = { ...issue.answeredBy };
  for (const [key, value] of Object.entries(answers)) {
    if (value === null || (typeof value === 'string' && value.trim() === '')) {
      delete next[key];
      delete by[key];
    } else {
      next[key] = value;
      by[key] = accountId;
    }
  }
  issue.answers = next;
  issue.answeredBy = by;
  trust(issue, PROPERTY.answers);
}
