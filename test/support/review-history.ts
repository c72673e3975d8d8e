// A history of gated tickets for the tests of the reviews page's metrics (src/gate/review-*.ts): three teams, two
// stages, six tickets whose figures the tests work out by hand.
import { parseGateConfig } from '../../src/gate/config';
import type { GateConfig } from '../../src/gate/config';
import { reviewDecisions } from '../../src/gate/review-decisions';
import { parseTickets } from '../../src/gate/review-tickets';
import type { ReviewTicket } from '../../src/gate/review-tickets';
import type { TeamStateV2 } from '../../src/gate/v2/verdict';

export type TeamEntry = { state: TeamStateV2; at?: string; by?: string };

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const HOUR = 3_600_000;
export const h = (n: number): string => new Date(T0 + n * HOUR).toISOString();

function configOf(input: unknown): GateConfig {
  const parsed = parseGateConfig(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

export const config = configOf({
  teams: [
    { key: 'a', name: 'Team A', area: 'engineering', groups: ['g-a'] },
    { key: 'b', name: 'Team B', area: 'engineering', groups: ['g-b'] },
    { key: 'c', name: 'Team C', area: 'review', groups: ['g-c'] },
  ],
  stages: [
    { key: 's1', name: 'Stage one', requiredTeams: ['a', 'b'] },
    { key: 's2', name: 'Stage two', requiredTeams: ['a', 'b', 'c'] },
  ],
});


/** A summary as the app derives it when each team's state is the same at every stage (ticket-wide decisions). */
export function summaryOf(teams: Record<string, TeamEntry>, overridden: string[] = []): unknown {
  const approved = (keys: string[]): number => keys.filter((k) => teams[k]?.state === 'approved').length;
  const allowed = (keys: string[], stage: string): boolean => approved(keys) === keys.length || overridden.includes(stage);
  // The stage the ticket is at: the first not allowed, else the last; who it waits on and who declined there.
  const at = allowed(['a', 'b'], 's1') ? ['a', 'b', 'c'] : ['a', 'b'];
  const stateOf = (k: string): string => teams[k]?.state ?? 'pending';
  return {
    schemaVersion: 1,
    status: overridden.length > 0 ? 'overridden' : allowed(['a', 'b', 'c'], 's2') ? 'ready' : 'blocked',
    stage: at.length === 2 ? 's1' : 's2',
    approved: approved(['a', 'b', 'c']),
    required: 3,
    pending: at.filter((k) => ['pending', 'stale', 'expired'].includes(stateOf(k))),
    declined: at.filter((k) => stateOf(k) === 'declined'),
    unverified: [],
    overridden,
    updated: h(99),
    stages: {
      s1: { allowed: allowed(['a', 'b'], 's1'), approved: approved(['a', 'b']), required: 2 },
      s2: { allowed: allowed(['a', 'b', 'c'], 's2'), approved: approved(['a', 'b', 'c']), required: 3 },
    },
    teams,
    numbers: {},
  };
}

export const ticket = (key: string, created: string, summary: unknown, extra: Partial<ReviewTicket> = {}): ReviewTicket => ({
  key, title: `Ticket ${key}`, created, status: 'In Review', done: false, summary, ...extra,
});

/** A history whose figures are worked out by hand in the expectations below. */
export const history: ReviewTicket[] = [
  ticket('SKU-1', h(0), summaryOf({ a: { state: 'approved', at: h(10), by: 'u1' }, b: { state: 'approved', at: h(20), by: 'u2' }, c: { state: 'approved', at: h(30), by: 'u3' } })),
  ticket('SKU-2', h(24), summaryOf({ a: { state: 'approved', at: h(28), by: 'u1' }, b: { state: 'pending' }, c: { state: 'pending' } })),
  ticket('SKU-3', h(0), summaryOf({ a: { state: 'declined', at: h(5), by: 'u1' }, b: { state: 'approved', at: h(50), by: 'u2' }, c: { state: 'pending' } })),
  ticket('SKU-4', h(0), { schemaVersion: 1, status: 'ready', teams: 'hand-edited' }),
  ticket('SKU-5', h(0), summaryOf({ a: { state: 'approved', at: h(2), by: 'u1' }, b: { state: 'approved', at: h(4), by: 'u2' }, c: { state: 'stale', at: h(40), by: 'u5' } })),
  ticket('SKU-6', h(0), summaryOf({ a: { state: 'approved', at: h(1), by: 'u1' }, b: { state: 'approved', at: h(3), by: 'u2' }, c: { state: 'pending' } }, ['s2']), {
    done: true,
    status: 'Live',
    overrides: { s2: { kind: 'override', issueId: '10006', stage: 's2', by: 'acc-admin', via: 'golive-overriders', at: h(60), justification: 'Customer launch date agreed with CEE' } },
  }),
];

export const period = { from: new Date(T0), to: new Date(T0 + 100 * HOUR) };
export const parsed = parseTickets(config, history);

/** The history's decisions in the period: none recorded in the review history, so each team's latest from the summaries. */
export const decided = reviewDecisions(parsed.tickets, [], period);
