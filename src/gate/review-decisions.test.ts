import { config, h, HOUR, period, summaryOf, ticket } from '../../test/support/review-history';
import type { DecisionEvent, StageEntryEvent } from './review-history';
import { decisionWait, reviewDecisions } from './review-decisions';
import { reviewThroughput } from './review-throughput';
import { parseTickets } from './review-tickets';

const decision = (issueId: string, team: string, at: string, kind: DecisionEvent['decision'], by = `u-${team}`, seq = 1): DecisionEvent => ({
  kind: 'decision', projectId: '10000', issueId, issueKey: `SKU-${issueId}`, at, id: `golive-gate.team.${team}#${seq}`, team, by, decision: kind,
});
const entry = (issueId: string, stage: string, at: string, changeId = at): StageEntryEvent => ({
  kind: 'stage-entered', projectId: '10000', issueId, issueKey: `SKU-${issueId}`, at, id: `${stage}:${changeId}`, stage, status: 'In Review',
});

// Ticket 1 was created at h(0) and entered review of s1 at h(10); team a declined at h(12) and approved at h(15).
// Its summary holds only the approval. Ticket 2 predates the history: its summary is all that is known.
const tickets = [
  ticket('SKU-1', h(0), summaryOf({ a: { state: 'approved', at: h(15), by: 'u-a' }, b: { state: 'pending' }, c: { state: 'pending' } }), { id: '1' }),
  ticket('SKU-2', h(0), summaryOf({ a: { state: 'approved', at: h(6), by: 'u-old' }, b: { state: 'pending' }, c: { state: 'pending' } }), { id: '2' }),
];
const history = [decision('1', 'a', h(12), 'declined'), decision('1', 'a', h(15), 'approved', 'u-a', 2), decision('99', 'a', h(13), 'approved')];
const entries = [entry('1', 's1', h(10))];
const parsed = parseTickets(config, tickets, entries).tickets;
const decided = reviewDecisions(parsed, history, period);

describe('reviewDecisions', () => {
  it('counts a decline followed by an approval as two decisions', () => {
    expect(decided.filter((d) => d.ticket.key === 'SKU-1').map((d) => [d.decision, d.source])).toEqual([
      ['declined', 'history'],
      ['approved', 'history'],
    ]);
  });

  it('takes a decision made before the history existed from the summary, once', () => {
    expect(decided.filter((d) => d.ticket.key === 'SKU-2').map((d) => [d.decision, d.by, d.source])).toEqual([['approved', 'u-old', 'summary']]);
  });

  it('never counts a decision on a ticket the search did not answer (one the caller may not browse)', () => {
    expect(decided.some((d) => d.ticket.id === '99')).toBe(false);
    expect(decided).toHaveLength(3);
  });

  it('counts only decisions inside the half-open period', () => {
    expect(reviewDecisions(parsed, history, { from: new Date(h(12)), to: new Date(h(15)) }).map((d) => d.at)).toEqual([new Date(h(12))]);
  });
});

describe('decisionWait', () => {
  it('runs from the recorded stage entry, not from the ticket’s creation', () => {
    expect(decided.filter((d) => d.ticket.key === 'SKU-1').map((d) => decisionWait(config, d))).toEqual([
      { ms: 2 * HOUR, estimated: false },
      { ms: 5 * HOUR, estimated: false },
    ]);
  });

  it('falls back to the ticket’s creation, marked as estimated, when no entry was recorded', () => {
    const old = decided.find((d) => d.ticket.key === 'SKU-2');
    expect(old && decisionWait(config, old)).toEqual({ ms: 6 * HOUR, estimated: true });
  });

  it('starts afresh when the ticket re-entered review, and is none when the team decided before review began', () => {
    const again = parseTickets(config, [tickets[0] ?? ticket('x', h(0), {})], [entry('1', 's1', h(10)), entry('1', 's1', h(14), 'again')]).tickets;
    const [declined, approved] = reviewDecisions(again, history, period);
    expect(approved && decisionWait(config, approved)).toEqual({ ms: 1 * HOUR, estimated: false });
    const late = parseTickets(config, [tickets[0] ?? ticket('x', h(0), {})], [entry('1', 's1', h(13))]).tickets;
    const [early] = reviewDecisions(late, history, period);
    expect(early && decisionWait(config, early)).toEqual({ ms: 0, estimated: false });
    expect(declined?.decision).toBe('declined');
  });
});

describe('reviewThroughput over the history', () => {
  it('counts every decision and says which waits are estimated', () => {
    const a = reviewThroughput(config, parsed, period, decided).teams.find((t) => t.team === 'a');
    expect(a).toMatchObject({ decisions: 3, approvals: 2, declines: 1, fromSummary: 1, estimatedWaits: 1 });
    // Waits of 2 h, 5 h (measured) and 6 h (estimated).
    expect((a?.medianMs ?? NaN) / HOUR).toBe(5);
  });

  it('counts a revoke apart from the decisions', () => {
    const revoked = reviewDecisions(parsed, [...history, decision('1', 'a', h(16), 'revoked', 'u-a', 3)], period);
    expect(reviewThroughput(config, parsed, period, revoked).teams.find((t) => t.team === 'a')).toMatchObject({ decisions: 3, revokes: 1 });
  });

  it('enters a stage at its recorded entry, and estimates it from the creation without one', () => {
    const [first, second] = parsed;
    expect([first?.enteredAt, first?.estimatedEntry]).toEqual([{ s1: new Date(h(10)) }, []]);
    expect([second?.enteredAt, second?.estimatedEntry]).toEqual([{ s1: new Date(h(0)) }, ['s1']]);
  });
});
