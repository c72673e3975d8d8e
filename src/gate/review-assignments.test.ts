import { config, h, HOUR, period } from '../../test/support/review-history';
import { assignmentFigures } from './review-assignments';
import type { AssignmentEvent, DecisionEvent } from './review-history';

const common = { projectId: '10000', issueKey: 'SKU-1' };
const assigned = (issueId: string, team: string, assignee: string, at: string, how: AssignmentEvent['how'] = 'chosen'): AssignmentEvent => ({
  ...common, kind: 'reviewer-assigned', issueId, id: `${team}:${at}`, at, team, assignee, by: assignee, how,
});
const decided = (issueId: string, team: string, by: string, at: string, decision: DecisionEvent['decision'] = 'approved'): DecisionEvent => ({
  ...common, kind: 'decision', issueId, id: `${team}#${at}`, at, team, by, decision,
});
const visible = new Set(['1', '2', '3', '4']);

describe('assignmentFigures', () => {
  const assignments = [
    assigned('1', 'a', 'acc-x', h(1)),
    assigned('2', 'a', 'acc-x', h(2), 'round-robin'),
    assigned('2', 'a', 'acc-y', h(5)), // reassigned before a decision
    assigned('3', 'a', 'acc-y', h(10), 'round-robin'),
    assigned('4', 'a', 'acc-y', h(-10)), // before the period: not measured
    assigned('9', 'a', 'acc-y', h(3)), // a ticket the caller cannot see
  ];
  const decisions = [
    decided('1', 'a', 'acc-x', h(3), 'declined'), // 2 hours after assignment
    decided('1', 'a', 'acc-x', h(30)), // a later decision: the assignment was already answered
    decided('2', 'a', 'acc-z', h(11)), // 6 hours after the reassignment, by someone else
    decided('3', 'a', 'acc-y', h(12), 'revoked'), // a revoke answers nothing
    decided('4', 'a', 'acc-y', h(1)),
  ];
  const [team] = assignmentFigures(config, assignments, decisions, period, visible);

  it('measures each assignment of the period from assignment to the team’s first decision after it', () => {
    expect(team).toMatchObject({ team: 'a', assigned: 4, decided: 2, reassigned: 1, open: 1, decidedByOther: 1, roundRobin: 2 });
    expect((team?.medianMs ?? NaN) / HOUR).toBeCloseTo(4, 9);
    expect((team?.p90Ms ?? NaN) / HOUR).toBeCloseTo(5.6, 9);
  });

  it('measures each reviewer, counting a ticket taken away from them as reassigned', () => {
    expect(team?.reviewers.map(({ accountId, assigned: n, decided: d, reassigned: r, open: o }) => [accountId, n, d, r, o])).toEqual([
      ['acc-x', 2, 1, 1, 0],
      ['acc-y', 2, 1, 0, 1],
    ]);
    expect((team?.reviewers[1]?.medianMs ?? NaN) / HOUR).toBeCloseTo(6, 9);
  });

  it('leaves out teams with no assignment in the period, and a reassignment after the period leaves the assignment open', () => {
    const late = assignmentFigures(config, [assigned('1', 'b', 'acc-x', h(90)), assigned('1', 'b', 'acc-y', h(200))], [], period, visible);
    expect(late.map((t) => [t.team, t.assigned, t.reassigned, t.open])).toEqual([['b', 1, 0, 1]]);
  });
});
