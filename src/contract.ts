import { z } from 'zod/mini';
import type { ErrorCode } from './error-codes';
import type { FieldError, GateConfig, ShadowGraduation } from './gate/config';
import { LIMITS } from './gate/config';
import { DECISION_VERBS } from './gate/decisions';
import type { Provider } from './gate/provider-refs';
import { PROVIDERS } from './gate/provider-refs';
import type { AnswersRecord, NumbersRecord, OverrideRecord, PlaybookRecord, TeamDecision, UsageRecord } from './gate/records';
import type { OverrideEntry } from './gate/review-tickets';
import type { BreachEntry } from './gate/review-breaches';
import type { AtRiskEntry } from './gate/review-at-risk';
import type { Queue } from './gate/review-queue';
import type { TeamBench } from './gate/review-bench';
import type { TeamBenchTrend } from './gate/review-bench-trend';
import type { TeamShadows } from './gate/shadow-program';
import type { Throughput } from './gate/review-throughput';
import type { IntegrityProblem, Verdict } from './gate/verdict';
import type { StageStatus } from './gate/glance';
import type { ConfigChange } from './gate/config-change';
import type { ServiceAssurance } from './gate/service-assurance';
import type { TeamAssignmentFigures } from './gate/review-assignments';
import type { TeamCandidates } from './gate/review-candidates';
import type { GateConfigV2 } from './gate/v2/config';
import { KeySchema, V2_LIMITS } from './gate/v2/config';
import type { StageTeamRights } from './gate/v2/permissions';
import type { RecordWhatV2 } from './gate/v2/read-records';
import type { AnswersView, LegacyDecision, NumbersView, PassRecord, StageDecision, WaiverRecord, WaiverTarget } from './gate/v2/records';
import { AnswerValueSchema, WAIVER_TARGETS } from './gate/v2/records';
import type { TemplateField } from './gate/v2/templates';
import type { VerdictV2 } from './gate/v2/verdict';
import { lazySchema } from './gate/lazy-schema';

/**
 * The resolver contract between the Custom UI (static/), the local site's automation and the backend: every resolver
 * function of every module, with the schema its payload must pass and the type of its answer (CONTRACT below).
 * The backend defines its resolvers from it (src/entry/define-resolver.ts), the UI's `call` is typed from it
 * (static/shared/bridge.ts). static/ imports only types from here (the schemas would bring zod into the bundle),
 * and ERROR_CODES from ./error-codes.
 */

// ---- payloads -----------------------------------------------------------------------------------------------------

/** Resolvers that take no input still refuse unexpected fields, so a confused caller learns about it. */
export const EmptyPayloadSchema = lazySchema(() => z.strictObject({}));

const distinct = (keys: readonly string[]): boolean => new Set(keys).size === keys.length;

/**
 * One approver's decision for a team (gate model v2): at the stages named (each stage gets its own record, so an
 * approver can approve several stages at once), or, without `stages`, at every stage that requires the team and has not
 * passed. An approver revokes only their own decision.
 */
export const DecidePayloadSchema = lazySchema(() => z.strictObject({
  team: z.string().check(z.minLength(1), z.maxLength(40)),
  decision: z.enum(DECISION_VERBS),
  comment: z.optional(z.string().check(z.maxLength(LIMITS.commentLength, `is at most ${LIMITS.commentLength} characters`))),
  stages: z.optional(z.array(KeySchema).check(z.minLength(1, 'name at least one stage'), z.maxLength(LIMITS.stages), z.refine(distinct, 'names a stage more than once'))),
}));
export type DecidePayload = z.infer<typeof DecidePayloadSchema>;

const basisTextInput = lazySchema(() => z.optional(z.string().check(z.maxLength(LIMITS.commentLength, `is at most ${LIMITS.commentLength} characters`))));

/** The basis of a number as someone typed it (issue 18); blank parts are left out, an all-blank basis removes it. */
export const NumberBasisPayloadSchema = lazySchema(() => z.strictObject({
  costOfService: basisTextInput,
  humanToil: basisTextInput,
  serviceToil: basisTextInput,
  notes: basisTextInput,
  figures: z.optional(z.array(z.strictObject({ label: z.string().check(z.maxLength(80, 'is at most 80 characters')), value: z.number(), unit: z.optional(z.string().check(z.maxLength(40, 'is at most 40 characters'))) })).check(z.maxLength(20, 'at most 20 figures'))),
}));
export type NumberBasisPayload = z.infer<typeof NumberBasisPayloadSchema>;

export const RecordNumbersPayloadSchema = lazySchema(() => z.strictObject({
  values: z.record(z.string().check(z.minLength(1), z.maxLength(40)), z.number()),
  /** The basis of each number named, recorded with the numbers and covered by the signing team's approval. */
  basis: z.optional(z.record(z.string().check(z.minLength(1), z.maxLength(40)), NumberBasisPayloadSchema)),
}));
export type RecordNumbersPayload = z.infer<typeof RecordNumbersPayloadSchema>;

export const AnswerQuestionsPayloadSchema = lazySchema(() => z.strictObject({
  answers: z.record(z.string().check(z.minLength(1), z.maxLength(40)), z.string().check(z.maxLength(LIMITS.answerLength, `is at most ${LIMITS.answerLength} characters`))),
}));
export type AnswerQuestionsPayload = z.infer<typeof AnswerQuestionsPayloadSchema>;

/** What a waiver is about: a team, a number or an item, by key. */
export const WaiverTargetPayloadSchema = lazySchema(() => z.strictObject({ kind: z.enum(WAIVER_TARGETS), key: KeySchema }));

/**
 * "Not applicable on this ticket" for a team, a number or an item (`waive`), or making it required again
 * (`withdrawWaiver`): both say why in words.
 */
export const WaivePayloadSchema = lazySchema(() => z.strictObject({
  target: WaiverTargetPayloadSchema,
  reason: z.string().check(z.maxLength(V2_LIMITS.waiverReasonLength, `is at most ${V2_LIMITS.waiverReasonLength} characters`)),
}));
export type WaivePayload = z.infer<typeof WaivePayloadSchema>;

/**
 * Answers to items of a kind, typed by each item's kind: text, a link or a chosen option as a string, a checkbox as a
 * boolean, a number as a number. `null` clears the answer.
 */
export const AnswerItemsPayloadSchema = lazySchema(() => z.strictObject({
  answers: z.record(KeySchema, z.union([AnswerValueSchema, z.null()])),
}));
export type AnswerItemsPayload = z.infer<typeof AnswerItemsPayloadSchema>;

export const EVIDENCE_FORMATS = ['json', 'markdown'] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];
/** "Export evidence": the pass records, verdicts and digests of one ticket, as JSON or Markdown. */
export const ExportEvidencePayloadSchema = lazySchema(() => z.strictObject({ format: z.enum(EVIDENCE_FORMATS) }));
export type ExportEvidencePayload = z.infer<typeof ExportEvidencePayloadSchema>;

/** Usage measured now, by the key of the number it is measured against (issue 18). */
export const RecordUsagePayloadSchema = lazySchema(() => z.strictObject({
  values: z.record(z.string().check(z.minLength(1), z.maxLength(40)), z.number()),
}));
export type RecordUsagePayload = z.infer<typeof RecordUsagePayloadSchema>;

/**
 * A justified grant (src/app/justified-grant.ts): an override of a stage (issue 10) or an exception to a stage's
 * freeze (issue 16). Both name the stage and say why, so both take this one payload.
 */
export const JustifiedGrantPayloadSchema = lazySchema(() => z.strictObject({
  stage: z.string().check(z.minLength(1), z.maxLength(40)),
  justification: z.string().check(z.maxLength(LIMITS.commentLength)),
}));
export type JustifiedGrantPayload = z.infer<typeof JustifiedGrantPayloadSchema>;

export const GetAuditPayloadSchema = lazySchema(() => z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(600))),
  limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(100))),
}));
export type GetAuditPayload = z.infer<typeof GetAuditPayloadSchema>;

export const SaveConfigPayloadSchema = lazySchema(() => z.strictObject({ config: z.unknown() }));
/**
 * For each stage key that workflow validators name and the new configuration lacks, the stage it now stands for (the
 * admin's choice in the preview; kept as the configuration's stageAliases).
 */
const StageMappingSchema = lazySchema(() => z.optional(z.record(z.string().check(z.minLength(1), z.maxLength(40)), z.string().check(z.minLength(1), z.maxLength(40)))));
/**
 * A template to apply; for each Jira field it reads (TemplateInfo.fields, such as the owning SIG) optionally the site's
 * field to use, by id: without one the app looks the field up by name.
 */
export const ApplyTemplatePayloadSchema = lazySchema(() => z.strictObject({
  template: z.string().check(z.minLength(1), z.maxLength(80)),
  stageMapping: StageMappingSchema,
  fields: z.optional(z.record(z.string().check(z.minLength(1), z.maxLength(80)), z.string().check(z.regex(/^customfield_\d{1,10}$/, 'use a custom field id such as customfield_10070')))),
}));
/** Import takes the exported JSON as text, so a file that is not JSON at all gets a clear error too. */
export const ImportConfigPayloadSchema = lazySchema(() => z.strictObject({ json: z.string().check(z.maxLength(1_000_000)), stageMapping: StageMappingSchema }));
/** What a template or an imported file would change, before anything is saved: exactly one of the two. */
export const PreviewChangePayloadSchema = lazySchema(() => z.strictObject({ template: z.optional(z.string().check(z.minLength(1), z.maxLength(80))), json: z.optional(z.string().check(z.maxLength(1_000_000))), fields: ApplyTemplatePayloadSchema.shape.fields }).check(z.refine((p) => (p.template === undefined) !== (p.json === undefined), { message: 'name a template or give a file, not both' })));

const isoTime = lazySchema(() => z.iso.datetime({ offset: true }));

/** What the reviews page sends; every field is optional (the last 30 days by default). */
export const GetReviewsPayloadSchema = lazySchema(() => z.strictObject({
  from: z.optional(isoTime),
  to: z.optional(isoTime),
}));
export type GetReviewsPayload = z.infer<typeof GetReviewsPayloadSchema>;

/** The dashboard gadget's projects (its saved configuration) and period. */
export const GetOverviewPayloadSchema = lazySchema(() => z.strictObject({
  projectKeys: z._default(z.array(z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'must be a Jira project key'))).check(z.maxLength(10, 'pick at most 10 projects')), []),
  days: z._default(z.union([z.literal(7), z.literal(30), z.literal(90)]), 30),
}));
export type GetOverviewPayload = z.input<typeof GetOverviewPayloadSchema>;

/**
 * A project's GitLab or GitHub connection, as the settings page saves it. The token and the secret are write-only:
 * leave them out to keep the ones stored (both are needed the first time).
 */
export const SaveConnectionPayloadSchema = lazySchema(() => z.strictObject({
  provider: z.enum(PROVIDERS),
  apiUrl: z.optional(z.url({ protocol: /^https$/, error: 'is the https address of the API, e.g. https://gitlab.com/api/v4' }).check(z.maxLength(2048))),
  apiToken: z.optional(z.string().check(z.trim(), z.minLength(8, 'is at least 8 characters'), z.maxLength(1000))),
  webhookSecret: z.optional(z.string().check(z.trim(), z.minLength(16, 'is at least 16 characters: use a long random secret'), z.maxLength(1000))),
}));
export type SaveConnectionPayload = z.infer<typeof SaveConnectionPayloadSchema>;

/** A shadow's non-binding review (the shadow program): a verdict the shadow would give, and why. */
export const RecordShadowReviewPayloadSchema = lazySchema(() => z.strictObject({
  team: z.string().check(z.minLength(1), z.maxLength(40)),
  stage: z.string().check(z.minLength(1), z.maxLength(40)),
  verdict: z.enum(['approve', 'decline']),
  comment: z.string().check(z.maxLength(LIMITS.commentLength, `is at most ${LIMITS.commentLength} characters`)),
}));
export type RecordShadowReviewPayload = z.infer<typeof RecordShadowReviewPayloadSchema>;

export const SecondShadowReviewPayloadSchema = lazySchema(() => z.strictObject({ review: z.string().check(z.minLength(1), z.maxLength(200)) }));
export type SecondShadowReviewPayload = z.infer<typeof SecondShadowReviewPayloadSchema>;

/** Names a team's reviewer of the ticket: `assignee` (a member of the team), or round-robin by queue length without it. */
export const AssignReviewerPayloadSchema = lazySchema(() => z.strictObject({ team: z.string().check(z.minLength(1), z.maxLength(40)), assignee: z.optional(z.string().check(z.minLength(1), z.maxLength(128))) }));
export type AssignReviewerPayload = z.infer<typeof AssignReviewerPayloadSchema>;

// ---- answers ------------------------------------------------------------------------------------------------------

export type { ErrorCode } from './error-codes';

/** Every resolver answers with this: the UI never has to guess whether a call failed. */
export type ResolverResult<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly error: { readonly code: ErrorCode; readonly message: string; readonly fieldErrors?: readonly FieldError[] | undefined } };

export type WriteOutcome = 'pending' | 'applied' | 'failed';

export interface AuditEvent {
  readonly issueId: string;
  readonly at: string;
  readonly actor: string;
  /** decide | record-numbers | answer-questions | override | repair | config-saved ... */
  readonly action: string;
  readonly team?: string | undefined;
  readonly stage?: string | undefined;
  readonly detail: string;
  /** Names the event, so that its outcome can be recorded later under the same key. A record write uses `<propertyKey>#<seq>`. */
  readonly id?: string | undefined;
  /** The record write the event is about. */
  readonly propertyKey?: string | undefined;
  readonly seq?: number | undefined;
  /**
   * What became of a record write: `pending` from the moment its head is stored until the record is on the issue,
   * then `applied`, or `failed` with `outcomeDetail` saying how. Events without an outcome are not record writes, or
   * were written before schema version 2 (when the event was written with the digest).
   */
  readonly outcome?: WriteOutcome | undefined;
  readonly outcomeDetail?: string | undefined;
}

/** A page of an issue's audit trail, newest first. */
export interface AuditPage {
  readonly events: readonly AuditEvent[];
  readonly nextCursor?: string | undefined;
}

/** Whether the caller may act for a team, and if not, why not (shown beside the team). */
export interface TeamPermission {
  readonly team: string;
  readonly canAct: boolean;
  readonly canApprove?: boolean | undefined;
  readonly canDecline?: boolean | undefined;
  readonly canRevoke?: boolean | undefined;
  /** Set when canAct is false: "You are not in jira-sre-p", "The reporter may not approve", "You already approved for CEE". */
  readonly reason?: string | undefined;
}

export interface RecordIntegrity {
  readonly propertyKey: string;
  readonly problem: IntegrityProblem;
  /** How to repair it: "An approver for SRE-P can re-affirm the decision." */
  readonly fix: string;
  /** Gate model v2: what kind of record it is, and the stage, team, approver or waiver target its key names. */
  readonly what?: RecordWhatV2 | undefined;
  readonly stage?: string | undefined;
  readonly team?: string | undefined;
  readonly by?: string | undefined;
  readonly target?: WaiverTarget | undefined;
}

/** Whether the caller may mark a team, number or item not applicable on this ticket (or withdraw that), and if not why. */
export interface WaiverPermission {
  readonly target: WaiverTarget;
  readonly canWaive: boolean;
  readonly reason?: string | undefined;
}

/** The records behind the v2 verdicts, each trusted (its property matches the app's head in KVS). */
export interface GateRecordsV2 {
  /** One decision per stage, team and approver (`golive-gate.decision.<stage>.<team>.<accountId>`). */
  readonly decisions: readonly StageDecision[];
  /** Ticket-wide decisions written before approvals were per stage (`golive-gate.team.<team>`), by team. */
  readonly legacy: Readonly<Record<string, LegacyDecision>>;
  /** "Not applicable on this ticket" waivers, current and withdrawn. */
  readonly waivers: readonly WaiverRecord[];
  /** Evidence of each stage passed, by stage key. */
  readonly passes: Readonly<Record<string, PassRecord>>;
  /** With who recorded each value (`recordedBy`), unless written before v2. */
  readonly numbers?: NumbersView | undefined;
  /** Typed answers to items, with who answered each (`answeredBy`), unless written before v2. */
  readonly answers?: AnswersView | undefined;
}

export interface GateView {
  readonly issue: { readonly id: string; readonly key: string; readonly projectKey: string; readonly reporterAccountId?: string | undefined; readonly status: string };
  readonly configured: boolean;
  readonly config?: GateConfig | undefined;
  readonly records: {
    readonly decisions: Readonly<Record<string, TeamDecision>>;
    readonly numbers?: NumbersRecord | undefined;
    readonly answers?: AnswersRecord | undefined;
    readonly overrides: Readonly<Record<string, OverrideRecord>>;
    /** The last usage measured after go-live, when trusted (issue 18). */
    readonly usage?: UsageRecord | undefined;
    /** The last playbook generated, when trusted (issue 18). */
    readonly playbook?: PlaybookRecord | undefined;
  };
  readonly unverified: readonly RecordIntegrity[];
  readonly verdicts: readonly Verdict[];
  readonly permissions: readonly TeamPermission[];
  readonly canOverride: boolean;
  readonly canRecord: boolean;
  readonly audit: AuditPage;
  readonly me: { readonly accountId: string };
  readonly now: string;
  /** The ticket's service assurance from the stages it has passed; absent when the project has no gate. */
  readonly assurance?: ServiceAssurance | undefined;
  /** Whether the caller may record usage (a member of a gating team). */
  readonly canRecordUsage?: boolean | undefined;
  /** Whether the last playbook shows the current answers (issue 18); absent when none was generated. */
  readonly playbookCurrent?: boolean | undefined;
  // ---- gate model v2 (issue 13): present once the backend evaluates on v2; the v1 fields above stay filled ----
  /** False on a ticket outside the gate's scope (its issue type or labels): every stage lets it through. */
  readonly gated?: boolean | undefined;
  /** Why the gate does not apply ("Go-Live Gate does not apply to Bug tickets in SKU"), when `gated` is false. */
  readonly notGatedReason?: string | undefined;
  /** The configuration as model v2 reads it (a stored v1 configuration migrated on read). */
  readonly configV2?: GateConfigV2 | undefined;
  /**
   * One verdict per stage: per team `needed`/`have` ("1 of 2"), the approvals behind it (carried over, legacy), its
   * applicability and waiver; the items' states (`questions`); `passed` while the stage stays passed.
   */
  readonly verdictsV2?: readonly VerdictV2[] | undefined;
  readonly recordsV2?: GateRecordsV2 | undefined;
  /** For every stage and each team it requires: may the caller approve, decline, revoke, waive, and if not why. */
  readonly stagePermissions?: readonly StageTeamRights[] | undefined;
  /** For every team, number and item the ticket may need: may the caller mark it not applicable (or withdraw that). */
  readonly waiverPermissions?: readonly WaiverPermission[] | undefined;
}

/** "Export evidence": the file to save (JSON or Markdown). */
export interface EvidenceFile {
  readonly fileName: string;
  readonly mediaType: 'application/json' | 'text/markdown';
  readonly content: string;
}

/** A custom field of the site, as the settings page offers it for "approvers from a field" and conditions. */
export interface SiteField {
  readonly id: string;
  readonly name: string;
  /** Jira's schema type of the field ("option", "group", "array"...), to tell a select from a group picker. */
  readonly type: string;
  /** The approver source it can be: a select (single or multiple) or a group picker (single or multiple). */
  readonly kind: 'select' | 'group-picker';
  /** Whether a ticket can hold several values (a multiple select, a multiple group picker). */
  readonly multiple: boolean;
}

/** A playbook just generated (issue 18): the updated view, and the Markdown attached to the ticket, for download. */
export interface GeneratedPlaybook {
  readonly gate: GateView;
  readonly markdown: string;
  readonly fileName: string;
  readonly attachmentId: string;
}

/** Where a billing or quota system sends usage for the project's tickets, and how it signs it (issue 18). */
export interface UsageIntake {
  readonly url: string;
  readonly projectId: string;
  readonly projectHeader: string;
  readonly signatureHeader: string;
  readonly hasSecret: boolean;
  /** Only in the answer of rotateUsageSecret: shown once, never stored in the browser. */
  readonly secret?: string | undefined;
}

/** The gate at a glance, in the issue's sidebar (`jira:issueContext`). */
export interface GateGlance {
  readonly configured: boolean;
  /** The current stage (the first not passed, else the last) and its approvals: "Promote to prod: 2 of 4". */
  readonly progress?: string | undefined;
  readonly status?: StageStatus | undefined;
  /** The validator's message for that stage, word for word. */
  readonly message?: string | undefined;
  /** False on a ticket outside the gate's scope; `message` says why the gate does not apply. */
  readonly gated?: boolean | undefined;
}

/** A workflow validator of this app that names a stage the new configuration does not have. */
export interface OrphanedValidator {
  readonly workflow: string;
  readonly transition: string;
  readonly stage: string;
  /** The stage's name in the configuration in force, when it has it. */
  readonly stageName?: string | undefined;
}

/** A Jira group the new configuration relies on that nobody is in (or that does not exist). */
export interface EmptyGroup {
  readonly group: string;
  /** False when Jira has no such group (a Jira admin must create it), true when it exists with nobody in it. */
  readonly exists: boolean;
  /** Names of the teams that act through it, and "Override" when it is an override group. */
  readonly usedBy: readonly string[];
}

/** What replacing the configuration would do (`previewChange`); nothing is saved until the admin confirms. */
export interface ConfigChangePreview {
  /** "the Kubernetes production readiness review template" or "the file". */
  readonly source: string;
  /** Why the candidate cannot be saved, in words (team, stage, question by name), each once; empty when it can. */
  readonly problems: readonly string[];
  readonly change?: ConfigChange | undefined;
  readonly orphanedValidators: readonly OrphanedValidator[];
  /** Set when Jira did not list the app's validators, so the preview cannot say which would break. */
  readonly validatorsUnknown?: string | undefined;
  /** The new configuration's stages, to map each orphaned validator to one. */
  readonly stages: readonly StageChoice[];
  readonly emptyGroups: readonly EmptyGroup[];
}

export interface ConfigView {
  readonly projectId: string;
  readonly projectKey: string;
  readonly config?: GateConfig | undefined;
  readonly savedBy?: string | undefined;
  readonly savedAt?: string | undefined;
  readonly templates: readonly TemplateInfo[];
  /** The configuration as model v2 reads it; the next save stores it as `schemaVersion: 2`. */
  readonly configV2?: GateConfigV2 | undefined;
  /** Set when the stored configuration was written by model v1 and read through its migration. */
  readonly migratedFrom?: 1 | undefined;
  /** What v2's rules refuse in a migrated configuration: it keeps working, and the next save asks for the fix. */
  readonly warnings?: readonly FieldError[] | undefined;
}

export interface TemplateInfo {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  /** Jira fields the template reads (the owning SIG): applying it maps each to the site's field (by name unless chosen). */
  readonly fields?: readonly TemplateField[] | undefined;
}

/** An exported configuration: pretty JSON and the file name to save it under. */
export interface ExportedConfig {
  readonly json: string;
  readonly fileName: string;
}

export interface BenchDepth {
  readonly team: string;
  readonly approvers: readonly string[];
  readonly warning?: string | undefined;
}

/** A stage as the validator configuration lists it. */
export interface StageChoice {
  readonly key: string;
  readonly name: string;
}

/**
 * What the validator configuration screen offers (`getStageChoices`). Forge tells that screen no project for a
 * company-managed workflow, which several projects may share: it gets the stages of every project where the gate is
 * configured and the caller can see, so the admin picks a stage knowing which projects have it.
 */
export interface StageChoices {
  readonly projects: readonly {
    readonly id: string;
    readonly key: string;
    readonly name: string;
    readonly stages: readonly StageChoice[];
    /** What the validator enforces in this project when no stage is chosen: its strictest stage. */
    readonly strictestStage: StageChoice;
    /** Stage keys validators may still name after the stages changed, each with the stage it now stands for. */
    readonly stageAliases?: readonly { readonly from: string; readonly to: StageChoice }[] | undefined;
  }[];
  /** Stage keys every listed project has, in the first project's order: a shared workflow is safe with these. */
  readonly commonStages: readonly string[];
  /** Set for a team-managed workflow (Forge's `scopedProjectId`): only that project is listed. */
  readonly scopedProjectId?: string | undefined;
}

export interface ReviewsView {
  readonly projectKey: string;
  readonly configured: boolean;
  readonly now: string;
  readonly from: string;
  readonly to: string;
  /** Teams the caller may act for: the "waiting on my teams" view. */
  readonly myTeams: readonly string[];
  readonly teamNames: Readonly<Record<string, string>>;
  readonly stageNames: Readonly<Record<string, string>>;
  readonly queue: Queue;
  readonly myQueue: Queue;
  readonly throughput: Throughput;
  readonly bench: readonly TeamBench[];
  /** Per team and span of the period: who could approve, decisions, and the busiest person's share. */
  readonly benchTrend: readonly TeamBenchTrend[];
  /** The shadow program: per team with one, every shadow's progress towards graduation (all time). */
  readonly shadows: readonly TeamShadows[];
  readonly graduation: ShadowGraduation;
  readonly overrides: readonly OverrideEntry[];
  readonly throughputCsv: string;
  readonly tickets: number;
  /** Tickets whose summary is missing or malformed, left out of every figure. */
  readonly skipped: readonly string[];
  /** True when the project has more gated tickets than one page load reads. */
  readonly truncated: boolean;
  /** Tickets whose measured usage is above what was agreed (issue 18). */
  readonly breaches?: readonly BreachEntry[] | undefined;
  /** Open tickets whose stage's release deadline (freeze) is within two weeks or passed and not met, most urgent first (issue 16). */
  readonly atRisk?: readonly AtRiskEntry[] | undefined;
  /** How much of the figures rests on estimates rather than the review history (the page says so). */
  readonly measurement: ReviewMeasurement;
  /** Reviewer assignment measured: per team with assignments in the period, and per reviewer. */
  readonly assignments?: readonly TeamAssignmentFigures[] | undefined;
  /** People to invite: who commented on the team's gated tickets in the period without being in its groups. */
  readonly candidates?: readonly TeamCandidates[] | undefined;
}

/** One project on the dashboard gadget: what waits where, and the review throughput of the period. */
export interface ProjectOverview {
  readonly key: string;
  readonly name: string;
  readonly tickets: number;
  readonly truncated: boolean;
  readonly stages: readonly { readonly stage: string; readonly name: string; readonly waiting: number }[];
  /** The teams with the longest waits (at most five), each with its oldest ticket. */
  readonly teams: readonly { readonly team: string; readonly name: string; readonly waiting: number; readonly oldestKey?: string | undefined; readonly oldestMs?: number | undefined }[];
  readonly throughput: {
    readonly decisions: number;
    readonly declines: number;
    readonly stale: number;
    readonly expired: number;
    /** Time to decision over every team's decisions. */
    readonly medianMs?: number | undefined;
    readonly p90Ms?: number | undefined;
    readonly passed: readonly { readonly stage: string; readonly name: string; readonly passed: number }[];
  };
}

/** The dashboard gadget (`getOverview`): the picked projects, and every gated project the user can see to pick from. */
export interface GadgetOverview {
  readonly now: string;
  readonly from: string;
  readonly days: number;
  readonly available: readonly { readonly id: string; readonly key: string; readonly name: string }[];
  readonly projects: readonly ProjectOverview[];
  /** Picked keys that are not a gated project the user can see (renamed, gate removed, no access). */
  readonly unknown: readonly string[];
}

/** A project's connection to GitLab or GitHub as the settings page shows it: never the token or the secret. */
export interface ProviderConnectionView {
  readonly provider: Provider;
  /** Where the provider sends webhooks: the web trigger address with this project named in it. */
  readonly webhookUrl: string;
  readonly apiUrl: string;
  /** A token and a webhook secret are stored. */
  readonly connected: boolean;
}

export interface ConnectionsView {
  readonly connections: readonly ProviderConnectionView[];
}

/** What the review history could not tell, for the period shown. */
export interface ReviewMeasurement {
  /** Decisions known only as a ticket's latest decision of a team (made before the app kept a review history). */
  readonly decisionsFromSummary: number;
  /** Waits that start at an estimate (the ticket's creation, or its previous stage passing): no stage entry was recorded. */
  readonly estimatedWaits: number;
  /** Names of the stages without a `fromStatus`: their entry is never recorded. */
  readonly stagesWithoutEntryStatus: readonly string[];
  /** Approvals gone stale or expired known only from a ticket's summary (before the history kept lapses): dated by the approval. */
  readonly lapsesFromSummary?: number | undefined;
}

/** One shadow review as the panel shows it, with who seconded it. */
export interface ShadowReviewView {
  readonly id: string;
  readonly team: string;
  readonly stage: string;
  readonly by: string;
  readonly at: string;
  readonly verdict: 'approve' | 'decline';
  readonly comment: string;
  readonly secondedBy: readonly string[];
}

/** The shadow program on one ticket (`getShadowReviews`): its shadow reviews, and what the caller may do. */
export interface ShadowPanel {
  readonly reviews: readonly ShadowReviewView[];
  /** Teams with a shadow program, the stages that need each, and whether the caller may record a shadow review for it. */
  readonly teams: readonly {
    readonly team: string;
    readonly name: string;
    readonly stages: readonly { readonly key: string; readonly name: string }[];
    readonly canReview: boolean;
    readonly reason?: string | undefined;
  }[];
  /** Teams the caller approves for: they may second those teams' shadow reviews (not their own). */
  readonly canSecond: readonly string[];
  readonly me: string;
}

/** Each team's named reviewer of the ticket (`getReviewers`), and whom the caller may name for the teams they are in. */
export interface ReviewerAssignments {
  readonly teams: readonly {
    readonly team: string;
    readonly name: string;
    readonly reviewer?: string | undefined;
    readonly assignedBy?: string | undefined;
    readonly how?: 'chosen' | 'round-robin' | undefined;
    readonly at?: string | undefined;
    /** Members of the team (set when the caller is one of them and so may assign or reassign). */
    readonly members?: readonly string[] | undefined;
  }[];
}

// ---- the contract -------------------------------------------------------------------------------------------------

/** One resolver function: the schema its payload must pass and, as a type only, what it answers. */
export interface ResolverFunction<S extends z.ZodMiniType, A> {
  readonly payload: S;
  /** Never set: carries the answer's type. */
  readonly answer?: A;
}

/** `answering<GateView>()(DecidePayloadSchema)`: a function taking that payload and answering a GateView. */
const answering =
  <A>() =>
  <S extends z.ZodMiniType>(payload: S): ResolverFunction<S, A> => ({ payload });

/**
 * Every resolver function, by module (manifest.yml names the resolver of each module: RESOLVER_MODULE_KEYS).
 *
 * @example
 * CONTRACT.panel.decide.payload.parse({ team: 'cee', decision: 'approve', stages: ['go-live'] })
 */
export const CONTRACT = {
  panel: {
    getGate: answering<GateView>()(EmptyPayloadSchema),
    decide: answering<GateView>()(DecidePayloadSchema),
    recordNumbers: answering<GateView>()(RecordNumbersPayloadSchema),
    answerQuestions: answering<GateView>()(AnswerQuestionsPayloadSchema),
    override: answering<GateView>()(JustifiedGrantPayloadSchema),
    getAudit: answering<AuditPage>()(GetAuditPayloadSchema),
    getGlance: answering<GateGlance>()(EmptyPayloadSchema),
    recordUsage: answering<GateView>()(RecordUsagePayloadSchema),
    getShadowReviews: answering<ShadowPanel>()(EmptyPayloadSchema),
    recordShadowReview: answering<ShadowPanel>()(RecordShadowReviewPayloadSchema),
    secondShadowReview: answering<ShadowPanel>()(SecondShadowReviewPayloadSchema),
    generatePlaybook: answering<GeneratedPlaybook>()(EmptyPayloadSchema),
    grantException: answering<GateView>()(JustifiedGrantPayloadSchema),
    getReviewers: answering<ReviewerAssignments>()(EmptyPayloadSchema),
    assignReviewer: answering<ReviewerAssignments>()(AssignReviewerPayloadSchema),
    waive: answering<GateView>()(WaivePayloadSchema),
    withdrawWaiver: answering<GateView>()(WaivePayloadSchema),
    answerItems: answering<GateView>()(AnswerItemsPayloadSchema),
    exportEvidence: answering<EvidenceFile>()(ExportEvidencePayloadSchema),
  },
  settings: {
    getConfig: answering<ConfigView>()(EmptyPayloadSchema),
    saveConfig: answering<ConfigView>()(SaveConfigPayloadSchema),
    applyTemplate: answering<ConfigView>()(ApplyTemplatePayloadSchema),
    exportConfig: answering<ExportedConfig>()(EmptyPayloadSchema),
    importConfig: answering<ConfigView>()(ImportConfigPayloadSchema),
    previewChange: answering<ConfigChangePreview>()(PreviewChangePayloadSchema),
    getBenchDepth: answering<readonly BenchDepth[]>()(EmptyPayloadSchema),
    getUsageIntake: answering<UsageIntake>()(EmptyPayloadSchema),
    rotateUsageSecret: answering<UsageIntake>()(EmptyPayloadSchema),
    getConnections: answering<ConnectionsView>()(EmptyPayloadSchema),
    saveConnection: answering<ConnectionsView>()(SaveConnectionPayloadSchema),
    getFields: answering<readonly SiteField[]>()(EmptyPayloadSchema),
  },
  reviews: {
    getReviews: answering<ReviewsView>()(GetReviewsPayloadSchema),
  },
  validatorConfig: {
    getStageChoices: answering<StageChoices>()(EmptyPayloadSchema),
  },
  gadget: {
    getOverview: answering<GadgetOverview>()(GetOverviewPayloadSchema),
  },
} as const;

/** The manifest module whose resolver serves each contract module (the local site's /forge/invoke names it). */
export const RESOLVER_MODULE_KEYS: Readonly<Record<ResolverModule, string>> = {
  panel: 'go-live-gate-panel',
  settings: 'go-live-gate-settings',
  reviews: 'go-live-gate-reviews',
  validatorConfig: 'go-live-gate-validator',
  gadget: 'go-live-gate-gadget',
};

export type Contract = typeof CONTRACT;
export type ResolverModule = keyof Contract;
export type FunctionKey<M extends ResolverModule> = keyof Contract[M] & string;
type FunctionOf<M extends ResolverModule, F extends FunctionKey<M>> = Contract[M][F];
type SchemaOf<M extends ResolverModule, F extends FunctionKey<M>> = FunctionOf<M, F> extends ResolverFunction<infer S, unknown> ? S : never;
/** What a caller sends (before the schema's defaults and transforms). */
export type PayloadOf<M extends ResolverModule, F extends FunctionKey<M>> = z.input<SchemaOf<M, F>>;
/** What the use case receives (after parsing). */
export type InputOf<M extends ResolverModule, F extends FunctionKey<M>> = z.output<SchemaOf<M, F>>;
export type AnswerOf<M extends ResolverModule, F extends FunctionKey<M>> = FunctionOf<M, F> extends ResolverFunction<z.ZodMiniType, infer A> ? A : never;
