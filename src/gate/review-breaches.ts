import type { GateConfig } from './config';
import { breachInWords, commitments } from './commitments';
import { CommitmentSummarySchema } from './commitment-summary';
import type { ReviewTicket } from './review-tickets';

/** A ticket whose measured usage is above what was agreed, for the reviews page. */
export interface BreachEntry {
  readonly key: string;
  readonly title: string;
  /** Each breach as a sentence: "Capacity breached: 120 customers measured, 100 customers agreed". */
  readonly breaches: readonly string[];
}

/**
 * The tickets of a search answer whose summary shows usage above an agreed number, read from the same summaries as
 * every other figure of the reviews page (no request per ticket).
 *
 * @example
 * reviewBreaches(config, found.tickets) // [{ key: 'SKU-4', title: 'Add-on D', breaches: ['Capacity breached: 120 customers measured, 100 customers agreed'] }]
 */
export function reviewBreaches(config: GateConfig, tickets: readonly ReviewTicket[]): BreachEntry[] {
  return tickets.flatMap((ticket) => {
    const summary = CommitmentSummarySchema.safeParse(ticket.summary);
    if (!summary.success || summary.data.breached.length === 0) return [];
    const breaches = commitments(config, summary.data.numbers, summary.data.usage).filter((c) => c.state === 'breached');
    return breaches.length === 0 ? [] : [{ key: ticket.key, title: ticket.title, breaches: breaches.map(breachInWords) }];
  });
}
