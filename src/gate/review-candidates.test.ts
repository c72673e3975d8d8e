import { config, h, summaryOf, ticket } from '../../test/support/review-history';
import type { GateConfig } from './config';
import { potentialMembers } from './review-candidates';
import type { CommentEvent } from './review-history';
import { parseTickets } from './review-tickets';

const withStatuses: GateConfig = {
  ...config,
  stages: config.stages.map((s) => ({ ...s, fromStatus: s.key === 's1' ? 'In Review' : 'In Production' })),
  teams: config.teams.map((t) => (t.key === 'c' ? { ...t, shadowGroups: ['g-c-shadows'] } : t)),
};
const pending = summaryOf({ a: { state: 'pending' }, b: { state: 'pending' }, c: { state: 'pending' } });
const { tickets } = parseTickets(withStatuses, [
  ticket('SKU-1', h(0), pending, { id: '1' }),
  ticket('SKU-2', h(0), pending, { id: '2' }),
  ticket('SKU-3', h(0), pending, { id: '3' }),
]);
let next = 0;
const comment = (issueId: string, by: string, status: string, at: string): CommentEvent => ({
  kind: 'commented', projectId: '10000', issueId, issueKey: `SKU-${issueId}`, at, id: String(++next), by, status,
});
const members = { 'g-a': ['u-a'], 'g-b': ['u-b'], 'g-c': ['u-c'], 'g-c-shadows': ['u-shadow'] };

describe('potentialMembers', () => {
  const comments = [
    comment('1', 'u-ola', 'In Review', h(1)),
    comment('1', 'u-ola', 'In Review', h(2)),
    comment('2', 'u-ola', 'In Production', h(3)),
    comment('3', 'u-pat', 'In Production', h(4)),
    comment('3', 'u-a', 'In Production', h(5)), // in team a: a candidate for c, not for a
    comment('3', 'u-shadow', 'In Production', h(6)), // already c's shadow
    comment('2', 'u-todo', 'To Do', h(7)), // before any review began
    comment('9', 'u-hidden', 'In Review', h(8)), // a ticket the caller cannot see
  ];
  const found = potentialMembers(withStatuses, tickets, comments, members);
  const of = (team: string) => found.find((t) => t.team === team)?.candidates.map((c) => [c.accountId, c.comments, c.ticketCount, c.tickets]);

  it('suggests people who commented while the team reviewed, most tickets first, with the tickets', () => {
    expect(of('a')).toEqual([
      ['u-ola', 3, 2, ['SKU-2', 'SKU-1']],
      ['u-pat', 1, 1, ['SKU-3']],
      ['u-shadow', 1, 1, ['SKU-3']],
    ]);
  });

  it('leaves out the team’s members and shadows, comments before review began, and tickets the caller cannot see', () => {
    expect(of('c')).toEqual([
      ['u-a', 1, 1, ['SKU-3']],
      ['u-ola', 1, 1, ['SKU-2']],
      ['u-pat', 1, 1, ['SKU-3']],
    ]);
    expect(found.flatMap((t) => t.candidates.map((c) => c.accountId))).not.toContain('u-todo');
    expect(found.flatMap((t) => t.candidates.map((c) => c.accountId))).not.toContain('u-hidden');
  });

  it('uses the stage each ticket waits at when no stage names the status its review happens in', () => {
    const legacy = potentialMembers(config, parseTickets(config, [ticket('SKU-1', h(0), pending, { id: '1' })]).tickets, [comment('1', 'u-ola', 'Anything', h(1))], members);
    expect(legacy.map((t) => t.team)).toEqual(['a', 'b']);
  });
});
