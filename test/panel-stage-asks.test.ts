// What the panel asks of an approver under gate model v2: the stages they may decide at, named on the buttons, from the
// same verdicts and permissions the backend sends (evaluateAllV2, stagePermissions).
import type { GateConfigV2 } from '../src/gate/v2/config';
import { evaluateAllV2 } from '../src/gate/v2/evaluate';
import { IssueFixtureV2 } from '../src/gate/v2/issue-fixture';
import { stagePermissions } from '../src/gate/v2/permissions';
import { templateConfigV2 } from '../src/gate/v2/templates';
import { actionLabel, approvalCount, defaultStages, teamAsks } from '../static/panel/src/stage-asks';

const addon = templateConfigV2('managed-addon') as GateConfigV2;
const T0 = '2026-03-01T09:00:00.000Z';
const NOW = new Date('2026-03-02T09:00:00.000Z');

function asksOf(issue: IssueFixtureV2, accountId: string, groups: string[]) {
  const facts = issue.facts();
  return teamAsks(evaluateAllV2(facts, NOW), stagePermissions({ facts, accountId, groups }));
}

describe('the approver’s action in the panel', () => {
  it('asks SRE-P for both of its sign-offs, promote to prod first, and approves that one by default', () => {
    const [ask, ...others] = asksOf(new IssueFixtureV2(addon), 'acc-sre-p', ['golive-sre-p']);
    expect(others).toEqual([]);
    expect(ask?.teamName).toBe('SRE-P');
    expect(ask?.stages.map((s) => [s.stageName, s.waiting])).toEqual([['Promote to prod', true], ['Go live', true]]);
    expect(ask === undefined ? [] : defaultStages(ask)).toEqual(['promote-to-prod']);
  });

  it('asks only for go-live once SRE-P approved promote to prod', () => {
    const issue = new IssueFixtureV2(addon).approve('promote-to-prod', 'sre-p', T0);
    const [ask] = asksOf(issue, 'acc-sre-p', ['golive-sre-p']);
    expect(ask?.stages.filter((s) => s.waiting).map((s) => s.stage)).toEqual(['go-live']);
    expect(ask?.stages.find((s) => s.stage === 'promote-to-prod')?.rights.canRevoke).toBe(true);
    expect(ask === undefined ? [] : defaultStages(ask)).toEqual(['go-live']);
  });

  it('asks nothing of someone who acts for no team', () => {
    expect(asksOf(new IssueFixtureV2(addon), 'acc-pm', [])).toEqual([]);
  });

  it.each([
    [['Promote to prod'], 'Approve Promote to prod'],
    [['Beta', 'GA'], 'Approve for Beta and GA'],
    [['Alpha', 'Beta', 'GA'], 'Approve for Alpha, Beta and GA'],
  ])('names the stages on the button: %j -> %s', (stages, label) => {
    expect(actionLabel('Approve', stages)).toBe(label);
  });

  it.each([
    [{ have: 1, needed: 2 }, '1 of 2 approvals'],
    [{ have: 0, needed: 1 }, '0 of 1 approval'],
    [{ have: 3, needed: 2 }, '2 of 2 approvals'],
  ])('counts approvals as "k of n": %j -> %s', (team, words) => {
    expect(approvalCount(team)).toBe(words);
  });
});
