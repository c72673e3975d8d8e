import { z } from 'zod/mini';
import type { GateConfig } from './config';
import { LIMITS } from './config';
import { DECISIONS, propertyKeyOf, TeamDecisionSchema } from './records';
import { decisionProperty, StageDecisionSchema } from './v2/records';
import { lazySchema } from './lazy-schema';

/**
 * The review history: an append-only list of events per project, kept where only the app writes (Forge KVS, entity
 * `review-event`), from which the reviews page computes its figures. A decision event is stored in the same transaction
 * as the head of the decision it records, so every acknowledged decision is in the history; a stage entry is stored when
 * the ticket moves into the status its stage's transition leaves from; shadow reviews and their seconds when recorded.
 * Events name the stage, team and approver they are about, the keys model v2 files its records under (docs/design-v2.md).
 */

const isoTime = lazySchema(() => z.iso.datetime({ offset: true }));
const common = lazySchema(() => ({
  projectId: z.string().check(z.minLength(1)),
  issueId: z.string().check(z.minLength(1)),
  issueKey: z.string().check(z.minLength(1)),
  at: isoTime,
  /** Unique per issue and kind: a retried write stores the same event under the same key. */
  id: z.string().check(z.minLength(1), z.maxLength(200)),
}));

/** A team's decision on a ticket; `id` is the decision record's `<propertyKey>#<seq>`. */
export const DecisionEventSchema = lazySchema(() => z.object({
  ...common,
  kind: z.literal('decision'),
  team: z.string().check(z.minLength(1)),
  by: z.string().check(z.minLength(1)),
  decision: z.enum(DECISIONS),
  /** The stage of a decision made per stage (gate model v2); absent for a ticket-wide one. */
  stage: z.optional(z.string().check(z.minLength(1))),
}));
export type DecisionEvent = z.infer<typeof DecisionEventSchema>;

/** The ticket moved into `status`, the status `stage`'s gated transition leaves from: the stage's review began. */
export const StageEntryEventSchema = lazySchema(() => z.object({ ...common, kind: z.literal('stage-entered'), stage: z.string().check(z.minLength(1)), status: z.string().check(z.minLength(1)), by: z.optional(z.string().check(z.minLength(1))) }));
export type StageEntryEvent = z.infer<typeof StageEntryEventSchema>;

/** A shadow's non-binding review of a ticket for a team at a stage: shown to the team's approvers, never counted by the gate. */
export const ShadowReviewEventSchema = lazySchema(() => z.object({
  ...common,
  kind: z.literal('shadow-review'),
  team: z.string().check(z.minLength(1)),
  stage: z.string().check(z.minLength(1)),
  by: z.string().check(z.minLength(1)),
  verdict: z.enum(['approve', 'decline']),
  comment: z.string().check(z.minLength(1), z.maxLength(LIMITS.commentLength)),
}));
export type ShadowReviewEvent = z.infer<typeof ShadowReviewEventSchema>;

/** A full reviewer of the team seconds a shadow review (`review` is its id): it was of binding quality. */
export const ShadowSecondEventSchema = lazySchema(() => z.object({ ...common, kind: z.literal('shadow-seconded'), team: z.string().check(z.minLength(1)), review: z.string().check(z.minLength(1)), by: z.string().check(z.minLength(1)) }));
export type ShadowSecondEvent = z.infer<typeof ShadowSecondEventSchema>;

/** The team's named reviewer of a ticket: chosen by a team member, or picked round-robin by queue length. The latest counts. */
export const AssignmentEventSchema = lazySchema(() => z.object({
  ...common,
  kind: z.literal('reviewer-assigned'),
  team: z.string().check(z.minLength(1)),
  assignee: z.string().check(z.minLength(1)),
  by: z.string().check(z.minLength(1)),
  how: z.enum(['chosen', 'round-robin']),
}));
export type AssignmentEvent = z.infer<typeof AssignmentEventSchema>;

/**
 * An approval stopped counting: `approval-stale` when what it covered changed (numbers, answers, the target release,
 * the commit it was given on), `approval-expired` when it outlived its stage's lifetime. `id` is the approval's own
 * (`<propertyKey>#<seq>`, as its decision event), so each approval lapses once per kind, however often it is noticed.
 */
const lapseFields = lazySchema(() => ({
  ...common,
  team: z.string().check(z.minLength(1)),
  /** The first stage (configuration order) at which it no longer counts. */
  stage: z.string().check(z.minLength(1)),
  /** Who approved, and when: the approval that lapsed. */
  by: z.string().check(z.minLength(1)),
  approvedAt: isoTime,
  /** The gate's own words for why it no longer counts. */
  reason: z.optional(z.string().check(z.maxLength(LIMITS.commentLength))),
}));
export const StaleEventSchema = lazySchema(() => z.object({ ...lapseFields, kind: z.literal('approval-stale') }));
export type StaleEvent = z.infer<typeof StaleEventSchema>;
export const ExpiryEventSchema = lazySchema(() => z.object({ ...lapseFields, kind: z.literal('approval-expired') }));
export type ExpiryEvent = z.infer<typeof ExpiryEventSchema>;
export type LapseEvent = StaleEvent | ExpiryEvent;

/**
 * Someone commented on a gated ticket (`id` is the comment's id; `status` the ticket's status then): the bench tab
 * suggests frequent commenters outside a team as people to invite. The ticket's reporter and apps are not recorded.
 */
export const CommentEventSchema = lazySchema(() => z.object({ ...common, kind: z.literal('commented'), by: z.string().check(z.minLength(1)), status: z.string().check(z.minLength(1)) }));
export type CommentEvent = z.infer<typeof CommentEventSchema>;

export const ReviewEventSchema = lazySchema(() => z.discriminatedUnion('kind', [DecisionEventSchema, StageEntryEventSchema, ShadowReviewEventSchema, ShadowSecondEventSchema, AssignmentEventSchema, StaleEventSchema, ExpiryEventSchema, CommentEventSchema]));
export type ReviewEvent = z.infer<typeof ReviewEventSchema>;
export type ReviewEventKind = ReviewEvent['kind'];
export type ReviewEventOf<K extends ReviewEventKind> = Extract<ReviewEvent, { kind: K }>;

/**
 * Whether an event is of a kind (narrows its type).
 *
 * @example
 * events.filter((e) => isKind(e, 'decision')); // DecisionEvent[]
 */
export const isKind = <K extends ReviewEventKind>(event: ReviewEvent, kind: K): event is ReviewEventOf<K> => event.kind === kind;

/**
 * The history event of a record the app wrote as sequence `seq` of its key (0: under a digest of schema version 1; a
 * record read back from storage is checked), or undefined for anything else: records the history does not follow (numbers, answers,
 * overrides: the summary and the override records carry those), or no record at all.
 *
 * @example
 * historyEventOf(decision, { projectId: '10000', issueKey: 'SKU-1', seq: 3 });
 * // { kind: 'decision', team: 'cee', decision: 'declined', by: 'acc-cee', at: '2026-01-05T10:00:00.000Z', id: 'golive-gate.team.cee#3', ... }
 */
export function historyEventOf(written: unknown, where: { readonly projectId: string; readonly issueKey: string; readonly seq: number }): DecisionEvent | undefined {
  const staged = StageDecisionSchema.safeParse(written);
  if (staged.success) {
    const { issueId, at, stage, team, by, decision } = staged.data;
    return { kind: 'decision', projectId: where.projectId, issueId, issueKey: where.issueKey, at, id: `${decisionProperty(stage, team, by)}#${where.seq}`, team, by, decision, stage };
  }
  const parsed = TeamDecisionSchema.safeParse(written);
  if (!parsed.success) return undefined;
  const record = parsed.data;
  return {
    kind: 'decision', projectId: where.projectId, issueId: record.issueId, issueKey: where.issueKey, at: record.at,
    id: `${propertyKeyOf(record)}#${where.seq}`, team: record.team, by: record.by, decision: record.decision,
  };
}

/**
 * The stages a ticket enters when it moves into `status`: those whose `fromStatus` names it (Jira status names are
 * compared without regard to case, as JQL does).
 *
 * @example
 * stagesEnteredIn(config, 'In Review'); // ['promote-to-prod']
 */
export function stagesEnteredIn(config: { readonly stages: readonly Pick<GateConfig['stages'][number], 'key' | 'fromStatus'>[] }, status: string): string[] {
  const wanted = status.trim().toLowerCase();
  return config.stages.filter((s) => s.fromStatus !== undefined && s.fromStatus.trim().toLowerCase() === wanted).map((s) => s.key);
}
