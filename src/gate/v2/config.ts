import { z } from 'zod/mini';
import type { FieldError, ParseResult } from '../config';
import { LinkedApprovalsSchema, ShadowGraduationSchema, STAGE_SETTINGS_SHAPE } from '../config';
import { UserMappingsSchema } from '../provider-users';
import { AREAS, LIMITS } from '../constants';
import { hasVisibleLetter } from './visible-text';
import { lazySchema } from '../lazy-schema';

/**
 * The gate configuration of one project, model v2 (`schemaVersion: 2`): teams whose approvers may come from a ticket
 * field and who may apply to some tickets only, stages with N-of-M approvals and explicit carry-over, items of a kind
 * (text, checkbox, choice, number, link) instead of free-text questions, and which tickets are gated at all.
 */

/** Keys name teams, stages, numbers and items in property keys and JQL: keep them short and plain. */
export const KeySchema = lazySchema(() => z.string().check(z.regex(/^[a-z][a-z0-9-]{0,39}$/, 'use 1 to 40 lowercase letters, digits or dashes, starting with a letter')));

const visibleLetters = 'must contain letters, not only spaces, punctuation or invisible characters';
const NameSchema = lazySchema(() => z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(80, 'is at most 80 characters'), z.refine(hasVisibleLetter, visibleLetters)));
const GroupNameSchema = lazySchema(() => z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(255, 'is at most 255 characters'), z.refine(hasVisibleLetter, visibleLetters)));
const CustomFieldIdSchema = lazySchema(() => z.string().check(z.regex(/^customfield_\d{1,10}$/, 'use a custom field id such as customfield_10070')));

export const V2_LIMITS = {
  ...LIMITS,
  items: LIMITS.questions,
  groupsPerTeam: 20,
  fieldValues: 200,
  conditionTests: 20,
  choiceOptions: 20,
  minApprovals: 20,
  scopeEntries: 50,
  waiverReasonLength: 2000,
} as const;

/** Ticket fields a condition can test: labels, components, the issue type, or a custom field. */
export const ConditionFieldSchema = lazySchema(() => z.union([z.enum(['labels', 'components', 'issuetype']), CustomFieldIdSchema]));
export type ConditionField = z.infer<typeof ConditionFieldSchema>;

export const ConditionTestSchema = lazySchema(() => z.union([
  z.strictObject({ field: ConditionFieldSchema, is: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(255)) }),
  z.strictObject({ field: ConditionFieldSchema, isSet: z.literal(true) }),
]));
export type ConditionTest = z.infer<typeof ConditionTestSchema>;

/** Holds when any of its tests holds: `labels is layered-sre`, `customfield_10070 is set`. */
export const ConditionSchema = lazySchema(() => z.strictObject({
  anyOf: z.array(ConditionTestSchema).check(z.minLength(1, 'name at least one test'), z.maxLength(V2_LIMITS.conditionTests)),
}));
export type Condition = z.infer<typeof ConditionSchema>;

/** When a team must agree on a ticket. */
export const AppliesSchema = lazySchema(() => z.discriminatedUnion('when', [
  z.strictObject({ when: z.literal('always') }),
  /** Required only on tickets where the condition holds. */
  z.strictObject({ when: z.literal('condition'), condition: ConditionSchema }),
  /** Optional unless present: required where the condition holds or once the team has decided on the ticket. */
  z.strictObject({ when: z.literal('if-present'), condition: z.optional(ConditionSchema) }),
]));
export type Applies = z.infer<typeof AppliesSchema>;

export const APPROVER_FIELD_KINDS = ['group-picker', 'select', 'component'] as const;

/**
 * Approvers resolved per ticket from a field: a group picker names the group itself; a select option or a component
 * maps to groups. For a group picker the map, when given, lists the groups the field may name (others act for nobody).
 */
export const ApproversFromSchema = lazySchema(() => z.strictObject({
  field: z.union([z.literal('components'), CustomFieldIdSchema]),
  kind: z.enum(APPROVER_FIELD_KINDS),
  groups: z.optional(z.record(z.string().check(z.trim(), z.minLength(1), z.maxLength(255)), z.array(GroupNameSchema).check(z.minLength(1, 'name at least one group'), z.maxLength(V2_LIMITS.groupsPerTeam)))),
}));
export type ApproversFrom = z.infer<typeof ApproversFromSchema>;

export const TeamSchema = lazySchema(() => z.strictObject({
  key: KeySchema,
  name: NameSchema,
  area: z.enum(AREAS),
  description: z._default(z.string().check(z.maxLength(1000)), ''),
  /** Jira groups whose members act for the team on every ticket; may be empty when approvers come from a field. */
  groups: z._default(z.array(GroupNameSchema).check(z.maxLength(V2_LIMITS.groupsPerTeam)), []),
  approversFrom: z.optional(ApproversFromSchema),
  applies: z._default(AppliesSchema, { when: 'always' }),
  /** How many distinct approvers must agree, unless a stage asks for more. */
  minApprovals: z._default(z.number().check(z.int(), z.gte(1), z.lte(V2_LIMITS.minApprovals)), 1),
  /** The configuration version that (re-)added the team: its approvals count from it (issue 10; kept by the app on save). */
  since: z.optional(z.number().check(z.int(), z.gte(0))),
  /** Jira groups of the team's shadows, whose reviews never count for the gate (issue 17). */
  shadowGroups: z.optional(z.array(GroupNameSchema).check(z.maxLength(V2_LIMITS.groupsPerTeam))),
}));
export type Team = z.infer<typeof TeamSchema>;

export const StageTeamSchema = lazySchema(() => z.strictObject({
  team: KeySchema,
  /** Raises the team's own minimum at this stage ("2 of 4" in the panel). */
  minApprovals: z.optional(z.number().check(z.int(), z.gte(1), z.lte(V2_LIMITS.minApprovals))),
}));
export type StageTeam = z.infer<typeof StageTeamSchema>;

export const StageSchema = lazySchema(() => z.strictObject({
  key: KeySchema,
  name: NameSchema,
  description: z._default(z.string().check(z.maxLength(2000)), ''),
  teams: z._default(z.array(StageTeamSchema).check(z.maxLength(LIMITS.teams)), []),
  numbers: z._default(z.array(KeySchema).check(z.maxLength(LIMITS.numbers)), []),
  /** Earlier stages whose approvals also count here; none by default, so every stage is approved on its own. */
  carryOver: z._default(z.array(KeySchema).check(z.maxLength(LIMITS.stages)), []),
  /** Approvals older than this many days no longer count for the stage. */
  approvalLifetimeDays: z.optional(z.number().check(z.int(), z.gte(1), z.lte(3650))),
  /** "Not applicable" waivers older than this many days no longer count for the stage. */
  waiverLifetimeDays: z.optional(z.number().check(z.int(), z.gte(1), z.lte(3650))),
  // Model v1's stage settings of issues 15 to 18, with the same meaning (src/gate/config.ts).
  ...STAGE_SETTINGS_SHAPE,
}));
export type Stage = z.infer<typeof StageSchema>;

export const NumberSpecSchema = lazySchema(() => z.strictObject({
  key: KeySchema,
  label: NameSchema,
  description: z._default(z.string().check(z.maxLength(1000)), ''),
  unit: z._default(z.string().check(z.maxLength(40)), ''),
  integer: z._default(z.boolean(), true),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  /** The team whose approval covers this number: changing the number makes only that team's approval stale. */
  signedOffBy: KeySchema,
}));
export type NumberSpec = z.infer<typeof NumberSpecSchema>;

export const ITEM_KINDS = ['text', 'checkbox', 'choice', 'number', 'link'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** A question or checklist entry: free text, a box that must be ticked, one of some options, a number, or an http(s) link. */
export const ItemSchema = lazySchema(() => z.strictObject({
  key: KeySchema,
  section: NameSchema,
  text: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(1000), z.refine(hasVisibleLetter, visibleLetters)),
  kind: z._default(z.enum(ITEM_KINDS), 'text'),
  /** For a choice: the options, in the order shown. */
  options: z.optional(z.array(z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(200), z.refine(hasVisibleLetter, visibleLetters))).check(z.maxLength(V2_LIMITS.choiceOptions))),
  /** For a number. */
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  unit: z.optional(z.string().check(z.maxLength(40))),
  integer: z.optional(z.boolean()),
  /** Stages that need the item answered (or ticked). */
  requiredFor: z._default(z.array(KeySchema).check(z.maxLength(LIMITS.stages)), []),
  /** The team whose approval covers the answer: changing it makes only that team's approval stale. */
  reviewedBy: z.optional(KeySchema),
  /**
   * Other teams that agree to the answer (Red Hat: Managed Tenants SRE and OSD e2e both sign off that the platform is not
   * compromised): their approvals cover it too, so a changed answer makes theirs stale as well as the reviewer's.
   */
  agreedBy: z.optional(z.array(KeySchema).check(z.maxLength(LIMITS.teams))),
  /**
   * Every team required at a stage that needs the item agrees to its answer (Red Hat's "go-live signal every team agrees
   * to"): each of their approvals covers it, so a changed answer makes all of them stale, not only the reviewer's.
   */
  agreedByEveryTeam: z.optional(z.boolean()),
}));
export type Item = z.infer<typeof ItemSchema>;

export const PoliciesSchema = lazySchema(() => z.strictObject({
  reporterMayApprove: z._default(z.boolean(), false),
  onePersonOneTeam: z._default(z.boolean(), true),
  overrideGroups: z._default(z.array(GroupNameSchema).check(z.maxLength(V2_LIMITS.groupsPerTeam)), []),
  /** The person who recorded a number or an answer cannot be the approver who signs it off for the covering team. */
  separationOfDuties: z._default(z.boolean(), true),
  /** At the transition, an approval counts only while its approver is still in the group it came through. */
  recheckMembershipAtTransition: z._default(z.boolean(), true),
  /** A stage may require nothing (and so pass every ticket). Off by default: such a stage is refused on save. */
  allowEmptyStages: z._default(z.boolean(), false),
  /** A team removed from the configuration and added back keeps the approvals given before. Off by default. */
  reAddedTeamsKeepApprovals: z._default(z.boolean(), false),
}));
export type Policies = z.infer<typeof PoliciesSchema>;
export const DEFAULT_POLICIES: Policies = PoliciesSchema.parse({});

/** Which tickets the gate applies to: issue types by name (none named: every type) and labels (any of; none: no condition). */
export const ScopeSchema = lazySchema(() => z.strictObject({
  issueTypes: z._default(z.array(NameSchema).check(z.maxLength(V2_LIMITS.scopeEntries)), []),
  labels: z._default(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(255), z.regex(/^\S+$/, 'a Jira label has no spaces'))).check(z.maxLength(V2_LIMITS.scopeEntries)), []),
}));
export type Scope = z.infer<typeof ScopeSchema>;

const GateConfigV2Shape = lazySchema(() => z.strictObject({
  schemaVersion: z.literal(2),
  /** Increases by one on every save; a save names the version it edited so concurrent saves cannot overwrite each other. */
  version: z._default(z.number().check(z.int(), z.gte(0)), 0),
  template: z.optional(z.string().check(z.maxLength(80))),
  scope: z._default(ScopeSchema, { issueTypes: [], labels: [] }),
  /** Display names of the custom fields the configuration uses, for sentences ("Owning SIG is sig-node"). */
  fieldNames: z._default(z.record(CustomFieldIdSchema, NameSchema), {}),
  teams: z.array(TeamSchema).check(z.minLength(1, 'add at least one team'), z.maxLength(LIMITS.teams)),
  stages: z.array(StageSchema).check(z.minLength(1, 'add at least one stage'), z.maxLength(LIMITS.stages)),
  numbers: z._default(z.array(NumberSpecSchema).check(z.maxLength(LIMITS.numbers)), []),
  items: z._default(z.array(ItemSchema).check(z.maxLength(V2_LIMITS.items)), []),
  policies: z._default(PoliciesSchema, DEFAULT_POLICIES),
  /** Stage keys workflow validators may still name after the stages changed, each with the stage it now stands for. */
  stageAliases: z.optional(z.record(KeySchema, KeySchema)),
  /** Who is who on GitLab and GitHub (issue 15). */
  providerUsers: z.optional(UserMappingsSchema),
  linkedApprovals: z.optional(LinkedApprovalsSchema),
  /** Graduation criteria of the shadow program (issue 17). */
  shadowGraduation: z.optional(ShadowGraduationSchema),
}));

/** The parts of a configuration that refer to each other, read leniently so a broken import still gets them checked. */
const lenientList = <T extends z.ZodMiniType>(item: T) => z.catch(z.array(z.catch(z.optional(item), undefined)), []);
const lenientStrings = lazySchema(() => z.catch(z.array(z.string()), []));
const lenientNumber = lazySchema(() => z.catch(z.optional(z.number()), undefined));
const CrossReferencesSchema = lazySchema(() => z.catch(z.object({
    teams: lenientList(
      z.object({
        key: z.string(),
        name: z.catch(z.string(), ''),
        groups: lenientStrings,
        minApprovals: z._default(z.catch(z.number(), 1), 1),
        approversFrom: z.catch(z.optional(z.object({ field: z.string(), kind: z.string(), groups: z.catch(z.optional(z.record(z.string(), z.unknown())), undefined) })), undefined),
      }),
    ),
    stages: lenientList(
      z.object({
        key: z.string(),
        name: z.catch(z.string(), ''),
        teams: lenientList(z.object({ team: z.string(), minApprovals: lenientNumber })),
        numbers: lenientStrings,
        carryOver: lenientStrings,
        requirePlaybook: z.catch(z.optional(z.boolean()), undefined),
        requiredChecks: z.catch(z.optional(z.array(z.string())), undefined),
        reminders: z.catch(z.optional(z.object({ remindAfterHours: z.number(), escalateAfterHours: z.number() })), undefined),
      }),
    ),
    numbers: lenientList(z.object({ key: z.string(), label: z.catch(z.string(), ''), signedOffBy: z.string(), min: lenientNumber, max: lenientNumber })),
    items: lenientList(
      z.object({
        key: z.string(),
        kind: z._default(z.catch(z.string(), 'text'), 'text'),
        options: z.catch(z.optional(z.array(z.string())), undefined),
        min: lenientNumber,
        max: lenientNumber,
        unit: z.catch(z.optional(z.string()), undefined),
        integer: z.catch(z.optional(z.boolean()), undefined),
        requiredFor: lenientStrings,
        reviewedBy: z.catch(z.optional(z.string()), undefined),
        agreedBy: lenientStrings,
        agreedByEveryTeam: z.catch(z.optional(z.boolean()), undefined),
      }),
    ),
    policies: z._default(z.catch(z.object({ allowEmptyStages: z._default(z.catch(z.boolean(), false), false) }), { allowEmptyStages: false }), { allowEmptyStages: false }),
    stageAliases: z.catch(z.optional(z.record(z.string(), z.string())), undefined),
  }), { teams: [], stages: [], numbers: [], items: [], policies: { allowEmptyStages: false } }));
type CrossReferences = z.output<typeof CrossReferencesSchema>;

function repeatedKeys(keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const key of keys) (seen.has(key) ? repeated : seen).add(key);
  return repeated;
}

const quoted = (text: string): string => `"${text}"`;

/** Every broken cross reference, each naming the team, stage, number or item in words. */
function crossReferenceErrors(config: CrossReferences): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: readonly (string | number)[], message: string): void => {
    errors.push({ path: path.join('.'), message });
  };
  const present = <T>(list: readonly (T | undefined)[]): T[] => list.filter((x): x is T => x !== undefined);
  const teams = new Map(present(config.teams).map((t) => [t.key, t]));
  const stageOrder = present(config.stages).map((s) => s.key);
  const numberKeys = new Set(present(config.numbers).map((n) => n.key));
  const teamName = (key: string): string => teams.get(key)?.name || key;
  const stageName = (s: { key: string; name: string }): string => `Stage ${quoted(s.name || s.key)}`;

  const unique = <T extends { readonly key: string }>(list: readonly (T | undefined)[], path: string, what: string, label: (item: T) => string): void => {
    const repeated = repeatedKeys(present(list).map((item) => item.key));
    list.forEach((item, index) => {
      if (item && repeated.has(item.key)) add([path, index, 'key'], `${label(item)}: another ${what} already uses the key ${quoted(item.key)}`);
    });
  };
  unique(config.teams, 'teams', 'team', (t) => `Team ${quoted(t.name || t.key)}`);
  unique(config.stages, 'stages', 'stage', stageName);
  unique(config.numbers, 'numbers', 'number', (n) => `Number ${quoted(n.label || n.key)}`);
  unique(config.items, 'items', 'item', (i) => `Item ${quoted(i.key)}`);

  config.teams.forEach((team, t) => {
    if (team === undefined) return;
    const subject = `Team ${quoted(team.name || team.key)}`;
    const from = team.approversFrom;
    if (team.groups.length === 0 && from === undefined) {
      add(['teams', t, 'groups'], `${subject}: name at least one Jira group whose members may act for the team, or take its approvers from a ticket field`);
    }
    if (from === undefined) return;
    if ((from.kind === 'component') !== (from.field === 'components')) {
      add(['teams', t, 'approversFrom', 'kind'], `${subject}: approvers from components need the kind "component", and the kind "component" needs the field "components"`);
    }
    const mapped = Object.keys(from.groups ?? {}).length;
    if (from.kind !== 'group-picker' && mapped === 0) {
      add(['teams', t, 'approversFrom', 'groups'], `${subject}: say which groups act for each value of the field`);
    }
    if (mapped > V2_LIMITS.fieldValues) add(['teams', t, 'approversFrom', 'groups'], `${subject}: map at most ${V2_LIMITS.fieldValues} field values to groups`);
  });

  config.stages.forEach((stage, s) => {
    if (stage === undefined) return;
    const subject = stageName(stage);
    const repeated = repeatedKeys(present(stage.teams).map((st) => st.team));
    stage.teams.forEach((entry, i) => {
      if (entry === undefined) return;
      const team = teams.get(entry.team);
      if (team === undefined) add(['stages', s, 'teams', i, 'team'], `${subject} requires the team ${quoted(entry.team)}, which does not exist`);
      else if (repeated.has(entry.team)) add(['stages', s, 'teams', i, 'team'], `${subject} names ${teamName(entry.team)} more than once`);
      else if (entry.minApprovals !== undefined && entry.minApprovals < team.minApprovals) {
        add(
          ['stages', s, 'teams', i, 'minApprovals'],
          `${subject} asks ${teamName(entry.team)} for ${entry.minApprovals} of its approvers, fewer than the team's minimum of ${team.minApprovals}; a stage may only raise it`,
        );
      }
    });
    stage.numbers.forEach((number, i) => {
      if (!numberKeys.has(number)) add(['stages', s, 'numbers', i], `${subject} requires the number ${quoted(number)}, which does not exist`);
    });
    stage.carryOver.forEach((earlier, i) => {
      const position = stageOrder.indexOf(earlier);
      if (earlier === stage.key) add(['stages', s, 'carryOver', i], `${subject} cannot carry over its own approvals`);
      else if (position < 0) add(['stages', s, 'carryOver', i], `${subject} carries over approvals of the stage ${quoted(earlier)}, which does not exist`);
      else if (position > s) add(['stages', s, 'carryOver', i], `${subject} carries over approvals of ${quoted(earlier)}, which comes after it; only earlier stages can carry over`);
    });
    const items = present(config.items).filter((item) => item.requiredFor.includes(stage.key));
    if (!config.policies.allowEmptyStages && stage.teams.length === 0 && stage.numbers.length === 0 && items.length === 0 && stage.requirePlaybook !== true && (stage.requiredChecks ?? []).length === 0) {
      add(['stages', s], `${subject} requires nothing: add a team, a number or an item, or remove the stage (a stage that requires nothing would let every ticket through)`);
    }
    const reminders = stage.reminders;
    if (reminders !== undefined && reminders.remindAfterHours > 0 && reminders.escalateAfterHours > 0 && reminders.escalateAfterHours <= reminders.remindAfterHours) {
      add(['stages', s, 'reminders', 'escalateAfterHours'], `${subject}: escalate later than the reminder (or set 0 to turn escalation off)`);
    }
  });

  config.numbers.forEach((number, n) => {
    if (number === undefined) return;
    const subject = `Number ${quoted(number.label || number.key)}`;
    if (!teams.has(number.signedOffBy)) add(['numbers', n, 'signedOffBy'], `${subject} is signed off by the team ${quoted(number.signedOffBy)}, which does not exist`);
    if (number.min !== undefined && number.max !== undefined && number.min > number.max) add(['numbers', n, 'max'], `${subject}: the maximum must not be below the minimum`);
  });

  config.items.forEach((item, i) => {
    if (item === undefined) return;
    const subject = `Item ${quoted(item.key)}`;
    item.requiredFor.forEach((stage, r) => {
      if (!stageOrder.includes(stage)) add(['items', i, 'requiredFor', r], `${subject} is required for the stage ${quoted(stage)}, which does not exist`);
    });
    if (item.reviewedBy !== undefined && !teams.has(item.reviewedBy)) add(['items', i, 'reviewedBy'], `${subject} is reviewed by the team ${quoted(item.reviewedBy)}, which does not exist`);
    item.agreedBy.forEach((team, t) => {
      if (!teams.has(team)) add(['items', i, 'agreedBy', t], `${subject} is agreed by the team ${quoted(team)}, which does not exist`);
    });
    if (item.agreedByEveryTeam === true && item.requiredFor.length === 0) add(['items', i, 'agreedByEveryTeam'], `${subject} is to be agreed by every team of the stages that need it, but no stage needs it`);
    if (item.kind === 'choice') {
      const options = item.options ?? [];
      if (options.length < 2) add(['items', i, 'options'], `${subject} is a choice: give it at least two options`);
      if (repeatedKeys(options).size > 0) add(['items', i, 'options'], `${subject} offers the same option twice`);
    } else if (item.options !== undefined) {
      add(['items', i, 'options'], `${subject} is a ${item.kind} item: only a choice has options`);
    }
    if (item.kind !== 'number' && (item.min !== undefined || item.max !== undefined || item.unit !== undefined || item.integer !== undefined)) {
      add(['items', i, 'kind'], `${subject} is a ${item.kind} item: only a number item has a minimum, maximum, unit or whole-number rule`);
    }
    if (item.min !== undefined && item.max !== undefined && item.min > item.max) add(['items', i, 'max'], `${subject}: the maximum must not be below the minimum`);
  });

  for (const [alias, stage] of Object.entries(config.stageAliases ?? {})) {
    if (!stageOrder.includes(stage)) add(['stageAliases', alias], `Validators naming ${quoted(alias)} are sent to the stage ${quoted(stage)}, which does not exist`);
    if (stageOrder.includes(alias)) add(['stageAliases', alias], `${quoted(alias)} is a stage of its own, so it cannot stand for another`);
  }
  return errors;
}

/**
 * The words for the thing a path points into, from the input as written: `teams.3.name` -> 'Team "CEE"'.
 */
function subjectOf(input: unknown, path: readonly PropertyKey[]): string | undefined {
  const [collection, index] = path;
  if (typeof collection !== 'string' || typeof index !== 'number' || input === null || typeof input !== 'object') return undefined;
  const list = (input as Record<string, unknown>)[collection];
  const entry: unknown = Array.isArray(list) ? list[index] : undefined;
  const field = (name: string): string | undefined => {
    const value = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' && hasVisibleLetter(value) ? value.trim() : undefined;
  };
  const ordinal = `#${index + 1}`;
  switch (collection) {
    case 'teams':
      return `Team ${quoted(field('name') ?? field('key') ?? ordinal)}`;
    case 'stages':
      return `Stage ${quoted(field('name') ?? field('key') ?? ordinal)}`;
    case 'numbers':
      return `Number ${quoted(field('label') ?? field('key') ?? ordinal)}`;
    case 'items':
      return `Item ${quoted(field('key') ?? ordinal)}`;
    default:
      return undefined;
  }
}

/** Zod's issues as field errors whose message names the team, stage, number or item they concern. */
function shapeErrors(input: unknown, error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(root)';
    const subject = subjectOf(input, issue.path);
    const field = issue.path.slice(2).map(String).join('.');
    const what = subject === undefined ? issue.message : `${subject}: ${field === '' ? '' : `${field} `}${issue.message}`;
    return { path, message: what };
  });
}

/** The v2 configuration, with every cross reference checked. */
export const GateConfigV2Schema = lazySchema(() => GateConfigV2Shape.check(z.superRefine((config, ctx) => {
  for (const error of crossReferenceErrors(CrossReferencesSchema.parse(config))) {
    ctx.addIssue({ code: 'custom', path: error.path.split('.'), message: error.message });
  }
})));
export type GateConfigV2 = z.output<typeof GateConfigV2Schema>;
export type GateConfigV2Input = z.input<typeof GateConfigV2Schema>;

/**
 * Validates an untrusted v2 configuration (a save, an import, a template) and lists every problem at once, shape
 * errors and broken cross references together, each naming the team, stage, number or item in words.
 *
 * @example
 * const parsed = parseGateConfigV2(JSON.parse(file));
 * if (!parsed.ok) console.log(parsed.errors);
 * // [{ path: 'stages.1.teams.2.team', message: 'Stage "Go live" requires the team "ocm-pm", which does not exist' }]
 */
export function parseGateConfigV2(input: unknown): ParseResult<GateConfigV2> {
  const shape = GateConfigV2Shape.safeParse(input);
  if (!shape.success) return { ok: false, errors: [...shapeErrors(input, shape.error), ...crossReferenceErrors(CrossReferencesSchema.parse(input))] };
  const errors = crossReferenceErrors(CrossReferencesSchema.parse(shape.data));
  return errors.length === 0 ? { ok: true, value: shape.data } : { ok: false, errors };
}

/**
 * A team's member of a stage, with its effective minimum: the stage's, else the team's own.
 *
 * @example
 * neededApprovals(team, { team: 'sre-p' }) // team.minApprovals, 1 by default
 */
export function neededApprovals(team: Team, entry: StageTeam): number {
  return entry.minApprovals ?? team.minApprovals;
}

/**
 * Items a stage needs answered, in configuration order.
 *
 * @example
 * itemsFor(config, 'alpha').map((i) => i.key) // ['enhancements-issue', 'kep-implementable', ...]
 */
export function itemsFor(config: GateConfigV2, stageKey: string): Item[] {
  return config.items.filter((item) => item.requiredFor.includes(stageKey));
}

/**
 * The stage with the given key, or a clear error naming the stages that exist.
 *
 * @example
 * stageOf(config, 'go-live').name // 'Go live'
 */
export function stageOf(config: GateConfigV2, stageKey: string): Stage {
  const stage = config.stages.find((s) => s.key === stageKey);
  if (stage === undefined) throw new Error(`No stage has the key "${stageKey}"; this gate has the stages ${config.stages.map((s) => quoted(s.key)).join(', ')}`);
  return stage;
}

/**
 * The stage with the most requirements (teams + numbers + items); on a tie the later one. The validator enforces it
 * when its configuration names no stage.
 *
 * @example
 * strictestStage(templateConfigV2('managed-addon')!).key // 'go-live'
 */
export function strictestStage(config: GateConfigV2): Stage {
  const weight = (stage: Stage): number => stage.teams.length + stage.numbers.length + itemsFor(config, stage.key).length;
  return config.stages.reduce((strictest, stage) => (weight(stage) >= weight(strictest) ? stage : strictest));
}
