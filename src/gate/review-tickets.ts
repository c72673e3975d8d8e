import { z } from 'zod/mini';
import type { GateConfig } from './config';
import { OverrideRecordSchema } from './records';
import type { StageEntryEvent } from './review-history';
import type { TargetVersion } from './target-release';
import { TEAM_STATES_V2 } from './v2/verdict';
import { lazySchema } from './lazy-schema';

/**
 * The gated tickets the reviews page measures (queue, throughput, bench depth, overrides), read from the derived summary
 * property (`golive-gate.summary`) that the search answer carries: one search request per 100 tickets, none per ticket.
 */

const isoTime = lazySchema(() => z.iso.datetime({ offset: true }));

/**
 * The part of `golive-gate.summary` the metrics read. Extra fields are allowed so the summary can grow. Team states are
 * gate model v2's: a team waived or not required on the ticket (Layered SRE where absent) is neither waited on nor decided.
 *
 * @example
 * ReviewSummarySchema.safeParse(issue.properties['golive-gate.summary']).success; // false for a hand-edited summary
 */
export const ReviewSummarySchema = lazySchema(() => z.object({
  schemaVersion: z.literal(1),
  status: z.enum(['blocked', 'ready', 'overridden']),
  /** The stage the ticket is at, and who it waits on (pending, stale or expired) and who declined there: gate model v2 approves per stage. */
  stage: z.optional(z.string()),
  pending: z.optional(z.array(z.string())),
  declined: z.optional(z.array(z.string())),
  overridden: z._default(z.array(z.string()), []),
  updated: isoTime,
  stages: z.record(z.string(), z.object({ allowed: z.boolean(), approved: z.number(), required: z.number() })),
  teams: z.record(z.string(), z.object({ state: z.enum(TEAM_STATES_V2), at: z.optional(isoTime), by: z.optional(z.string().check(z.minLength(1))) })),
}));
export type ReviewSummary = z.infer<typeof ReviewSummarySchema>;

/** One gated ticket as the search answer returns it. `summary` and `overrides` are untrusted property values. */
export interface ReviewTicket {
  readonly key: string;
  /** The issue id, which the review history names tickets by (absent: the ticket matches no history event). */
  readonly id?: string | undefined;
  /** The ticket's Jira summary (its title). */
  readonly title: string;
  readonly created: string;
  readonly status: string;
  /** Whether the ticket's status is in the "done" category: done tickets wait on nobody. */
  readonly done: boolean;
  readonly summary: unknown;
  /** `golive-gate.override.<stage>` values by stage key, when the search asked for them. */
  readonly overrides?: Readonly<Record<string, unknown>> | undefined;
  /** The ticket's fix versions (its target release), when the search asked for them. */
  readonly fixVersions?: readonly TargetVersion[] | undefined;
  /** The ticket's approver fields as words (`SearchPage`'s `ticketFields`), when the search asked for them. */
  readonly fields?: Readonly<Record<string, readonly string[]>> | undefined;
}

/** A ticket whose summary parsed, with the stage entry and pass times derived from it. */
export interface ParsedTicket {
  readonly key: string;
  readonly id?: string | undefined;
  readonly title: string;
  readonly status: string;
  readonly done: boolean;
  readonly created: Date;
  readonly summary: ReviewSummary;
  /**
   * When the ticket entered each stage it reached, by stage key: its first recorded entry (moving into the stage's
   * `fromStatus`), else estimated from the records (created for the first stage, else when the previous stage passed).
   */
  readonly enteredAt: Readonly<Record<string, Date>>;
  /** Stages whose `enteredAt` is estimated from the records, not recorded. */
  readonly estimatedEntry: readonly string[];
  /** Every recorded stage entry of the ticket, oldest first. */
  readonly entries: readonly { readonly stage: string; readonly at: Date }[];
  /** When each passed stage was satisfied (last required approval, or the override), by stage key. */
  readonly passedAt: Readonly<Record<string, Date>>;
  readonly overrides: readonly OverrideEntry[];
}

export interface OverrideEntry {
  readonly key: string;
  readonly title: string;
  readonly stage: string;
  readonly stageName: string;
  /** Absent when the override record was not in the search answer (only the summary names the stage). */
  readonly by?: string | undefined;
  readonly at?: string | undefined;
  readonly justification?: string | undefined;
}

export interface ParsedTickets {
  readonly tickets: readonly ParsedTicket[];
  /** Keys of tickets whose summary is missing, hand-edited or malformed: left out of every figure. */
  readonly skipped: readonly string[];
}

const latest = (dates: readonly Date[]): Date | undefined =>
  dates.reduce<Date | undefined>((max, d) => (max === undefined || d > max ? d : max), undefined);

/**
 * Parses the tickets of a search answer and finds when each reached and passed each stage. A stage is entered at the
 * ticket's first recorded entry into it (`entries`, from the review history); without one it is estimated: the first
 * stage when the ticket was created, the next one when the previous stage passed. A stage passes at the latest
 * decision among its required teams (or at its override), never before it was entered. A malformed summary is skipped
 * and counted.
 *
 * @example
 * const { tickets, skipped } = parseTickets(config, [{ key: 'SKU-1', id: '10001', title: 'Addon', created: '2026-01-01T00:00:00Z', status: 'In Review', done: false, summary }], entries);
 * tickets[0].enteredAt['promote-to-prod']; // 2026-01-02T09:00:00Z, when it moved to In Review
 */
export function parseTickets(config: GateConfig, input: readonly ReviewTicket[], entries: readonly StageEntryEvent[] = []): ParsedTickets {
  const entriesOf = new Map<string, { stage: string; at: Date }[]>();
  for (const entry of [...entries].sort((a, b) => a.at.localeCompare(b.at))) {
    entriesOf.set(entry.issueId, [...(entriesOf.get(entry.issueId) ?? []), { stage: entry.stage, at: new Date(entry.at) }]);
  }
  const tickets: ParsedTicket[] = [];
  const skipped: string[] = [];
  for (const ticket of input) {
    const summary = ReviewSummarySchema.safeParse(ticket.summary);
    const created = new Date(ticket.created);
    if (!summary.success || Number.isNaN(created.getTime())) {
      skipped.push(ticket.key);
      continue;
    }
    const overrides = overridesOf(config, ticket, summary.data);
    const recorded = ticket.id === undefined ? [] : (entriesOf.get(ticket.id) ?? []);
    const enteredAt: Record<string, Date> = {};
    const passedAt: Record<string, Date> = {};
    const estimatedEntry: string[] = [];
    let estimate: Date | undefined = created;
    for (const stage of config.stages) {
      const first = recorded.find((e) => e.stage === stage.key)?.at;
      const entered = first ?? estimate;
      if (entered === undefined) break;
      enteredAt[stage.key] = entered;
      if (first === undefined) estimatedEntry.push(stage.key);
      const passed = stagePassedAt(stage.key, stage.requiredTeams, summary.data, overrides.find((o) => o.stage === stage.key), entered);
      if (passed !== undefined) passedAt[stage.key] = passed;
      estimate = passed;
    }
    tickets.push({
      key: ticket.key, id: ticket.id, title: ticket.title, status: ticket.status, done: ticket.done, created, summary: summary.data, enteredAt, passedAt, overrides,
      estimatedEntry, entries: recorded,
    });
  }
  return { tickets, skipped };
}

function stagePassedAt(stageKey: string, requiredTeams: readonly string[], summary: ReviewSummary, override: OverrideEntry | undefined, entered: Date): Date | undefined {
  if (summary.stages[stageKey]?.allowed !== true) return undefined;
  if (summary.overridden.includes(stageKey)) {
    // Without the override record, the summary was last written no earlier than the override.
    return new Date(override?.at ?? summary.updated);
  }
  const decided = requiredTeams.flatMap((team) => summary.teams[team]?.at ?? []).map((at) => new Date(at));
  const last = latest(decided);
  // An approval given before the stage was entered does not make the stage pass before it began.
  return last === undefined || last < entered ? entered : last;
}

function overridesOf(config: GateConfig, ticket: ReviewTicket, summary: ReviewSummary): OverrideEntry[] {
  return summary.overridden.map((stageKey) => {
    const stageName = config.stages.find((s) => s.key === stageKey)?.name ?? stageKey;
    const record = OverrideRecordSchema.safeParse(ticket.overrides?.[stageKey]);
    const base = { key: ticket.key, title: ticket.title, stage: stageKey, stageName };
    return record.success && record.data.stage === stageKey
      ? { ...base, by: record.data.by, at: record.data.at, justification: record.data.justification }
      : base;
  });
}
