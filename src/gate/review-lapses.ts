import type { LapseEvent } from './review-history';
import type { Period } from './review-period';
import { inPeriod } from './review-period';
import type { ParsedTicket } from './review-tickets';
import type { GateFacts } from './v2/evaluate';
import { evaluateAllV2 } from './v2/evaluate';
import type { RecordSetV2 } from './v2/read-records';
import { decisionProperty, legacyTeamProperty } from './v2/records';

const DAY_MS = 86_400_000;

/** The ticket (as gate model v2 judges it) and the sequence of each record head the app wrote for it (a head of schema version 1 is 0). */
export interface LapseContext {
  readonly projectId: string;
  readonly facts: GateFacts;
  readonly seqOf: (propertyKey: string) => number;
}

/**
 * When an approval went stale: when the numbers or answers it covered were next written after it (the records keep their
 * time), else `now` (a new target release or commit, noticed in the request that saw it).
 */
function staleSince(records: RecordSetV2, approvedAt: string, now: Date): Date {
  const approved = Date.parse(approvedAt);
  const changes = [records.numbers?.at, records.answers?.at].flatMap((at) => (at === undefined || Date.parse(at) <= approved ? [] : [Date.parse(at)]));
  return changes.length === 0 ? now : new Date(Math.min(...changes));
}

/**
 * The lapse events of a ticket as it stands at `now`, by gate model v2's rules (the validator's): for each approval the
 * app wrote on the ticket (per stage, or v1's ticket-wide one) that no longer counts at some stage, an `approval-stale`
 * or `approval-expired` event, at the first stage (configuration order) where it lapsed. An expiry happened at a moment
 * the rules fix (the approval's time plus the lifetime of the stage where it expired), so it is dated then, however
 * late it is noticed; a staleness is dated by the write of the numbers or answers after the approval, else `now` (the
 * caller notices a new release or commit in the request that sees it). The event id is the approval record's, so
 * recording them again on every refresh changes nothing.
 *
 * @example
 * lapseEventsOf({ projectId: '10000', facts, seqOf: () => 3 }, now);
 * // [{ kind: 'approval-expired', team: 'cee', stage: 'go-live', approvedAt: '2026-01-01T10:00:00.000Z', at: '2026-01-31T10:00:00.000Z', id: 'golive-gate.team.cee#3', ... }]
 */
export function lapseEventsOf(context: LapseContext, now: Date): LapseEvent[] {
  const { facts } = context;
  const { config, ticket, records } = facts;
  const events = new Map<string, LapseEvent>();
  for (const verdict of evaluateAllV2(facts, now)) {
    const lifetime = config.stages.find((s) => s.key === verdict.stage)?.approvalLifetimeDays;
    for (const team of verdict.teams) {
      for (const approval of team.approvals) {
        if ((approval.state !== 'stale' && approval.state !== 'expired') || approval.linkedIssue !== undefined) continue;
        const kind = approval.state === 'stale' ? 'approval-stale' : 'approval-expired';
        const propertyKey = approval.legacy ? legacyTeamProperty(team.team) : decisionProperty(approval.stage, team.team, approval.by);
        const id = `${propertyKey}#${context.seqOf(propertyKey)}`;
        if (events.has(`${kind} ${id}`)) continue;
        const at = kind === 'approval-expired' ? (lifetime === undefined ? now : new Date(Date.parse(approval.at) + lifetime * DAY_MS)) : staleSince(records, approval.at, now);
        events.set(`${kind} ${id}`, {
          kind, id, projectId: context.projectId, issueId: ticket.id, issueKey: ticket.key,
          at: at.toISOString(),
          team: team.team, stage: verdict.stage, by: approval.by, approvedAt: approval.at, reason: team.reason.slice(0, 2000),
        });
      }
    }
  }
  return [...events.values()];
}

/** Approvals that stopped counting in a period, for one team. */
export interface TeamLapses {
  readonly stale: number;
  readonly expired: number;
  /** Of those, the ones known only from a ticket's summary (lapsed before the history kept lapses): dated by the approval. */
  readonly fromSummary: number;
}

const lapseKey = (issueId: string | undefined, team: string, approvedAt: string): string => `${issueId ?? ''} ${team} ${Date.parse(approvedAt)}`;

/**
 * Per team, the approvals that went stale or expired in the period: each lapse event of the history dated in it, on a
 * ticket the caller can see; plus, for approvals that lapsed before the history kept lapses (history written by an
 * earlier version), each team whose summary shows its approval stale or expired, approved in the period and with no
 * lapse event of that approval (marked `fromSummary`).
 *
 * @example
 * reviewLapses(tickets, [...staleEvents, ...expiryEvents], period).get('cee'); // { stale: 1, expired: 2, fromSummary: 0 }
 */
export function reviewLapses(tickets: readonly ParsedTicket[], events: readonly LapseEvent[], period: Period): Map<string, TeamLapses> {
  const visible = new Set(tickets.flatMap((t) => (t.id === undefined ? [] : [t.id])));
  const counts = new Map<string, { stale: number; expired: number; fromSummary: number }>();
  const countOf = (team: string): { stale: number; expired: number; fromSummary: number } => {
    const found = counts.get(team) ?? { stale: 0, expired: 0, fromSummary: 0 };
    counts.set(team, found);
    return found;
  };
  const recorded = new Set(events.map((e) => lapseKey(e.issueId, e.team, e.approvedAt)));
  for (const event of events) {
    if (!visible.has(event.issueId) || !inPeriod(new Date(event.at), period)) continue;
    const count = countOf(event.team);
    if (event.kind === 'approval-stale') count.stale += 1;
    else count.expired += 1;
  }
  for (const ticket of tickets) {
    for (const [team, entry] of Object.entries(ticket.summary.teams)) {
      if ((entry.state !== 'stale' && entry.state !== 'expired') || entry.at === undefined) continue;
      if (!inPeriod(new Date(entry.at), period) || recorded.has(lapseKey(ticket.id, team, entry.at))) continue;
      const count = countOf(team);
      if (entry.state === 'stale') count.stale += 1;
      else count.expired += 1;
      count.fromSummary += 1;
    }
  }
  return counts;
}
