import type { GateConfig } from './config';
import type { DecisionKind } from './records';
import type { DecisionEvent } from './review-history';
import type { Period } from './review-period';
import { DECIDED_STATES, inPeriod } from './review-period';
import type { ParsedTicket } from './review-tickets';

/** One decision the reviews page counts. */
export interface ReviewDecision {
  readonly ticket: ParsedTicket;
  readonly team: string;
  readonly by: string;
  readonly at: Date;
  readonly decision: DecisionKind;
  /**
   * `history`: from the review history, which keeps every decision. `summary`: a decision made before the app kept a
   * history, known only as the ticket's latest decision of the team (earlier ones on that ticket are lost).
   */
  readonly source: 'history' | 'summary';
}

/**
 * Every decision on the tickets in the period: each decision event of the history on a ticket the caller can see (a
 * decline then an approval are two decisions), plus, for decisions made before the history existed, each team's latest
 * decision as the ticket's summary has it when no history event records it.
 *
 * @example
 * reviewDecisions(tickets, history, period).filter((d) => d.team === 'osd-e2e').map((d) => d.decision);
 * // ['declined', 'approved']
 */
export function reviewDecisions(tickets: readonly ParsedTicket[], history: readonly DecisionEvent[], period: Period): ReviewDecision[] {
  const byId = new Map(tickets.flatMap((t) => (t.id === undefined ? [] : [[t.id, t] as const])));
  const decisions: ReviewDecision[] = [];
  const recorded = new Set<string>();
  for (const event of history) {
    const ticket = byId.get(event.issueId);
    const at = new Date(event.at);
    // Tickets outside the search answer are ones the caller may not browse (or deleted ones): never counted.
    if (ticket === undefined || !inPeriod(at, period)) continue;
    recorded.add(`${event.issueId} ${event.team} ${at.getTime()}`);
    decisions.push({ ticket, team: event.team, by: event.by, at, decision: event.decision, source: 'history' });
  }
  for (const ticket of tickets) {
    for (const [team, entry] of Object.entries(ticket.summary.teams)) {
      if (entry.at === undefined || entry.by === undefined || !DECIDED_STATES.some((state) => state === entry.state)) continue;
      const at = new Date(entry.at);
      if (!inPeriod(at, period) || recorded.has(`${ticket.id ?? ''} ${team} ${at.getTime()}`)) continue;
      decisions.push({ ticket, team, by: entry.by, at, decision: entry.state === 'declined' ? 'declined' : 'approved', source: 'summary' });
    }
  }
  return decisions.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** How long a team took to decide, and whether the start of its wait was recorded or estimated. */
export interface DecisionWait {
  readonly ms: number;
  readonly estimated: boolean;
}

/**
 * The wait before a decision: from the latest recorded entry of the ticket into a stage that needs the team, at or
 * before the decision (a re-review after rework starts afresh); no wait when the team decided before such a stage
 * began. A ticket with no recorded entry into those stages falls back to the estimate (the ticket's creation for the
 * first stage, else when the previous stage passed), marked `estimated`. Undefined only for a team no stage requires.
 *
 * @example
 * decisionWait(config, decision); // { ms: 7200000, estimated: false }
 */
export function decisionWait(config: GateConfig, decision: ReviewDecision): DecisionWait | undefined {
  const stages = config.stages.filter((s) => s.requiredTeams.includes(decision.team)).map((s) => s.key);
  const entries = decision.ticket.entries.filter((e) => stages.includes(e.stage));
  if (entries.length > 0) {
    const started = entries.filter((e) => e.at <= decision.at).at(-1);
    return { ms: started === undefined ? 0 : decision.at.getTime() - started.at.getTime(), estimated: false };
  }
  const first = stages[0];
  if (first === undefined) return undefined;
  const entered = decision.ticket.enteredAt[first];
  // Not entered yet (an earlier stage is still open): the team decided before its review began.
  return { ms: entered === undefined ? 0 : Math.max(0, decision.at.getTime() - entered.getTime()), estimated: true };
}
