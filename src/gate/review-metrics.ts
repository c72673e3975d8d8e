import { z } from 'zod';
import type { GateConfig } from './config';
import { OverrideRecordSchema } from './records';
import { currentStageIndex } from './stages';
import { isWaitingOn, TEAM_STATES } from './verdict';
import type { TeamState } from './verdict';

/**
 * Review metrics for the reviews page: what waits on whom, review throughput, bench depth and overrides.
 * Everything is computed from the derived summary property (`golive-gate.summary`) that the search answer
 * carries, so the page costs one search request per 100 tickets and no request per ticket.
 */

const isoTime = z.iso.datetime({ offset: true });

/**
 * The part of `golive-gate.summary` the metrics read. Extra fields are allowed so the summary can grow.
 *
 * @example
 * ReviewSummarySchema.safeParse(issue.properties['golive-gate.summary']).success; // false for a hand-edited summary
 */
export const ReviewSummarySchema = z.object({
  schemaVersion: z.literal(1),
  status: z.enum(['blocked', 'ready', 'overridden']),
  overridden: z.array(z.string()).default([]),
  updated: isoTime,
  stages: z.record(z.string(), z.object({ allowed: z.boolean(), approved: z.number(), required: z.number() })),
  teams: z.record(z.string(), z.object({ state: z.enum(TEAM_STATES), at: isoTime.optional(), by: z.string().min(1).optional() })),
});
export type ReviewSummary = z.infer<typeof ReviewSummarySchema>;

/** One gated ticket as the search answer returns it. `summary` and `overrides` are untrusted property values. */
export interface ReviewTicket {
  readonly key: string;
  /** The ticket's Jira summary (its title). */
  readonly title: string;
  readonly created: string;
  readonly status: string;
  /** Whether the ticket's status is in the "done" category: done tickets wait on nobody. */
  readonly done: boolean;
  readonly summary: unknown;
  /** `golive-gate.override.<stage>` values by stage key, when the search asked for them. */
  readonly overrides?: Readonly<Record<string, unknown>> | undefined;
}

/** A ticket whose summary parsed, with the stage entry and pass times derived from it. */
export interface ParsedTicket {
  readonly key: string;
  readonly title: string;
  readonly status: string;
  readonly done: boolean;
  readonly created: Date;
  readonly summary: ReviewSummary;
  /** When the ticket entered each stage it reached, by stage key. */
  readonly enteredAt: Readonly<Record<string, Date>>;
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
 * Parses the tickets of a search answer and derives when each reached and passed each stage: the first stage
 * is entered when the ticket was created; the next one when the previous stage passed, that is at the latest
 * decision among its required teams (or at its override). A malformed summary is skipped and counted.
 *
 * @example
 * const { tickets, skipped } = parseTickets(config, [{ key: 'SKU-1', title: 'Addon', created: '2026-01-01T00:00:00Z', status: 'In Review', done: false, summary }]);
 * tickets[0].enteredAt['promote-to-prod']; // 2026-01-01T00:00:00Z
 */
export function parseTickets(config: GateConfig, input: readonly ReviewTicket[]): ParsedTickets {
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
    const enteredAt: Record<string, Date> = {};
    const passedAt: Record<string, Date> = {};
    let entered: Date | undefined = created;
    for (const stage of config.stages) {
      if (entered === undefined) break;
      enteredAt[stage.key] = entered;
      const passed = stagePassedAt(stage.key, stage.requiredTeams, summary.data, overrides.find((o) => o.stage === stage.key), entered);
      if (passed !== undefined) passedAt[stage.key] = passed;
      entered = passed;
    }
    tickets.push({ key: ticket.key, title: ticket.title, status: ticket.status, done: ticket.done, created, summary: summary.data, enteredAt, passedAt, overrides });
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

// ---------------------------------------------------------------- queue

export interface WaitingTicket {
  readonly key: string;
  readonly title: string;
  readonly stage: string;
  readonly state: TeamState;
  /** When the ticket entered the stage that waits on the team. */
  readonly since: string;
  readonly waitingMs: number;
}

export interface TeamQueue {
  readonly team: string;
  readonly name: string;
  /** Oldest first. */
  readonly waiting: readonly WaitingTicket[];
}

export interface StageQueue {
  readonly stage: string;
  readonly name: string;
  readonly tickets: readonly { readonly key: string; readonly title: string; readonly status: string; readonly since: string; readonly waitingOn: readonly string[]; readonly declinedBy: readonly string[] }[];
}

export interface Queue {
  readonly stages: readonly StageQueue[];
  /** Only teams that have something waiting, the team with the oldest wait first. */
  readonly teams: readonly TeamQueue[];
}

/** The stage the ticket is waiting at: the first it has not passed (parseTickets enters each stage as the previous one passes). */
function currentStage(config: GateConfig, ticket: ParsedTicket): string | undefined {
  return config.stages[currentStageIndex(config.stages, (s) => ticket.passedAt[s.key] !== undefined)]?.key;
}

/**
 * What waits on whom: open tickets by the stage they wait at, and per team the tickets waiting on it, oldest first.
 * With `onlyTeams`, only those teams (the caller's, for "waiting on my teams").
 *
 * @example
 * const queue = reviewQueue(config, parseTickets(config, answer).tickets, new Date('2026-01-10T00:00:00Z'), ['sre-p']);
 * queue.teams[0]; // { team: 'sre-p', name: 'SRE-P', waiting: [{ key: 'SKU-3', stage: 'go-live', waitingMs: 259200000, ... }] }
 */
export function reviewQueue(config: GateConfig, tickets: readonly ParsedTicket[], now: Date, onlyTeams?: readonly string[]): Queue {
  const teamFilter = onlyTeams === undefined ? undefined : new Set(onlyTeams);
  const byStage = new Map<string, StageQueue['tickets'][number][]>();
  const byTeam = new Map<string, WaitingTicket[]>();
  for (const ticket of tickets) {
    if (ticket.done) continue;
    const stageKey = currentStage(config, ticket);
    const stage = config.stages.find((s) => s.key === stageKey);
    const entered = stageKey === undefined ? undefined : ticket.enteredAt[stageKey];
    if (stage === undefined || entered === undefined) continue;
    const waitingOn = stage.requiredTeams.filter((team) => isWaitingOn(ticket.summary.teams[team]?.state ?? 'pending'));
    const declinedBy = stage.requiredTeams.filter((team) => ticket.summary.teams[team]?.state === 'declined');
    const relevant = teamFilter === undefined || [...waitingOn, ...declinedBy].some((t) => teamFilter.has(t));
    if (!relevant) continue;
    const since = entered.toISOString();
    byStage.set(stage.key, [...(byStage.get(stage.key) ?? []), { key: ticket.key, title: ticket.title, status: ticket.status, since, waitingOn, declinedBy }]);
    for (const team of waitingOn) {
      if (teamFilter !== undefined && !teamFilter.has(team)) continue;
      const entry: WaitingTicket = {
        key: ticket.key, title: ticket.title, stage: stage.key, state: ticket.summary.teams[team]?.state ?? 'pending',
        since, waitingMs: Math.max(0, now.getTime() - entered.getTime()),
      };
      byTeam.set(team, [...(byTeam.get(team) ?? []), entry]);
    }
  }
  const oldestFirst = (a: { since: string; key: string }, b: { since: string; key: string }): number => a.since.localeCompare(b.since) || a.key.localeCompare(b.key, 'en', { numeric: true });
  const stages = config.stages
    .filter((s) => byStage.has(s.key))
    .map((s) => ({ stage: s.key, name: s.name, tickets: [...(byStage.get(s.key) ?? [])].sort(oldestFirst) }));
  const teams = config.teams
    .filter((t) => byTeam.has(t.key))
    .map((t) => ({ team: t.key, name: t.name, waiting: [...(byTeam.get(t.key) ?? [])].sort(oldestFirst) }))
    .sort((a, b) => (a.waiting[0]?.since ?? '').localeCompare(b.waiting[0]?.since ?? '') || a.team.localeCompare(b.team));
  return { stages, teams };
}

// ---------------------------------------------------------------- throughput

export interface Period {
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
}

const inPeriod = (at: Date, period: Period): boolean => at >= period.from && at < period.to;

/**
 * The q-quantile (0..1) of a list of numbers, interpolated linearly between closest ranks
 * (as spreadsheets' PERCENTILE.INC does); undefined for an empty list.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 * quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9); // 9.1
 */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] ?? 0;
  const highValue = sorted[high] ?? lowValue;
  return lowValue + (highValue - lowValue) * (rank - low);
}

export interface TeamThroughput {
  readonly team: string;
  readonly name: string;
  /** Decisions (approvals and declines, including approvals since gone stale or expired) made in the period. */
  readonly decisions: number;
  readonly approvals: number;
  readonly declines: number;
  /** Of the approvals made in the period, how many no longer count because what they covered changed. */
  readonly stale: number;
  /** Of the approvals made in the period, how many have expired. */
  readonly expired: number;
  /** Time from the ticket entering the first stage that requires the team to the team's decision. */
  readonly medianMs?: number | undefined;
  readonly p90Ms?: number | undefined;
}

export interface StageThroughput {
  readonly stage: string;
  readonly name: string;
  /** Tickets whose stage was satisfied (or overridden) in the period. */
  readonly passed: number;
  readonly overridden: number;
  /** Lead time: from entering the stage to passing it. */
  readonly medianLeadMs?: number | undefined;
  readonly p90LeadMs?: number | undefined;
}

export interface Throughput {
  readonly from: string;
  readonly to: string;
  readonly teams: readonly TeamThroughput[];
  readonly stages: readonly StageThroughput[];
}

/** Decision states: the team decided, whatever became of the decision since. Unverified records are not trusted. */
const DECIDED_STATES: readonly TeamState[] = ['approved', 'declined', 'stale', 'expired'];

/**
 * Review throughput over [from, to): per team, decisions, declines, approvals gone stale or expired, and the
 * median and 90th percentile time to decision; per stage, tickets that passed and their lead time.
 *
 * @example
 * const t = reviewThroughput(config, tickets, { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') });
 * t.teams.find((x) => x.team === 'sre-p'); // { decisions: 3, declines: 1, medianMs: 86400000, p90Ms: 158400000, ... }
 */
export function reviewThroughput(config: GateConfig, tickets: readonly ParsedTicket[], period: Period): Throughput {
  const teams = config.teams.map((team): TeamThroughput => {
    const firstStage = config.stages.find((s) => s.requiredTeams.includes(team.key))?.key;
    const durations: number[] = [];
    let decisions = 0;
    let approvals = 0;
    let declines = 0;
    let stale = 0;
    let expired = 0;
    for (const ticket of tickets) {
      const record = ticket.summary.teams[team.key];
      if (record?.at === undefined || !DECIDED_STATES.includes(record.state)) continue;
      const at = new Date(record.at);
      if (!inPeriod(at, period)) continue;
      decisions += 1;
      if (record.state === 'declined') declines += 1;
      else approvals += 1;
      if (record.state === 'stale') stale += 1;
      if (record.state === 'expired') expired += 1;
      const entered = firstStage === undefined ? undefined : ticket.enteredAt[firstStage];
      // A team may decide before the stage that needs it begins: that counts as no wait at all.
      if (entered !== undefined) durations.push(Math.max(0, at.getTime() - entered.getTime()));
    }
    return { team: team.key, name: team.name, decisions, approvals, declines, stale, expired, medianMs: quantile(durations, 0.5), p90Ms: quantile(durations, 0.9) };
  });
  const stages = config.stages.map((stage): StageThroughput => {
    const leads: number[] = [];
    let overridden = 0;
    for (const ticket of tickets) {
      const passed = ticket.passedAt[stage.key];
      const entered = ticket.enteredAt[stage.key];
      if (passed === undefined || entered === undefined || !inPeriod(passed, period)) continue;
      leads.push(Math.max(0, passed.getTime() - entered.getTime()));
      if (ticket.summary.overridden.includes(stage.key)) overridden += 1;
    }
    return { stage: stage.key, name: stage.name, passed: leads.length, overridden, medianLeadMs: quantile(leads, 0.5), p90LeadMs: quantile(leads, 0.9) };
  });
  return { from: period.from.toISOString(), to: period.to.toISOString(), teams, stages };
}

// ---------------------------------------------------------------- bench depth

export const MIN_APPROVERS = 2;

export interface TeamBench {
  readonly team: string;
  readonly name: string;
  readonly groups: readonly string[];
  /** Everyone in one of the team's groups, with the decisions each made for the team in the period, most first. */
  readonly approvers: readonly { readonly accountId: string; readonly decisions: number }[];
  readonly decisions: number;
  /** Decisions in the period by people no longer in the team's groups. */
  readonly formerApproverDecisions: number;
  readonly warning?: string | undefined;
}

/**
 * Bench depth per team: who can approve for it (members of its groups) and how many decisions each made in the
 * period. Warns when fewer than two people can approve, or when one person made most (over half) of the decisions.
 *
 * @example
 * reviewBench(config, tickets, period, { 'golive-sre-p': ['acc-sre-p'] })[0].warning;
 * // 'Only 1 person can approve for SRE-P: add someone to golive-sre-p.'
 */
export function reviewBench(
  config: GateConfig,
  tickets: readonly ParsedTicket[],
  period: Period,
  membersByGroup: Readonly<Record<string, readonly string[]>>,
): TeamBench[] {
  return config.teams.map((team): TeamBench => {
    const members = [...new Set(team.groups.flatMap((g) => membersByGroup[g] ?? []))];
    const counts = new Map<string, number>(members.map((m) => [m, 0]));
    let decisions = 0;
    let former = 0;
    for (const ticket of tickets) {
      const record = ticket.summary.teams[team.key];
      if (record?.at === undefined || record.by === undefined || !DECIDED_STATES.includes(record.state) || !inPeriod(new Date(record.at), period)) continue;
      decisions += 1;
      const count = counts.get(record.by);
      if (count === undefined) former += 1;
      else counts.set(record.by, count + 1);
    }
    const approvers = [...counts].map(([accountId, n]) => ({ accountId, decisions: n })).sort((a, b) => b.decisions - a.decisions || a.accountId.localeCompare(b.accountId));
    const top = approvers[0];
    let warning: string | undefined;
    if (members.length < MIN_APPROVERS) {
      const who = members.length === 0 ? 'Nobody can' : 'Only 1 person can';
      warning = `${who} approve for ${team.name}: add someone to ${team.groups.join(' or ')}.`;
    } else if (top !== undefined && decisions >= 2 && top.decisions * 2 > decisions) {
      warning = `One person made ${top.decisions} of ${team.name}'s ${decisions} decisions: spread the reviews.`;
    }
    return { team: team.key, name: team.name, groups: team.groups, approvers, decisions, formerApproverDecisions: former, warning };
  });
}

/**
 * Every override on the tickets, newest first (overrides whose record was not in the search answer last).
 *
 * @example
 * reviewOverrides(tickets); // [{ key: 'SKU-9', stage: 'go-live', by: 'acc-admin', at: '2026-01-05T10:00:00.000Z', justification: 'Customer launch ...' }]
 */
export function reviewOverrides(tickets: readonly ParsedTicket[]): OverrideEntry[] {
  return tickets.flatMap((t) => t.overrides).sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '') || a.key.localeCompare(b.key, 'en', { numeric: true }));
}

// ---------------------------------------------------------------- CSV

/**
 * One CSV cell: quoted as RFC 4180 asks when needed, and defused when a spreadsheet would run it as a formula.
 *
 * @example
 * csvCell('a "b", c'); // '"a ""b"", c"'
 * csvCell('=HYPERLINK("x")'); // '"\'=HYPERLINK(""x"")"'
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as RFC 4180 CSV: comma separated, CRLF line ends.
 *
 * @example
 * toCsv([['team', 'decisions'], ['SRE-P', 3]]); // 'team,decisions\r\nSRE-P,3\r\n'
 */
export function toCsv(rows: readonly (readonly (string | number | undefined)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const hours = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : Math.round((ms / 3_600_000) * 10) / 10);

/**
 * The throughput as CSV, one row per team then one per stage; durations in hours with one decimal.
 *
 * @example
 * throughputCsv(throughput).split('\r\n')[0];
 * // 'kind,key,name,decisions,approvals,declines,stale,expired,median hours,p90 hours,passed,overridden,from,to'
 */
export function throughputCsv(throughput: Throughput): string {
  const header = ['kind', 'key', 'name', 'decisions', 'approvals', 'declines', 'stale', 'expired', 'median hours', 'p90 hours', 'passed', 'overridden', 'from', 'to'];
  const teams = throughput.teams.map((t) => ['team', t.team, t.name, t.decisions, t.approvals, t.declines, t.stale, t.expired, hours(t.medianMs), hours(t.p90Ms), undefined, undefined, throughput.from, throughput.to]);
  const stages = throughput.stages.map((s) => ['stage', s.stage, s.name, undefined, undefined, undefined, undefined, undefined, hours(s.medianLeadMs), hours(s.p90LeadMs), s.passed, s.overridden, throughput.from, throughput.to]);
  return toCsv([header, ...teams, ...stages]);
}
