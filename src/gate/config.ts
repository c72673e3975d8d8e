import { z } from 'zod/mini';
import { AREAS, KEY_PATTERN, KEY_RULE, LIMITS } from './constants';
import { UserMappingsSchema } from './provider-users';
import { DEFAULT_STAGE_REMINDERS } from './reminder-defaults';
import { RequiredChecksSchema } from './check-names';
import { hasVisibleLetterOrDigit } from './visible-text';
import { lazySchema } from './lazy-schema';

/** Agreement on a linked ticket (issue 15): the issue link type whose linked tickets' approvals count. */
export const LinkedApprovalsSchema = lazySchema(() => z.strictObject({ linkType: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(255, 'is at most 255 characters')) }));

/** Keys name teams, stages, numbers and questions in property keys and JQL: keep them short and plain. */
const keySchema = lazySchema(() => z.string().check(z.regex(KEY_PATTERN, KEY_RULE)));

const nameSchema = lazySchema(() => z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(80, 'is at most 80 characters')));
const groupNameSchema = lazySchema(() => z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(255, 'is at most 255 characters')));

export { AREAS, AREA_NAMES, KEY_PATTERN, KEY_RULE, LIMITS, MIN_JUSTIFICATION_LETTERS, MIN_JUSTIFICATION_WORDS } from './constants';
export type { Area } from './constants';
export const AreaSchema = lazySchema(() => z.enum(AREAS));

export const TeamSchema = lazySchema(() => z.strictObject({
  key: keySchema,
  name: nameSchema,
  area: AreaSchema,
  /** Jira groups whose members may act for the team. */
  groups: z.array(groupNameSchema).check(z.minLength(1, 'name at least one Jira group whose members may act for the team'), z.maxLength(20)),
  description: z._default(z.string().check(z.maxLength(1000)), ''),
  /**
   * The configuration version from which this team's approvals count: the version that (re-)added it. Kept by the app
   * on every save (whatever a save sends), so a team removed and added back does not revive its old approvals.
   */
  since: z.optional(z.number().check(z.int(), z.gte(0))),
  /**
   * Jira groups of the team's shadows: people learning to review, whose shadow reviews are recorded and shown to the
   * team's approvers but never count for the gate. Optional: a team without has no shadow program.
   */
  shadowGroups: z.optional(z.array(groupNameSchema).check(z.maxLength(20))),
}));
export type Team = z.infer<typeof TeamSchema>;

/**
 * What passing a stage promises: the service assurance `level` (a short word people search for in JQL, such as
 * "reduced" or "full") and the Jira statuses in which a ticket has passed the stage (the status its gated transition
 * leads to, and any later one that does not belong to a later stage).
 */
export const StageAssuranceSchema = lazySchema(() => z.strictObject({
  level: keySchema,
  statuses: z.array(z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(255))).check(z.minLength(1, 'name at least one Jira status in which a ticket has passed the stage'), z.maxLength(20)),
}));
export type StageAssurance = z.infer<typeof StageAssuranceSchema>;
/** Reminders and escalation of one stage (issue 16); see reminder-defaults.ts. */
export const StageRemindersSchema = lazySchema(() => z.strictObject({
  remindAfterHours: z._default(z.number().check(z.int(), z.gte(0), z.lte(8760)), DEFAULT_STAGE_REMINDERS.remindAfterHours),
  repeatEveryDays: z._default(z.number().check(z.int(), z.gte(1), z.lte(365)), DEFAULT_STAGE_REMINDERS.repeatEveryDays),
  escalateAfterHours: z._default(z.number().check(z.int(), z.gte(0), z.lte(8760)), DEFAULT_STAGE_REMINDERS.escalateAfterHours),
  escalationGroups: z._default(z.array(groupNameSchema).check(z.maxLength(20)), []),
  tellReporter: z._default(z.boolean(), DEFAULT_STAGE_REMINDERS.tellReporter),
}));
/** A stage's freeze before the target release (issue 16); see StageSchema.freeze. */
export const StageFreezeSchema = lazySchema(() => z.strictObject({ daysBeforeRelease: z.number().check(z.int(), z.gte(0), z.lte(365)), exceptionGroups: z._default(z.array(groupNameSchema).check(z.maxLength(20)), []) }));
/** When a shadow is ready to become a full reviewer (the bench tab shows who is). */
export const ShadowGraduationSchema = lazySchema(() => z.strictObject({
  /** At least this many shadow reviews... */
  minReviews: z._default(z.number().check(z.int(), z.gte(1), z.lte(1000)), 5),
  /** ...across at least this many different stages... */
  minStages: z._default(z.number().check(z.int(), z.gte(1), z.lte(50)), 2),
  /** ...of which at least this many were seconded by a full reviewer of the team. */
  minSeconded: z._default(z.number().check(z.int(), z.gte(0), z.lte(1000)), 2),
}));
export type ShadowGraduation = z.infer<typeof ShadowGraduationSchema>;
export const DEFAULT_SHADOW_GRADUATION: ShadowGraduation = ShadowGraduationSchema.parse({});

/** A stage's settings of issues 15 to 18, the same in model v1 and v2 (src/gate/v2/config.ts spreads them too). */
export const STAGE_SETTINGS_SHAPE = lazySchema(() => ({
  /** The service assurance a ticket has once it passed this stage; absent: the template's default (service-assurance.ts). */
  assurance: z.optional(StageAssuranceSchema),
  /** The ticket must target a release (Jira fix version); approvals of the stage's teams cover it (issue 16). */
  requiresRelease: z.optional(z.boolean()),
  /**
   * A freeze relative to the target release's date: from `daysBeforeRelease` days before it (00:00 UTC), the stage is
   * refused unless a member of `exceptionGroups` grants an exception with a justification (issue 16).
   */
  freeze: z.optional(StageFreezeSchema),
  /** Reminders and escalation; absent: DEFAULT_STAGE_REMINDERS. */
  reminders: z.optional(StageRemindersSchema),
  /**
   * The Jira status this stage's gated transition leaves from: a ticket moving into it enters the stage's review, and
   * the reviews page measures waits from that moment. Optional; without it waits are estimated from the records.
   */
  fromStatus: z.optional(z.string().check(z.trim(), z.minLength(1, 'is required when set'), z.maxLength(255, 'is at most 255 characters'))),
  /** The stage needs a playbook generated after the last change to the questionnaire answers (seed 003). */
  requirePlaybook: z.optional(z.boolean()),
  /**
   * Checks (a GitLab CI job, a GitHub check run or commit status, such as "osd-e2e") that must have passed for the
   * current head commit of the ticket's merge or pull request (issue 15). Absent: none.
   */
  requiredChecks: z.optional(RequiredChecksSchema),
}));

/** The settings of STAGE_SETTINGS_SHAPE, which stages of model v1 and v2 share. */
export type StageSettings = { readonly [K in keyof typeof STAGE_SETTINGS_SHAPE]?: z.infer<(typeof STAGE_SETTINGS_SHAPE)[K]> };

/**
 * The shared settings a stage sets, without the ones it leaves unset: what the migration to model v2 and the v1 view
 * of a v2 configuration copy across, one list for both directions.
 *
 * @example
 * stageSettingsOf({ key: 'go-live', name: 'Go live', requiredTeams: [], requiredNumbers: [], requiresRelease: true })
 * // { requiresRelease: true }
 */
export function stageSettingsOf(stage: StageSettings): StageSettings {
  const settings: Partial<Record<keyof StageSettings, unknown>> = {};
  for (const key of Object.keys(STAGE_SETTINGS_SHAPE) as (keyof StageSettings)[]) if (stage[key] !== undefined) settings[key] = stage[key];
  return settings as StageSettings;
}

export const StageSchema = lazySchema(() => z.strictObject({
  key: keySchema,
  name: nameSchema,
  requiredTeams: z.array(keySchema).check(z.maxLength(200)),
  requiredNumbers: z._default(z.array(keySchema).check(z.maxLength(50)), []),
  /** Approvals older than this many days no longer count for the stage. */
  approvalLifetimeDays: z.optional(z.number().check(z.int(), z.gte(1), z.lte(3650))),
  ...STAGE_SETTINGS_SHAPE,
}));
export type Stage = z.infer<typeof StageSchema>;

export const NumberSpecSchema = lazySchema(() => z.strictObject({
  key: keySchema,
  label: nameSchema,
  unit: z._default(z.string().check(z.maxLength(40)), ''),
  integer: z._default(z.boolean(), true),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  /** The team whose approval covers this number: changing the number makes only that team's approval stale. */
  signedOffBy: keySchema,
}));
export type NumberSpec = z.infer<typeof NumberSpecSchema>;

export const QuestionSchema = lazySchema(() => z.strictObject({
  key: keySchema,
  section: nameSchema,
  text: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(1000)),
  /** Stages that need an answer to this question. */
  requiredFor: z._default(z.array(keySchema).check(z.maxLength(50)), []),
  /** The team whose approval covers the answer, if any: changing the answer makes only that team's approval stale. */
  reviewedBy: z.optional(keySchema),
}));
export type Question = z.infer<typeof QuestionSchema>;

export const PoliciesSchema = lazySchema(() => z.strictObject({
  reporterMayApprove: z._default(z.boolean(), false),
  onePersonOneTeam: z._default(z.boolean(), true),
  overrideGroups: z._default(z.array(groupNameSchema).check(z.maxLength(20)), []),
  /** A stage may require nothing (and so pass every ticket). Off by default: such a stage is refused on save. */
  allowEmptyStages: z._default(z.boolean(), false),
  /** At the transition, each approver must still be in one of the team's groups. On by default. */
  recheckApproversAtTransition: z._default(z.boolean(), true),
  /** A team removed from the configuration and added back keeps the approvals given before. Off by default. */
  reAddedTeamsKeepApprovals: z._default(z.boolean(), false),
}));
export type Policies = z.infer<typeof PoliciesSchema>;

export const DEFAULT_POLICIES: Policies = PoliciesSchema.parse({});

/**
 * The schema version of this (v1) model's configuration. The policies issue 10 added (allowEmptyStages,
 * recheckApproversAtTransition, reAddedTeamsKeepApprovals) and team generations (`since`) kept the number: schema
 * version 2 is gate model v2's (src/gate/v2), which tells the two apart by it. A configuration stored before them is
 * told by its policies lacking `allowEmptyStages` and upgraded on read (config-migration.ts).
 */
export const CONFIG_SCHEMA_VERSION = 1;

const GateConfigShape = lazySchema(() => z.strictObject({
  /** Files exported before the new policies still import: the policies they did not know take their defaults. */
  schemaVersion: z._default(z.literal(CONFIG_SCHEMA_VERSION), CONFIG_SCHEMA_VERSION),
  /** Increases by one on every save; a save names the version it edited so concurrent saves cannot overwrite each other. */
  version: z._default(z.number().check(z.int(), z.gte(0)), 0),
  template: z.optional(z.string().check(z.maxLength(80))),
  teams: z.array(TeamSchema).check(z.minLength(1, 'add at least one team'), z.maxLength(LIMITS.teams)),
  stages: z.array(StageSchema).check(z.minLength(1, 'add at least one stage'), z.maxLength(LIMITS.stages)),
  numbers: z._default(z.array(NumberSpecSchema).check(z.maxLength(LIMITS.numbers)), []),
  questions: z._default(z.array(QuestionSchema).check(z.maxLength(LIMITS.questions)), []),
  policies: z._default(PoliciesSchema, DEFAULT_POLICIES),
  /**
   * Stage keys that workflow validators may still name after the stages changed (a template applied, a file imported),
   * each with the stage it now stands for. Optional: configurations saved before it have none.
   */
  stageAliases: z.optional(z.record(keySchema, keySchema)),
  /** Who is who on GitLab and GitHub: approvals there count for the mapped Jira account (issue 15). Optional: none. */
  providerUsers: z.optional(UserMappingsSchema),
  /**
   * Agreement on a linked ticket (issue 15): a team's approval recorded by this app on a ticket linked to this one with
   * an issue link of this type (Jira's link type name, e.g. "Relates") counts here, under this ticket's rules.
   * Absent: only approvals on the ticket itself count.
   */
  linkedApprovals: z.optional(LinkedApprovalsSchema),
  /** Graduation criteria of the shadow program; optional (DEFAULT_SHADOW_GRADUATION when absent). */
  shadowGraduation: z.optional(ShadowGraduationSchema),
}));

function duplicates(keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const key of keys) (seen.has(key) ? repeated : seen).add(key);
  return repeated;
}

/** The parts of a configuration that refer to each other; an item that cannot be read is undefined and skipped. */
interface CrossReferences {
  readonly teams: readonly ({ readonly key: string } | undefined)[];
  readonly stages: readonly ({ readonly key: string; readonly requiredTeams: readonly string[]; readonly requiredNumbers: readonly string[] } | undefined)[];
  readonly numbers: readonly ({ readonly key: string; readonly signedOffBy: string; readonly min?: number | undefined; readonly max?: number | undefined } | undefined)[];
  readonly questions: readonly ({ readonly key: string; readonly requiredFor: readonly string[]; readonly reviewedBy?: string | undefined } | undefined)[];
  readonly stageAliases?: Readonly<Record<string, string>> | undefined;
}

/** Every broken cross reference: duplicate keys, a stage naming an unknown team or number, and so on. */
function crossReferenceErrors(config: CrossReferences): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: readonly (string | number)[], message: string): void => {
    errors.push({ path: path.join('.'), message });
  };
  const keysOf = (list: readonly ({ readonly key: string } | undefined)[]): Set<string> => new Set(list.flatMap((item) => (item ? [item.key] : [])));
  const teamKeys = keysOf(config.teams);
  const stageKeys = keysOf(config.stages);
  const numberKeys = keysOf(config.numbers);
  const unique = (list: readonly ({ readonly key: string } | undefined)[], path: string, what: string): void => {
    const repeated = duplicates(list.flatMap((item) => (item ? [item.key] : [])));
    list.forEach((item, index) => {
      if (item && repeated.has(item.key)) add([path, index, 'key'], `another ${what} already uses the key "${item.key}"`);
    });
  };
  unique(config.teams, 'teams', 'team');
  unique(config.stages, 'stages', 'stage');
  unique(config.numbers, 'numbers', 'number');
  unique(config.questions, 'questions', 'question');
  config.stages.forEach((stage, s) => {
    stage?.requiredTeams.forEach((team, i) => {
      if (!teamKeys.has(team)) add(['stages', s, 'requiredTeams', i], `no team has the key "${team}"`);
    });
    stage?.requiredNumbers.forEach((number, i) => {
      if (!numberKeys.has(number)) add(['stages', s, 'requiredNumbers', i], `no number has the key "${number}"`);
    });
  });
  config.numbers.forEach((number, n) => {
    if (number === undefined) return;
    if (!teamKeys.has(number.signedOffBy)) add(['numbers', n, 'signedOffBy'], `no team has the key "${number.signedOffBy}"`);
    if (number.min !== undefined && number.max !== undefined && number.min > number.max) add(['numbers', n, 'max'], 'must not be below the minimum');
  });
  config.questions.forEach((question, q) => {
    question?.requiredFor.forEach((stage, i) => {
      if (!stageKeys.has(stage)) add(['questions', q, 'requiredFor', i], `no stage has the key "${stage}"`);
    });
    if (question?.reviewedBy !== undefined && !teamKeys.has(question.reviewedBy)) add(['questions', q, 'reviewedBy'], `no team has the key "${question.reviewedBy}"`);
  });
  for (const [alias, stage] of Object.entries(config.stageAliases ?? {})) {
    if (!stageKeys.has(stage)) add(['stageAliases', alias], `no stage has the key "${stage}"`);
    if (stageKeys.has(alias)) add(['stageAliases', alias], `"${alias}" is a stage of its own`);
  }
  return errors;
}

const NOT_VISIBLE = 'must show at least one letter or digit';

/**
 * What a configuration must satisfy to be saved, beyond its shape and cross references: every name people read shows a
 * letter or digit, and every stage requires something (unless the policies allow empty stages).
 */
function saveRuleErrors(config: z.output<typeof GateConfigShape>): FieldError[] {
  const errors: FieldError[] = [];
  // An empty name is already "required"; say the other thing only about a name that has characters.
  const visible = (text: string, path: readonly (string | number)[]): void => {
    if (text.trim() !== '' && !hasVisibleLetterOrDigit(text)) errors.push({ path: path.join('.'), message: NOT_VISIBLE });
  };
  config.teams.forEach((team, t) => {
    visible(team.name, ['teams', t, 'name']);
    team.groups.forEach((group, g) => visible(group, ['teams', t, 'groups', g]));
  });
  config.stages.forEach((stage, s) => {
    visible(stage.name, ['stages', s, 'name']);
    const asked = config.questions.some((q) => q.requiredFor.includes(stage.key));
    if (!config.policies.allowEmptyStages && stage.requiredTeams.length === 0 && stage.requiredNumbers.length === 0 && !asked && stage.requirePlaybook !== true && (stage.requiredChecks ?? []).length === 0) {
      errors.push({ path: `stages.${s}.requiredTeams`, message: 'require at least one team, number or question: a stage that requires nothing would pass every ticket' });
    }
    stage.requiredChecks?.forEach((check, c) => visible(check, ['stages', s, 'requiredChecks', c]));
    const reminders = stage.reminders;
    if (reminders !== undefined && reminders.remindAfterHours > 0 && reminders.escalateAfterHours > 0 && reminders.escalateAfterHours <= reminders.remindAfterHours) {
      errors.push({ path: `stages.${s}.reminders.escalateAfterHours`, message: 'must be longer than the wait before the reminder (or 0 to turn escalation off)' });
    }
    reminders?.escalationGroups.forEach((group, g) => visible(group, ['stages', s, 'reminders', 'escalationGroups', g]));
  });
  config.numbers.forEach((number, n) => visible(number.label, ['numbers', n, 'label']));
  config.questions.forEach((question, q) => {
    visible(question.section, ['questions', q, 'section']);
    visible(question.text, ['questions', q, 'text']);
  });
  config.policies.overrideGroups.forEach((group, g) => visible(group, ['policies', 'overrideGroups', g]));
  return errors;
}

const addErrors = (ctx: z.core.$RefinementCtx, errors: readonly FieldError[]): void => {
  for (const error of errors) ctx.addIssue({ code: 'custom', path: error.path.split('.'), message: error.message });
};

/**
 * A configuration as the app stored it, with every cross reference checked (a stage names only known teams, a number
 * names a known signing team, keys are unique). What an earlier version stored is read as it was saved: the rules a save
 * must satisfy today (GateConfigSchema) apply again on its next save.
 */
export const StoredGateConfigSchema = lazySchema(() => GateConfigShape.check(z.superRefine((config, ctx) => addErrors(ctx, crossReferenceErrors(config)))));

/**
 * The gate configuration of one project as a save must be: the stored shape with its cross references, every name
 * visible and every stage requiring something.
 */
export const GateConfigSchema = lazySchema(() => GateConfigShape.check(z.superRefine((config, ctx) => addErrors(ctx, [...crossReferenceErrors(config), ...saveRuleErrors(config)]))));

/**
 * Reads the cross references of a configuration whose shape is invalid, item by item, so that one import reports its
 * broken references together with its shape errors (zod runs a refinement only once the shape is valid).
 */
const itemsOf = <T extends z.ZodMiniType>(item: T) => z.catch(z.array(z.catch(z.optional(item), undefined)), []);
const strings = lazySchema(() => z.catch(z.array(z.string()), []));
const CrossReferencesSchema = lazySchema(() => z.catch(z.object({
    teams: itemsOf(z.object({ key: z.string() })),
    stages: itemsOf(z.object({ key: z.string(), requiredTeams: strings, requiredNumbers: strings })),
    numbers: itemsOf(z.object({ key: z.string(), signedOffBy: z.string(), min: z.catch(z.optional(z.number()), undefined), max: z.catch(z.optional(z.number()), undefined) })),
    questions: itemsOf(z.object({ key: z.string(), requiredFor: strings, reviewedBy: z.catch(z.optional(z.string()), undefined) })),
  }), { teams: [], stages: [], numbers: [], questions: [] }));

export type GateConfig = z.output<typeof GateConfigSchema>;
export type GateConfigInput = z.input<typeof GateConfigSchema>;

/** One problem with a configuration, at a path such as `stages.1.requiredTeams.0`. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Turns zod issues into field errors with dotted paths; shared by every parser of untrusted input. */
export function toFieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/**
 * Validates untrusted input (a saved config, an import, a template) and lists every problem at once: shape errors
 * and broken cross references together.
 *
 * @example
 * const parsed = parseGateConfig(JSON.parse(file));
 * if (!parsed.ok) console.log(parsed.errors); // [{ path: 'stages.0.requiredTeams.2', message: 'no team has the key "cee"' }]
 */
export function parseGateConfig(input: unknown): ParseResult<GateConfig> {
  const parsed = GateConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = toFieldErrors(parsed.error);
  const shapeIsValid = GateConfigShape.safeParse(input).success;
  return { ok: false, errors: shapeIsValid ? errors : [...errors, ...crossReferenceErrors(CrossReferencesSchema.parse(input))] };
}
