// The app's actions as the model-based test drives them: what each one sends, what the model expects of it, and what
// it does to a candidate model once the app has (or may have) taken it.
import type { DecideKind, Expectation, Model, ModelAnswer, WaiverTargetModel } from './model';
import {
  applyAnswers,
  applyDecide,
  applyDecideAt,
  applyItems,
  expectDecideAt,
  expectItems,
  applyNumbers,
  applyOverride,
  applySave,
  applyWaive,
  expectAnswers,
  expectDecide,
  expectNumbers,
  expectOverride,
  expectSave,
  expectWaive,
  PROPERTY,
  readOnlyBecausePassed,
} from './model';
import type { StageKey, Variant } from './world';
import { BASE_VARIANT, JUSTIFICATIONS, personByEmail } from './world';
import type { VariantV2 } from './world-v2';
import { BASE_VARIANT_V2 } from './world-v2';

/** Which of the run's two tickets: 0 is reported by the PM, 1 by the SRE-P approver. */
export type Ticket = 0 | 1;

export type Action =
  | { readonly kind: 'decide'; readonly ticket: Ticket; readonly team: string; readonly decision: DecideKind; readonly email: string; readonly comment?: string | undefined }
  | { readonly kind: 'numbers'; readonly ticket: Ticket; readonly values: Readonly<Record<string, number>>; readonly email: string }
  | { readonly kind: 'answers'; readonly ticket: Ticket; readonly answers: Readonly<Record<string, string>>; readonly email: string }
  | { readonly kind: 'override'; readonly ticket: Ticket; readonly stage: StageKey; readonly justification: number; readonly email: string }
  /** A team marked not applicable on the ticket, or (withdraw) required again; the reason is one of JUSTIFICATIONS. */
  | { readonly kind: 'waive'; readonly ticket: Ticket; readonly team: string; readonly withdraw: boolean; readonly reason: number; readonly email: string; readonly target?: WaiverTargetModel | undefined }
  /** Gate model v2: one approver's decision for a team at the stages named (the panel's decide with `stages`). */
  | { readonly kind: 'decideAt'; readonly ticket: Ticket; readonly team: string; readonly stages: readonly string[]; readonly decision: DecideKind; readonly email: string; readonly comment?: string | undefined }
  /** Gate model v2: answers to items of a kind (`answerItems`); null clears one. */
  | { readonly kind: 'items'; readonly ticket: Ticket; readonly answers: Readonly<Record<string, ModelAnswer | null>>; readonly email: string }
  | { readonly kind: 'save'; readonly variant: Variant | VariantV2; readonly email: string };

const TICKET_NAMES = ['A', 'B'] as const;
const who = (email: string): string => email.replace('@example.com', '@');

function variantDiff(variant: Variant | VariantV2): string {
  const base = ('generation' in variant ? BASE_VARIANT_V2 : BASE_VARIANT) as unknown as Record<string, unknown>;
  const changed = Object.entries(variant).filter(([key, value]) => base[key] !== value);
  return changed.length === 0 ? ('generation' in variant ? 'v2 template' : 'template') : changed.map(([key, value]) => (value === true ? key : `${key}=${JSON.stringify(value)}`)).join(', ');
}

/** One line a person can replay by hand on the local site. */
export function describe(action: Action): string {
  switch (action.kind) {
    case 'decide':
      return `${who(action.email)} ${action.decision}s ${action.team} on ${TICKET_NAMES[action.ticket]}${action.comment === undefined ? '' : ` ("${action.comment}")`}`;
    case 'decideAt':
      return `${who(action.email)} ${action.decision}s ${action.team} at ${action.stages.join(' and ')} on ${TICKET_NAMES[action.ticket]}${action.comment === undefined ? '' : ` ("${action.comment}")`}`;
    case 'items':
      return `${who(action.email)} answers items ${JSON.stringify(action.answers)} on ${TICKET_NAMES[action.ticket]}`;
    case 'numbers':
      return `${who(action.email)} records ${JSON.stringify(action.values)} on ${TICKET_NAMES[action.ticket]}`;
    case 'answers':
      return `${who(action.email)} answers ${JSON.stringify(action.answers)} on ${TICKET_NAMES[action.ticket]}`;
    case 'override':
      return `${who(action.email)} overrides ${action.stage} on ${TICKET_NAMES[action.ticket]} with ${JSON.stringify(JUSTIFICATIONS[action.justification]?.text)}`;
    case 'waive':
      return `${who(action.email)} ${action.withdraw ? 'withdraws the waiver of' : 'marks'} ${action.target === undefined ? action.team : `the ${action.target.kind} ${action.target.key}`}${action.withdraw ? '' : ' not applicable'} on ${TICKET_NAMES[action.ticket]} with ${JSON.stringify(JUSTIFICATIONS[action.reason]?.text)}`;
    case 'save':
      return `${who(action.email)} saves the configuration (${variantDiff(action.variant)})`;
  }
}

/** The issue properties an action writes when the app takes it (besides the summary). */
export function writtenKeys(action: Action): string[] {
  switch (action.kind) {
    case 'decide':
      return [PROPERTY.team(action.team)];
    case 'decideAt':
      return action.stages.map((stage) => PROPERTY.decision(stage, action.team, personByEmail(action.email).accountId));
    case 'items':
      return [PROPERTY.answers];
    case 'numbers':
      return [PROPERTY.numbers];
    case 'answers':
      return [PROPERTY.answers];
    case 'override':
      return [PROPERTY.override(action.stage)];
    case 'waive':
      return [PROPERTY.waiverOf(waiverTarget(action))];
    case 'save':
      return [];
  }
}

/** What a waive action marks not applicable: its target, or the team it names. */
const waiverTarget = (action: Extract<Action, { kind: 'waive' }>): WaiverTargetModel => action.target ?? { kind: 'team', key: action.team };

export const ticketOf = (action: Action): Ticket | undefined => (action.kind === 'save' ? undefined : action.ticket);

/** How the model's reason for refusing a write to what only passed stages need begins (counted in the figures). */
export const READ_ONLY = 'it is read-only: ';

/** What the model says the app must do with the action. `version` is the configuration version a save edits. */
export function expectationOf(model: Model, action: Action, version: number): Expectation {
  const accountId = personByEmail(action.email).accountId;
  if (action.kind === 'save') return expectSave(model, action.variant, version, accountId);
  const issue = model.issues[action.ticket];
  if (!issue) throw new Error(`no ticket ${action.ticket}`);
  const readOnly = readOnlyBecausePassed(model, issue, ...passScopeOf(action));
  if (readOnly !== undefined) return { verdict: 'refuse', why: `${READ_ONLY}${readOnly}` };
  switch (action.kind) {
    case 'decide':
      return expectDecide(model, issue, action.team, action.decision, accountId, action.comment);
    case 'decideAt':
      return expectDecideAt(model, issue, action.team, action.stages, action.decision, accountId, action.comment);
    case 'items':
      return expectItems(model, issue, action.answers, accountId);
    case 'numbers':
      return expectNumbers(model, issue, action.values, accountId);
    case 'answers':
      return expectAnswers(model, issue, action.answers, accountId);
    case 'override':
      return expectOverride(model, action.stage, JUSTIFICATIONS[action.justification]?.valid ?? false, accountId);
    case 'waive':
      return expectWaive(model, issue, waiverTarget(action), action.withdraw, JUSTIFICATIONS[action.reason]?.valid ?? false, accountId);
  }
}

/** What an action writes in terms of passes: the stages it decides or grants at, and the teams, numbers, items it changes. */
function passScopeOf(action: Exclude<Action, { kind: 'save' }>): [string[], WaiverTargetModel[]] {
  switch (action.kind) {
    case 'decide':
      return [[], [{ kind: 'team', key: action.team }]];
    case 'decideAt':
      return [[...action.stages], []];
    case 'items':
      return [[], Object.keys(action.answers).map((key) => ({ kind: 'item', key }))];
    case 'numbers':
      return [[], Object.keys(action.values).map((key) => ({ kind: 'number', key }))];
    case 'answers':
      return [[], Object.keys(action.answers).map((key) => ({ kind: 'item', key }))];
    case 'override':
      return [[action.stage], []];
    case 'waive':
      return [[], [waiverTarget(action)]];
  }
}

/**
 * Applies an action the app took to a candidate model (mutating it). `written` limits a decision at several stages to
 * the first ones written (a write cut short by a failure).
 */
export function applyAction(model: Model, action: Action, version: number, written?: number): void {
  const accountId = personByEmail(action.email).accountId;
  if (action.kind === 'save') {
    applySave(model, action.variant, version + 1);
    return;
  }
  const issue = model.issues[action.ticket];
  if (!issue) throw new Error(`no ticket ${action.ticket}`);
  switch (action.kind) {
    case 'decide':
      applyDecide(model, issue, action.team, action.decision, accountId);
      return;
    case 'decideAt':
      applyDecideAt(model, issue, action.team, action.stages, action.decision, accountId, written);
      return;
    case 'items':
      applyItems(issue, action.answers, accountId);
      return;
    case 'numbers':
      applyNumbers(issue, action.values);
      return;
    case 'answers':
      applyAnswers(issue, action.answers);
      return;
    case 'override':
      applyOverride(model, issue, action.stage, accountId);
      return;
    case 'waive':
      applyWaive(model, issue, waiverTarget(action), action.withdraw, accountId);
      return;
  }
}

/** The resolver call of an action: function, payload and context (a save's payload is built from the loaded configuration). */
export function callOf(action: Exclude<Action, { kind: 'save' }>, issueKey: string): { functionKey: string; payload: unknown; context: { issueKey: string } } {
  const context = { issueKey };
  switch (action.kind) {
    case 'decide':
      return { functionKey: 'decide', payload: { team: action.team, decision: action.decision, ...(action.comment !== undefined && { comment: action.comment }) }, context };
    case 'decideAt':
      return { functionKey: 'decide', payload: { team: action.team, decision: action.decision, stages: action.stages, ...(action.comment !== undefined && { comment: action.comment }) }, context };
    case 'items':
      return { functionKey: 'answerItems', payload: { answers: action.answers }, context };
    case 'numbers':
      return { functionKey: 'recordNumbers', payload: { values: action.values }, context };
    case 'answers':
      return { functionKey: 'answerQuestions', payload: { answers: action.answers }, context };
    case 'override':
      return { functionKey: 'override', payload: { stage: action.stage, justification: JUSTIFICATIONS[action.justification]?.text ?? '' }, context };
    case 'waive':
      return { functionKey: action.withdraw ? 'withdrawWaiver' : 'waive', payload: { target: waiverTarget(action), reason: JUSTIFICATIONS[action.reason]?.text ?? '' }, context };
  }
}
