// The reference model of the gate: what the app has acknowledged, what the adversary did to the issue's properties, and
// from that alone whether each stage passes. It shares no rule code with the app (src/gate/evaluate and integrity stay
// out): it is a second, small statement of the rules in the README and issue 10, to hold the app to.
import type { ModelConfig, StageKey, Variant } from './world';
import { modelConfigOf, PEOPLE } from './world';

/** Issue property keys: the contract the adversary sees on every ticket. */
export const PROPERTY = {
  team: (team: string): string => `golive-gate.team.${team}`,
  numbers: 'golive-gate.numbers',
  answers: 'golive-gate.answers',
  override: (stage: string): string => `golive-gate.override.${stage}`,
  /** A team marked not applicable on the ticket (gate model v2's waiver). */
  waiver: (team: string): string => `golive-gate.waiver.team.${team}`,
  summary: 'golive-gate.summary',
} as const;

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

/** A standing "not applicable on this ticket" of a team (withdrawn ones are gone), and who marked it through which group. */
export type ModelWaiver = ModelOverride;

export interface IssueModel {
  readonly key: string;
  readonly id: string;
  readonly reporter: string;
  /** The app's own records, as acknowledged (the team's current membership of the configuration only). */
  decisions: Map<string, ModelDecision>;
  numbers: Record<string, number> | undefined;
  answers: Record<string, string> | undefined;
  overrides: Map<string, ModelOverride>;
  /** Teams marked not applicable on the ticket, by team key. */
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
}

export interface SummaryExpectation {
  readonly status: 'blocked' | 'ready' | 'overridden';
  readonly overridden: readonly string[];
}

export interface Model {
  /** Who is in which Jira group now (a site admin may change it between steps). */
  groups: Map<string, readonly string[]>;
  variant: Variant;
  config: ModelConfig;
  /** The version of the configuration in force (the latest acknowledged save). */
  version: number;
  issues: IssueModel[];
  seq: number;
}

export function newIssue(key: string, id: string, reporter: string): IssueModel {
  return { key, id, reporter, decisions: new Map(), numbers: undefined, answers: undefined, overrides: new Map(), waivers: new Map(), tampered: new Set(), broken: new Set(), retired: new Set(), appContent: new Map(), summary: undefined, summaryTampered: false };
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

/** The group through which a person acts for a team, if any. */
export function viaGroup(model: Model, accountId: string, team: string): string | undefined {
  const groups = groupsOf(model, accountId);
  return model.config.teams.get(team)?.groups.find((g) => groups.includes(g));
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
export const teamWaived = (issue: IssueModel, team: string): boolean => issue.waivers.has(team) && !untrusted(issue, PROPERTY.waiver(team));

/**
 * Whether every requirement of the stage holds (teams, numbers, answers), override aside. A team marked not applicable
 * is not required, at the transition and in the summary alike (both judge by gate model v2's rules).
 */
export function requirementsMet(model: Model, issue: IssueModel, stage: StageKey, atTransition: boolean): boolean {
  const spec = model.config.stages.get(stage);
  if (!spec) return false;
  if (!spec.teams.every((team) => teamWaived(issue, team) || teamApproved(model, issue, team, atTransition))) return false;
  if (spec.numbers.length > 0 && untrusted(issue, PROPERTY.numbers)) return false;
  if (!spec.numbers.every((key) => numberValid(model, key, issue.numbers?.[key]))) return false;
  if (spec.questions.length > 0 && untrusted(issue, PROPERTY.answers)) return false;
  return spec.questions.every((key) => (issue.answers?.[key]?.trim() ?? '') !== '');
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
  return requirementsMet(model, issue, stage, atTransition) || validOverride(model, issue, stage, atTransition);
}

/** What the summary must say: the records' verdict of every stage (group memberships are re-checked only at the transition). */
export function summaryOf(model: Model, issue: IssueModel): SummaryExpectation {
  const stages = [...model.config.stages.keys()] as StageKey[];
  const overridden = stages.filter((stage) => !requirementsMet(model, issue, stage, false) && validOverride(model, issue, stage, false));
  const blocked = stages.some((stage) => !stagePasses(model, issue, stage, false));
  return { status: blocked ? 'blocked' : overridden.length > 0 ? 'overridden' : 'ready', overridden };
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
  if (viaGroup(model, accountId, team) === undefined) return refuse(`${accountId} is not in a group of ${team}`);
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
  const groups = new Set([...[...model.config.teams.values()].flatMap((t) => t.groups), ...model.config.overrideGroups]);
  return groupsOf(model, accountId).some((g) => groups.has(g));
}

export function expectNumbers(model: Model, issue: IssueModel, values: Readonly<Record<string, number>>, accountId: string): Expectation {
  for (const [key, value] of Object.entries(values)) if (!numberValid(model, key, value)) return refuse(`${key} = ${value} is not valid`);
  if (!mayRecord(model, issue, accountId)) return refuse(`${accountId} may not record`);
  return accept('valid numbers by someone who may record');
}

export function expectAnswers(model: Model, issue: IssueModel, answers: Readonly<Record<string, string>>, accountId: string): Expectation {
  for (const key of Object.keys(answers)) if (!model.config.questions.has(key)) return refuse(`no question ${key}`);
  if (!mayRecord(model, issue, accountId)) return refuse(`${accountId} may not record`);
  return accept('answers by someone who may record');
}

/**
 * Marking a team not applicable on the ticket (or withdrawing that): a team some stage requires, a reason in words, by
 * a member of the team's groups or of an override group; withdrawing needs a standing waiver, or one in doubt to repair.
 */
export function expectWaive(model: Model, issue: IssueModel, team: string, withdraw: boolean, reasonValid: boolean, accountId: string): Expectation {
  if (![...model.config.stages.values()].some((stage) => stage.teams.includes(team))) return refuse(`no stage requires ${team}`);
  if (!reasonValid) return refuse('the reason does not say why in words');
  const overrider = groupsOf(model, accountId).some((g) => model.config.overrideGroups.includes(g));
  if (viaGroup(model, accountId, team) === undefined && !overrider) return refuse(`${accountId} acts neither for ${team} nor through an override group`);
  if (withdraw && !issue.waivers.has(team)) return untrusted(issue, PROPERTY.waiver(team)) ? accept('withdrawing repairs a waiver in doubt') : refuse(`${team} is not marked not applicable`);
  return accept(withdraw ? `${team} applies again` : `${team} is marked not applicable`);
}

export function expectOverride(model: Model, stage: StageKey, justificationValid: boolean, accountId: string): Expectation {
  if (!groupsOf(model, accountId).some((g) => model.config.overrideGroups.includes(g))) return refuse(`${accountId} is not in an override group`);
  if (!justificationValid) return refuse('the justification does not say enough');
  return accept(`an overrider forces ${stage}`);
}

export function expectSave(model: Model, variant: Variant, version: number, accountId: string): Expectation {
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
  const via = viaGroup(model, accountId, team) ?? '';
  issue.decisions.set(team, { kind: kinds[kind], by: accountId, via, seq: ++model.seq, covers: kind === 'approve' ? coverageNow(model, issue, team) : {} });
  trust(issue, PROPERTY.team(team));
}

export function applyNumbers(issue: IssueModel, values: Readonly<Record<string, number>>): void {
  issue.numbers = { ...issue.numbers, ...values };
  trust(issue, PROPERTY.numbers);
}

export function applyAnswers(issue: IssueModel, answers: Readonly<Record<string, string>>): void {
  const next: Record<string, string> = { ...issue.answers };
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

export function applyWaive(model: Model, issue: IssueModel, team: string, withdraw: boolean, accountId: string): void {
  // Acting for the team comes first; an override group when the person acts for no group of the team.
  const via = viaGroup(model, accountId, team) ?? model.config.overrideGroups.find((g) => groupsOf(model, accountId).includes(g)) ?? '';
  if (withdraw) issue.waivers.delete(team);
  else issue.waivers.set(team, { by: accountId, via });
  trust(issue, PROPERTY.waiver(team));
}

/** A site admin added a person to a group or removed them from it. */
export function applyMembership(model: Model, accountId: string, group: string, member: boolean): void {
  const groups = groupsOf(model, accountId).filter((g) => g !== group);
  model.groups.set(accountId, member ? [...groups, group] : groups);
}

/** An acknowledged save: the configuration in force; teams it drops lose their records for good. */
export function applySave(model: Model, variant: Variant, version: number): void {
  const config = modelConfigOf(variant);
  for (const team of model.config.teams.keys()) {
    if (config.teams.has(team)) continue;
    for (const issue of model.issues) {
      issue.decisions.delete(team);
      issue.broken.delete(PROPERTY.team(team));
      issue.retired.add(PROPERTY.team(team));
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
      overrides: new Map(issue.overrides),
      waivers: new Map(issue.waivers),
      tampered: new Set(issue.tampered),
      broken: new Set(issue.broken),
      retired: new Set(issue.retired),
      appContent: new Map(issue.appContent),
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
      overrides: [...issue.overrides].sort(([a], [b]) => a.localeCompare(b)),
      waivers: [...issue.waivers].sort(([a], [b]) => a.localeCompare(b)),
      broken: [...issue.broken].sort(),
    })),
  });
}
