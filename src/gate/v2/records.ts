import { z } from 'zod/mini';
import { LIMITS } from '../constants';
import { canonicalJson, sha256Hex } from '../digest';
import type { OverrideRecord, TeamDecision } from '../records';
import { DecisionSourceSchema } from '../decision-source';
import { ShaSchema } from '../provider-refs';
import { ANSWERS_PROPERTY, DECISIONS, NUMBERS_PROPERTY, NumberBasisSchema, overrideProperty } from '../records';
import { V2_LIMITS } from './config';
import { lazySchema } from '../lazy-schema';

/**
 * Records of model v2, each in its own issue property: one decision per stage, team and approver (so N of M and
 * concurrent approvers need no read-modify-write), "not applicable" waivers, numbers and answers that remember who
 * recorded each value, and the evidence a stage passed. v1's ticket-wide team decisions are still read (never written).
 */

export const DECISION_PREFIX = 'golive-gate.decision.';
export const WAIVER_PREFIX = 'golive-gate.waiver.';
export const PASS_PREFIX = 'golive-gate.pass.';
export const LEGACY_TEAM_PREFIX = 'golive-gate.team.';

/**
 * The property of one approver's decision for one team at one stage. Stage and team keys are at most 40 characters and
 * account ids at most 128, so the key stays within Jira's 255.
 *
 * @example
 * decisionProperty('beta', 'prr', '5b10ac8d82e05b22cc7d4ef5') // 'golive-gate.decision.beta.prr.5b10ac8d82e05b22cc7d4ef5'
 */
export const decisionProperty = (stage: string, team: string, accountId: string): string => `${DECISION_PREFIX}${stage}.${team}.${accountId}`;

export const WAIVER_TARGETS = ['team', 'number', 'item'] as const;
export type WaiverTargetKind = (typeof WAIVER_TARGETS)[number];

/**
 * The property of the waiver of a team, number or item on one ticket.
 *
 * @example
 * waiverProperty({ kind: 'team', key: 'layered-sre' }) // 'golive-gate.waiver.team.layered-sre'
 */
export const waiverProperty = (target: WaiverTarget): string => `${WAIVER_PREFIX}${target.kind}.${target.key}`;

/**
 * The property holding the evidence that a stage passed.
 *
 * @example
 * passProperty('go-live') // 'golive-gate.pass.go-live'
 */
export const passProperty = (stage: string): string => `${PASS_PREFIX}${stage}`;

/**
 * v1's property of a team's ticket-wide decision.
 *
 * @example
 * legacyTeamProperty('cee') // 'golive-gate.team.cee'
 */
export const legacyTeamProperty = (team: string): string => `${LEGACY_TEAM_PREFIX}${team}`;

const isoTime = lazySchema(() => z.iso.datetime({ offset: true }));
const AccountIdSchema = lazySchema(() => z.string().check(z.minLength(1), z.maxLength(128)));
const DigestSchema = lazySchema(() => z.string().check(z.regex(/^[0-9a-f]{64}$/)));
const RecordKeySchema = lazySchema(() => z.string().check(z.regex(/^[a-z][a-z0-9-]{0,39}$/)));
const GroupSchema = lazySchema(() => z.string().check(z.minLength(1), z.maxLength(255)));

/**
 * Where a decision was made (src/gate/decision-source.ts): the panel, a comment command, or a merge or pull request
 * approval with its head commit; a decision without one came from the panel.
 */
export { DecisionSourceSchema } from '../decision-source';
export type { DecisionSource } from '../decision-source';

/**
 * Digests of the numbers and answers an approval covers, as they were when the approver decided, and the ticket's target
 * release (releaseKeyOf its fix versions) when a stage of the team requires one (issue 16).
 */
export const CoversSchema = lazySchema(() => z.strictObject({ numbers: z.optional(DigestSchema), answers: z.optional(DigestSchema), release: z.optional(z.string().check(z.maxLength(2000))) }));

/** One approver's decision for one team at one stage (`golive-gate.decision.<stage>.<team>.<accountId>`). */
export const StageDecisionSchema = lazySchema(() => z.strictObject({
  kind: z.literal('decision'),
  schemaVersion: z.literal(2),
  issueId: z.string().check(z.minLength(1)),
  stage: RecordKeySchema,
  team: RecordKeySchema,
  decision: z.enum(DECISIONS),
  by: AccountIdSchema,
  /** The group through which `by` acted for the team, checked when the decision was made and again at the transition. */
  via: GroupSchema,
  /** Whether `via` is one of the team's own groups or came from the ticket's approver field. */
  viaSource: z.enum(['team-group', 'ticket-field']),
  /** For a group from the ticket's field: the value that named it ("sig-node"). */
  viaFieldValue: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
  at: isoTime,
  comment: z.optional(z.string().check(z.maxLength(LIMITS.commentLength))),
  covers: CoversSchema,
  source: z.optional(DecisionSourceSchema),
  /** The configuration version the decision was made under: a team removed and added back since does not count it. */
  configVersion: z.optional(z.number().check(z.int(), z.gte(0))),
  /** For a decision from a merge or pull request: the request's newer head commit, which makes the approval stale. */
  headMoved: z.optional(z.strictObject({ headSha: ShaSchema, at: isoTime })),
}));
export type StageDecision = z.infer<typeof StageDecisionSchema>;

export const WaiverTargetSchema = lazySchema(() => z.strictObject({ kind: z.enum(WAIVER_TARGETS), key: RecordKeySchema }));
export type WaiverTarget = z.infer<typeof WaiverTargetSchema>;

/**
 * "Not applicable on this ticket" for a team, a number or an item (`golive-gate.waiver.<kind>.<key>`), by the team
 * concerned or an override-group member, with a reason; `withdrawn` makes it required again.
 */
export const WaiverRecordSchema = lazySchema(() => z.strictObject({
  kind: z.literal('waiver'),
  schemaVersion: z.literal(2),
  issueId: z.string().check(z.minLength(1)),
  target: WaiverTargetSchema,
  status: z.enum(['waived', 'withdrawn']),
  by: AccountIdSchema,
  via: GroupSchema,
  at: isoTime,
  reason: z.string().check(z.minLength(1), z.maxLength(V2_LIMITS.waiverReasonLength)),
}));
export type WaiverRecord = z.infer<typeof WaiverRecordSchema>;

/** v1's numbers record: who recorded each value is not known. */
const NumbersV1Schema = lazySchema(() => z.strictObject({
  kind: z.literal('numbers'),
  issueId: z.string().check(z.minLength(1)),
  values: z.record(z.string(), z.number()),
  basis: z.optional(z.record(z.string(), NumberBasisSchema)),
  by: AccountIdSchema,
  at: isoTime,
}));

/** Capacity, velocity and other numbers (`golive-gate.numbers`), with who recorded each value. */
export const NumbersRecordV2Schema = lazySchema(() => z.strictObject({
  kind: z.literal('numbers'),
  schemaVersion: z.literal(2),
  issueId: z.string().check(z.minLength(1)),
  values: z.record(z.string(), z.number()),
  /** How each number was estimated (issue 18), covered with it. */
  basis: z.optional(z.record(z.string(), NumberBasisSchema)),
  recordedBy: z.record(z.string(), AccountIdSchema),
  by: AccountIdSchema,
  at: isoTime,
}));
export type NumbersRecordV2 = z.infer<typeof NumbersRecordV2Schema>;

/** An item's answer: text, a tick, a chosen option, a number or a link. */
export const AnswerValueSchema = lazySchema(() => z.union([z.string().check(z.maxLength(LIMITS.answerLength)), z.boolean(), z.number()]));
export type AnswerValue = z.infer<typeof AnswerValueSchema>;

const AnswersV1Schema = lazySchema(() => z.strictObject({
  kind: z.literal('answers'),
  issueId: z.string().check(z.minLength(1)),
  answers: z.record(z.string(), z.string().check(z.maxLength(LIMITS.answerLength))),
  by: AccountIdSchema,
  at: isoTime,
}));

/** Answers to the items (`golive-gate.answers`), typed by each item's kind, with who answered each. */
export const AnswersRecordV2Schema = lazySchema(() => z.strictObject({
  kind: z.literal('answers'),
  schemaVersion: z.literal(2),
  issueId: z.string().check(z.minLength(1)),
  answers: z.record(z.string(), AnswerValueSchema),
  answeredBy: z.record(z.string(), AccountIdSchema),
  by: AccountIdSchema,
  at: isoTime,
}));
export type AnswersRecordV2 = z.infer<typeof AnswersRecordV2Schema>;

/** A grant a pass relied on (an override, a freeze exception), as the pass record keeps it. */
const GrantSchema = lazySchema(() => z.strictObject({ by: AccountIdSchema, at: isoTime, justification: z.string().check(z.maxLength(LIMITS.commentLength)) }));

/**
 * The evidence that a gated transition passed a stage (`golive-gate.pass.<stage>`): the verdict it relied on, the
 * configuration version, the digests of the records behind it, who moved the ticket and when. `reopened` is set when
 * the ticket went back before the transition, which makes the stage's decisions writable again.
 */
export const PassRecordSchema = lazySchema(() => z.strictObject({
  kind: z.literal('pass'),
  schemaVersion: z.literal(2),
  issueId: z.string().check(z.minLength(1)),
  stage: RecordKeySchema,
  at: isoTime,
  by: AccountIdSchema,
  transition: z.strictObject({
    id: z.string().check(z.minLength(1), z.maxLength(40)),
    from: z.string().check(z.minLength(1), z.maxLength(40)),
    to: z.string().check(z.minLength(1), z.maxLength(40)),
    /** The statuses' names as the changelog gave them, for people reading the evidence. */
    fromName: z.optional(z.string().check(z.maxLength(255))),
    toName: z.optional(z.string().check(z.maxLength(255))),
  }),
  configVersion: z.number().check(z.int(), z.gte(0)),
  overridden: z.boolean(),
  /** The override or freeze exception the pass relied on, if any: who granted it, when, and why. */
  override: z.optional(GrantSchema),
  exception: z.optional(GrantSchema),
  message: z.string().check(z.maxLength(1000)),
  relied: z.record(z.string().check(z.maxLength(255)), DigestSchema),
  reopened: z.optional(z.strictObject({ at: isoTime, by: AccountIdSchema, to: z.string().check(z.minLength(1), z.maxLength(40)) })),
}));
export type PassRecord = z.infer<typeof PassRecordSchema>;

/** v1's ticket-wide decision, read as a legacy decision for every stage that requires the team. */
export { TeamDecisionSchema as LegacyDecisionSchema } from '../records';
export type LegacyDecision = TeamDecision;

export type GateRecordV2 = StageDecision | WaiverRecord | NumbersRecordV2 | AnswersRecordV2 | OverrideRecord | PassRecord;

/**
 * Numbers as the rules read them, from a v1 or a v2 record: v1 did not note who recorded each value.
 */
export interface NumbersView {
  readonly values: Readonly<Record<string, number>>;
  readonly basis?: Readonly<Record<string, unknown>> | undefined;
  readonly recordedBy?: Readonly<Record<string, string>> | undefined;
  readonly by: string;
  readonly at: string;
  readonly legacy: boolean;
}

/** Answers as the rules read them: a v1 string answer is a text answer. */
export interface AnswersView {
  readonly answers: Readonly<Record<string, AnswerValue>>;
  readonly answeredBy?: Readonly<Record<string, string>> | undefined;
  readonly by: string;
  readonly at: string;
  readonly legacy: boolean;
}

/**
 * Reads a numbers record of either version.
 *
 * @example
 * parseNumbers({ kind: 'numbers', issueId: '1', values: { capacity: 5 }, by: 'acc-pm', at }) // { values: { capacity: 5 }, legacy: true, ... }
 */
export function parseNumbers(raw: unknown): (NumbersView & { readonly issueId: string }) | undefined {
  const v2 = NumbersRecordV2Schema.safeParse(raw);
  if (v2.success) return { issueId: v2.data.issueId, values: v2.data.values, ...(v2.data.basis !== undefined && { basis: v2.data.basis }), recordedBy: v2.data.recordedBy, by: v2.data.by, at: v2.data.at, legacy: false };
  const v1 = NumbersV1Schema.safeParse(raw);
  return v1.success ? { issueId: v1.data.issueId, values: v1.data.values, ...(v1.data.basis !== undefined && { basis: v1.data.basis }), by: v1.data.by, at: v1.data.at, legacy: true } : undefined;
}

/**
 * Reads an answers record of either version.
 *
 * @example
 * parseAnswers({ kind: 'answers', issueId: '1', answers: { runbook: 'https://…' }, by: 'acc-pm', at }) // { answers: { runbook: 'https://…' }, legacy: true, ... }
 */
export function parseAnswers(raw: unknown): (AnswersView & { readonly issueId: string }) | undefined {
  const v2 = AnswersRecordV2Schema.safeParse(raw);
  if (v2.success) return { issueId: v2.data.issueId, answers: v2.data.answers, answeredBy: v2.data.answeredBy, by: v2.data.by, at: v2.data.at, legacy: false };
  const v1 = AnswersV1Schema.safeParse(raw);
  return v1.success ? { issueId: v1.data.issueId, answers: v1.data.answers, by: v1.data.by, at: v1.data.at, legacy: true } : undefined;
}

/**
 * The issue property a v2 record lives in.
 *
 * @example
 * propertyKeyOfV2({ kind: 'decision', stage: 'beta', team: 'prr', by: 'acc-1', ... }) // 'golive-gate.decision.beta.prr.acc-1'
 */
export function propertyKeyOfV2(record: GateRecordV2): string {
  switch (record.kind) {
    case 'decision':
      return decisionProperty(record.stage, record.team, record.by);
    case 'waiver':
      return waiverProperty(record.target);
    case 'numbers':
      return NUMBERS_PROPERTY;
    case 'answers':
      return ANSWERS_PROPERTY;
    case 'override':
      return overrideProperty(record.stage);
    case 'pass':
      return passProperty(record.stage);
  }
}

/**
 * The digest the app keeps for a record it wrote (canonical JSON, SHA-256), of either version: v1's records and v2's
 * are digested the same way, so a v1 record keeps verifying after the upgrade.
 *
 * @example
 * recordDigest(decision) // '3f1c…' (64 hex digits)
 */
export function recordDigest(record: unknown): string {
  return sha256Hex(canonicalJson(record));
}
