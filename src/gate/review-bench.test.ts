import { config, decided } from '../../test/support/review-history';
import { reviewBench } from './review-bench';

describe('reviewBench', () => {
  const members = { 'g-a': ['u1'], 'g-b': ['u2', 'u4'], 'g-c': ['u3', 'u5'] };

  it.each([
    ['a', [['u1', 5]], 'Only 1 person can approve for Team A: add someone to g-a.'],
    ['b', [['u2', 4], ['u4', 0]], "One person made 4 of Team B's 4 decisions: spread the reviews."],
    ['c', [['u3', 1], ['u5', 1]], undefined],
  ])('lists who can approve for team %s and warns when the bench is thin', (team, approvers, warning) => {
    const bench = reviewBench(config, decided, members).find((b) => b.team === team);
    expect(bench?.approvers.map((a) => [a.accountId, a.decisions])).toEqual(approvers);
    expect(bench?.warning).toEqual(warning);
  });

  it('warns that nobody can approve for a team whose groups are empty', () => {
    expect(reviewBench(config, [], {})[0]?.warning).toBe('Nobody can approve for Team A: add someone to g-a.');
  });

  it('counts decisions by people who have left the groups apart', () => {
    const bench = reviewBench(config, decided, { 'g-a': ['u7', 'u8'] })[0];
    expect(bench).toMatchObject({ decisions: 5, formerApproverDecisions: 5, warning: undefined });
  });
});
