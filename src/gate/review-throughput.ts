import type { GateConfig } from './config';
import { toCsv } from './csv';
import type { Period } from './review-period';
import { inPeriod } from './review-period';
import type { LapseEvent } from './review-history';
import { reviewLapses } from './review-lapses';
import type { ReviewDecision } from './review-decisions';
import { decisionWait } from './review-decisions';
import type { ParsedTicket } from './review-tickets';

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
  /** Approvals and declines made in the period, every one of them (a decline then an approval on a ticket are two). */
  readonly decisions: number;
  readonly approvals: number;
  readonly declines: number;
  /** Decisions withdrawn in the period (not counted in `decisions`). */
  readonly revokes: number;
  /** Approvals that went stale in the period (what they covered changed): lapse events of the review history. */
  readonly stale: number;
  /** Approvals that expired in the period (dated when their lifetime ended). */
  readonly expired: number;
  /** Of `stale` and `expired`, lapses known only from a ticket's summary (before the history kept them), dated by the approval. */
  readonly lapsesFromSummary: number;
  /** Time from the ticket entering the review of a stage that needs the team to the team's decision. */
  readonly medianMs?: number | undefined;
  readonly p90Ms?: number | undefined;
  /** Decisions known only from a ticket's summary (made before the app kept a review history). */
  readonly fromSummary: number;
  /** Waits whose start is estimated (no recorded stage entry), not measured. */
  readonly estimatedWaits: number;
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

/**
 * Review throughput over [from, to): per team, every decision (see reviewDecisions), declines, revokes, approvals gone
 * stale or expired in the period (see reviewLapses), and the median and 90th percentile time to decision (see decisionWait); per stage, tickets that
 * passed and their lead time.
 *
 * @example
 * const t = reviewThroughput(config, tickets, period, reviewDecisions(tickets, history, period));
 * t.teams.find((x) => x.team === 'sre-p'); // { decisions: 3, declines: 1, medianMs: 86400000, p90Ms: 158400000, ... }
 */
export function reviewThroughput(config: GateConfig, tickets: readonly ParsedTicket[], period: Period, decided: readonly ReviewDecision[], lapseEvents: readonly LapseEvent[] = []): Throughput {
  const lapses = reviewLapses(tickets, lapseEvents, period);
  const teams = config.teams.map((team): TeamThroughput => {
    const durations: number[] = [];
    let approvals = 0;
    let declines = 0;
    let revokes = 0;
    let fromSummary = 0;
    let estimatedWaits = 0;
    for (const decision of decided) {
      if (decision.team !== team.key) continue;
      if (decision.decision === 'revoked') {
        revokes += 1;
        continue;
      }
      if (decision.decision === 'declined') declines += 1;
      else approvals += 1;
      if (decision.source === 'summary') fromSummary += 1;
      const wait = decisionWait(config, decision);
      if (wait === undefined) continue;
      durations.push(wait.ms);
      if (wait.estimated) estimatedWaits += 1;
    }
    const { stale, expired, fromSummary: lapsesFromSummary } = lapses.get(team.key) ?? { stale: 0, expired: 0, fromSummary: 0 };
    return {
      team: team.key, name: team.name, decisions: approvals + declines, approvals, declines, revokes, stale, expired, lapsesFromSummary,
      medianMs: quantile(durations, 0.5), p90Ms: quantile(durations, 0.9), fromSummary, estimatedWaits,
    };
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
