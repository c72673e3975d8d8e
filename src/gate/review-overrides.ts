import type { OverrideEntry, ParsedTicket } from './review-tickets';

/**
 * Every override on the tickets, newest first (overrides whose record was not in the search answer last).
 *
 * @example
 * reviewOverrides(tickets); // [{ key: 'SKU-9', stage: 'go-live', by: 'acc-admin', at: '2026-01-05T10:00:00.000Z', justification: 'Customer launch ...' }]
 */
export function reviewOverrides(tickets: readonly ParsedTicket[]): OverrideEntry[] {
  return tickets.flatMap((t) => t.overrides).sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '') || a.key.localeCompare(b.key, 'en', { numeric: true }));
}
