import { config, h, HOUR, parsed, summaryOf, T0, ticket } from '../../test/support/review-history';
import { reviewQueue } from './review-queue';
import { parseTickets } from './review-tickets';

describe('reviewQueue', () => {
  const now = new Date(T0 + 100 * HOUR);

  it('lists open tickets by the stage they wait at, oldest first', () => {
    const queue = reviewQueue(config, parsed.tickets, now);
    expect(queue.stages.map((s) => [s.stage, s.tickets.map((t) => [t.key, t.waitingOn, t.declinedBy])])).toEqual([
      ['s1', [['SKU-3', [], ['a']], ['SKU-2', ['b'], []]]],
      ['s2', [['SKU-5', ['c'], []]]],
    ]);
  });

  it('lists per team what waits on it and for how long, the longest wait first', () => {
    const queue = reviewQueue(config, parsed.tickets, now);
    expect(queue.teams).toEqual([
      { team: 'c', name: 'Team C', waiting: [{ key: 'SKU-5', title: 'Ticket SKU-5', stage: 's2', state: 'stale', since: h(4), waitingMs: 96 * HOUR }] },
      { team: 'b', name: 'Team B', waiting: [{ key: 'SKU-2', title: 'Ticket SKU-2', stage: 's1', state: 'pending', since: h(24), waitingMs: 76 * HOUR }] },
    ]);
  });

  it.each([
    [['b'], ['SKU-2'], ['b']],
    [['a'], ['SKU-3'], []],
    [['c', 'b'], ['SKU-2', 'SKU-5'], ['c', 'b']],
    [[], [], []],
  ])('shows only what waits on my teams %j', (mine, tickets, teams) => {
    const queue = reviewQueue(config, parsed.tickets, now, mine);
    expect(queue.stages.flatMap((s) => s.tickets.map((t) => t.key))).toEqual(tickets);
    expect(queue.teams.map((t) => t.team)).toEqual(teams);
  });

  it('waits on no team that gate model v2 says is not required or waived on the ticket', () => {
    const summary = summaryOf({ a: { state: 'pending' }, b: { state: 'not-required' }, c: { state: 'waived' } });
    const { tickets, skipped } = parseTickets(config, [ticket('SKU-7', h(0), summary)]);
    expect(skipped).toEqual([]);
    const queue = reviewQueue(config, tickets, now);
    expect(queue.stages.map((s) => [s.stage, s.tickets.map((t) => [t.key, t.waitingOn])])).toEqual([['s1', [['SKU-7', ['a']]]]]);
    expect(queue.teams.map((t) => [t.team, t.waiting.map((w) => w.state)])).toEqual([['a', ['pending']]]);
  });

  it('waits at the stage the ticket is at on the teams that stage still needs, not on a team that approved it and owes only a later stage', () => {
    // Gate model v2 approves per stage: Team A approved s1, while its state at the strictest stage (s2) is pending.
    const summary = { ...(summaryOf({ a: { state: 'pending' }, b: { state: 'pending' } }) as object), stage: 's1', pending: ['b'], declined: [] };
    const { tickets } = parseTickets(config, [ticket('SKU-8', h(0), summary)]);
    const queue = reviewQueue(config, tickets, now);
    expect(queue.stages.map((s) => [s.stage, s.tickets.map((t) => [t.key, t.waitingOn])])).toEqual([['s1', [['SKU-8', ['b']]]]]);
    expect(reviewQueue(config, tickets, now, ['a']).stages).toEqual([]);
  });

  it('leaves done tickets out', () => {
    expect(reviewQueue(config, parsed.tickets, now).stages.flatMap((s) => s.tickets.map((t) => t.key))).not.toContain('SKU-6');
  });
});
