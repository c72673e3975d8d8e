import { z } from 'zod/mini';
import { LIMITS } from './config';
import { DecisionSourceSchema } from './decision-source';
import { sha256Hex } from './digest';
import { ShaSchema } from './provider-refs';
import type { TargetVersion } from './target-release';
import { lazySchema } from './lazy-schema';

/**
 * Issue property keys. One key per team decision and per stage override, so two teams
 * deciding at the same moment never overwrite each other.
 */
export const PROPERTY_PREFIX = 'golive-gate.';
const TEAM_PREFIX = 'golive-gate.team.';
const OVERRIDE_PREFIX = 'golive-gate.override.';
export const SUMMARY_PROPERTY = 'golive-gate.summary';
/** The ticket's service assurance, derived from its status after each transition (issue 18), indexed for JQL. */
export const ASSURANCE_PROPERTY = 'golive-gate.assurance';
export const NUMBERS_PROPERTY = 'golive-gate.numbers';
export const ANSWERS_PROPERTY = 'golive-gate.answers';
/** Actual usage measured after go-live, compared with the agreed numbers (issue 18). */
export const USAGE_PROPERTY = 'golive-gate.usage';
/** The last playbook generated for the ticket (issue 18). */
export const PLAYBOOK_PROPERTY = 'golive-gate.playbook';
export const teamProperty = (teamKey: string): string => `${TEAM_PREFIX}${teamKey}`;
export const overrideProperty = (stageKey: string): string => `${OVERRIDE_PREFIX}${stageKey}`;
const EXCEPTION_PREFIX = 'golive-gate.exception.';
/** A stage's freeze exception (issue 16): one key per stage. */
export const exceptionProperty = (stageKey: string): string => `${EXCEPTION_PREFIX}${stageKey}`;
const CHECK_PREFIX = 'golive-gate.check.';
/**
 * A required check's result on the ticket (issue 15): one key per check name, ticket-wide like the numbers. Check names
 * hold spaces and slashes ("ci/prow/e2e", "OSD e2e"), so the key carries a short hash of the name (case-insensitive,
 * as names match) and the record carries the name.
 *
 * @example
 * checkProperty('osd-e2e') // 'golive-gate.check.' + 16 hex digits, the same for 'OSD-E2E'
 */
export const checkProperty = (checkName: string): string => `${CHECK_PREFIX}${sha256Hex(checkName.trim().toLowerCase()).slice(0, 16)}`;

/**
 * Whether an issue property key is one the app writes records under (a team decision, the numbers, the answers or a
 * stage override), as opposed to the summary or a key of someone else.
 *
 * @example
 * isRecordProperty('golive-gate.team.cee') // true
 * isRecordProperty('golive-gate.summary') // false
 */
export function isRecordProperty(propertyKey: string): boolean {
  return (
    propertyKey === NUMBERS_PROPERTY ||
    propertyKey === ANSWERS_PROPERTY ||
    propertyKey === USAGE_PROPERTY ||
    propertyKey === PLAYBOOK_PROPERTY ||
    propertyKey.startsWith(TEAM_PREFIX) ||
    propertyKey.startsWith(OVERRIDE_PREFIX) ||
    propertyKey.startsWith(EXCEPTION_PREFIX) ||
    propertyKey.startsWith(CHECK_PREFIX)
  );
}

const isoTime = lazySchema(() => z.iso.datetime({ offset: true }));
const accountId = lazySchema(() => z.string().check(z.minLength(1), z.maxLength(128)));
const digest = lazySchema(() => z.string().check(z.regex(/^[0-9a-f]{64}$/)));

export const DECISIONS = ['approved', 'declined', 'revoked'] as const;
export type DecisionKind = (typeof DECISIONS)[number];

/** A team's decision on one issue, as the app writes it to `golive-gate.team.<teamKey>`. */
export const TeamDecisionSchema = lazySchema(() => z.strictObject({
  kind: z.literal('decision'),
  issueId: z.string().check(z.minLength(1)),
  team: z.string().check(z.minLength(1)),
  decision: z.enum(DECISIONS),
  by: accountId,
  /** The group through which `by` acted for the team (checked when the decision was made). */
  via: z.string().check(z.minLength(1), z.maxLength(255)),
  at: isoTime,
  comment: z.optional(z.string().check(z.maxLength(LIMITS.commentLength))),
  /**
   * The configuration version in force when the team decided. An approval given before the team was (re-)added to the
   * configuration (`Team.since`) does not count. Records written before schema version 2 have none: version 0.
   */
  configVersion: z.optional(z.number().check(z.int(), z.gte(0))),
  /** Digests of the numbers and answers this team's approval covers, as they were when it decided. */
  covers: z.strictObject({
    numbers: z.optional(digest),
    answers: z.optional(digest),
    /** The ticket's target release (releaseKeyOf its fix versions) when the team's approval covers it (issue 16). */
    release: z.optional(z.string().check(z.maxLength(2000))),
  }),
  /** Where the decision was given when not in the panel: a Jira comment with a command (issue 15). Absent: the panel. */
  source: z.optional(DecisionSourceSchema),
  /**
   * An approval from a merge or pull request whose head has moved on: the newer head commit the app read from the
   * provider, and when. The approval was for `source.headSha`, so it is stale, as GitLab's "reset approvals on push".
   */
  headMoved: z.optional(z.strictObject({ headSha: ShaSchema, at: isoTime })),
}));
export type TeamDecision = z.infer<typeof TeamDecisionSchema>;

const basisText = lazySchema(() => z.string().check(z.minLength(1), z.maxLength(LIMITS.commentLength)));

/**
 * Why a number is what it is (seed 000: SRE agrees capacity and velocity "based on cost of service, human and service
 * toil"): each part optional, texts trimmed and non-empty, as the app writes them (no defaults, so a record's digest is
 * the digest of what was written).
 */
export const NumberBasisSchema = lazySchema(() => z.strictObject({
  costOfService: z.optional(basisText),
  humanToil: z.optional(basisText),
  serviceToil: z.optional(basisText),
  notes: z.optional(basisText),
  /** Figures the number was derived from: "cost per customer 12 USD / month". */
  figures: z.optional(z.array(z.strictObject({ label: z.string().check(z.minLength(1), z.maxLength(80)), value: z.number(), unit: z.string().check(z.maxLength(40)) })).check(z.minLength(1), z.maxLength(20))),
}));
export type NumberBasis = z.infer<typeof NumberBasisSchema>;

/**
 * Capacity, velocity and other numbers recorded on the issue (`golive-gate.numbers`), each with its basis where one was
 * given. Records written before issue 18 have no `basis` and read (and verify) as they were.
 */
export const NumbersRecordSchema = lazySchema(() => z.strictObject({
  kind: z.literal('numbers'),
  issueId: z.string().check(z.minLength(1)),
  values: z.record(z.string(), z.number()),
  basis: z.optional(z.record(z.string(), NumberBasisSchema)),
  by: accountId,
  at: isoTime,
}));
export type NumbersRecord = z.infer<typeof NumbersRecordSchema>;

/** Readiness questionnaire answers (`golive-gate.answers`). */
export const AnswersRecordSchema = lazySchema(() => z.strictObject({
  kind: z.literal('answers'),
  issueId: z.string().check(z.minLength(1)),
  answers: z.record(z.string(), z.string().check(z.maxLength(LIMITS.answerLength))),
  by: accountId,
  at: isoTime,
}));
export type AnswersRecord = z.infer<typeof AnswersRecordSchema>;

/** A stage forced open by a member of an override group (`golive-gate.override.<stageKey>`). */
export const OverrideRecordSchema = lazySchema(() => z.strictObject({
  kind: z.literal('override'),
  issueId: z.string().check(z.minLength(1)),
  stage: z.string().check(z.minLength(1)),
  by: accountId,
  via: z.string().check(z.minLength(1), z.maxLength(255)),
  at: isoTime,
  justification: z.string().check(z.minLength(1), z.maxLength(LIMITS.commentLength)),
}));
export type OverrideRecord = z.infer<typeof OverrideRecordSchema>;

/** Where a usage measurement came from: a team member in the panel, or a billing or quota system through the web trigger. */
export const USAGE_SOURCES = ['panel', 'webtrigger'] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];

/**
 * Actual usage of the product after go-live (`golive-gate.usage`), keyed by the number it is measured against: the
 * customers against capacity, the new customers per week against velocity. Each measurement replaces the last one.
 */
export const UsageRecordSchema = lazySchema(() => z.strictObject({
  kind: z.literal('usage'),
  issueId: z.string().check(z.minLength(1)),
  values: z.record(z.string(), z.number().check(z.gte(0))),
  /** When the usage was measured (the billing system's time, or when the team member recorded it). */
  measuredAt: isoTime,
  source: z.enum(USAGE_SOURCES),
  /** Who recorded it: the team member's account, or the name the billing system gave itself. */
  by: z.string().check(z.minLength(1), z.maxLength(128)),
  at: isoTime,
}));
export type UsageRecord = z.infer<typeof UsageRecordSchema>;

/**
 * A playbook generated from the ticket (`golive-gate.playbook`): the Markdown attached to the ticket, its SHA-256, and
 * the digest of the answers it was generated from, which tells whether it is still current.
 */
export const PlaybookRecordSchema = lazySchema(() => z.strictObject({
  kind: z.literal('playbook'),
  issueId: z.string().check(z.minLength(1)),
  attachmentId: z.string().check(z.minLength(1), z.maxLength(40)),
  fileName: z.string().check(z.minLength(1), z.maxLength(255)),
  sha256: digest,
  answersDigest: digest,
  by: accountId,
  at: isoTime,
}));
export type PlaybookRecord = z.infer<typeof PlaybookRecordSchema>;

/**
 * An exception to a stage's freeze (`golive-gate.exception.<stageKey>`, issue 16): granted by a member of the stage's
 * exception groups with a justification, for the target release the ticket had then; moving the ticket to another
 * release needs a new one.
 */
export const FreezeExceptionSchema = lazySchema(() => z.extend(OverrideRecordSchema, {
  // Who granted it, through which group and why, exactly as an override records it.
  kind: z.literal('exception'),
  /** releaseKeyOf the ticket's fix versions when it was granted. */
  release: z.string().check(z.maxLength(2000)),
}));
export type FreezeException = z.infer<typeof FreezeExceptionSchema>;

/**
 * A required check's latest result for the ticket's merge or pull request (`golive-gate.check.<hash of name>`, issue
 * 15), written by the app after re-reading the provider's API: the state for the change request's head commit then,
 * the run's address, and the change request and head it was for (`source`, as a decision from a merge request). When
 * the change request's head moves on, `headMoved` makes the result stale, as for approvals. On gate model v2 the record
 * maps unchanged onto a ticket-wide signal (like `golive-gate.numbers`), which each stage requiring the check reads.
 */
export const CheckRecordSchema = lazySchema(() => z.strictObject({
  kind: z.literal('check'),
  issueId: z.string().check(z.minLength(1)),
  /** The check's name as the provider reports it (a GitLab job or status, a GitHub check run or status context). */
  name: z.string().check(z.minLength(1), z.maxLength(255)),
  state: z.enum(['passed', 'failed', 'pending', 'skipped']),
  /** The run's web address, for the panel's link. */
  url: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2048))),
  source: z.strictObject({ kind: z.enum(['gitlab', 'github']), url: z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)), headSha: ShaSchema }),
  /** The provider that reported it (GitLab, GitHub): results come from the provider, not a person. */
  by: z.string().check(z.minLength(1), z.maxLength(128)),
  at: isoTime,
  headMoved: z.optional(z.strictObject({ headSha: ShaSchema, at: isoTime })),
}));
export type CheckRecord = z.infer<typeof CheckRecordSchema>;

export type GateRecord = TeamDecision | NumbersRecord | AnswersRecord | OverrideRecord | UsageRecord | PlaybookRecord | FreezeException | CheckRecord;

/** What the app read for one issue: the raw property values (untrusted) and what it recorded in KVS (trusted). */
export interface GateSnapshot {
  readonly issue: {
    readonly id: string;
    readonly key: string;
    readonly reporterAccountId?: string | undefined;
    readonly status?: string | undefined;
    /** The ticket's fix versions (Jira fields, not a record): what approvals of a stage requiring a release cover. */
    readonly targetRelease?: readonly TargetVersion[] | undefined;
  };
  /** Every `golive-gate.*` property of the issue, keyed by property key, exactly as Jira returned it. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The digest of the last record the app wrote, keyed by property key. */
  readonly digests: Readonly<Record<string, string>>;
  /**
   * The last record the app wrote, keyed by property key, where KVS keeps it (every record written since schema
   * version 2; earlier versions kept only the digest). It is what the app wrote, whatever the property now holds.
   */
  readonly written?: Readonly<Record<string, unknown>> | undefined;
  /**
   * Tickets linked with the configuration's link type (`linkedApprovals`), read the same way: a team's approval there
   * counts here only when its property matches the linked ticket's own head (issue 15).
   */
  readonly linked?: readonly Pick<GateSnapshot, 'issue' | 'properties' | 'digests' | 'written'>[] | undefined;
}

/**
 * The issue property a record lives in.
 *
 * @example
 * propertyKeyOf({ kind: 'decision', team: 'cee', ... }) // 'golive-gate.team.cee'
 */
export function propertyKeyOf(record: GateRecord): string {
  switch (record.kind) {
    case 'decision':
      return teamProperty(record.team);
    case 'numbers':
      return NUMBERS_PROPERTY;
    case 'answers':
      return ANSWERS_PROPERTY;
    case 'override':
      return overrideProperty(record.stage);
    case 'usage':
      return USAGE_PROPERTY;
    case 'playbook':
      return PLAYBOOK_PROPERTY;
    case 'exception':
      return exceptionProperty(record.stage);
    case 'check':
      return checkProperty(record.name);
  }
}
