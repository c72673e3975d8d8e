// What the panel asks of an approver under gate model v2: the stages they may decide at, named on the buttons, from the
// same verdicts and permissions the backend sends (evaluateAllV2, stagePermissions).
import type { GateConfigV2, Item } from '../src/gate/v2/config';
import type { WaiverRecord } from '../src/gate/v2/records';
import { evaluateAllV2 } from '../src/gate/v2/evaluate';
import { IssueFixtureV2 } from './support/v2-issue-fixture';
import { stagePermissions } from '../src/gate/v2/permissions';
import { templateConfigV2 } from '../src/gate/v2/templates';
import type { ItemDraft } from '../static/panel/src/item-input';
import { answerOf, draftOf } from '../static/panel/src/item-input';
import { actionLabel, approvalCount, defaultStages, teamAsks } from '../static/panel/src/stage-asks';
import { targetName, waiverExpiry } from '../src/gate/v2/waiver-target';

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

describe('items of a kind in the panel', () => {
  const item = (kind: Item['kind']): Item => ({ key: 'k', section: 'S', text: 'T', kind, requiredFor: ['go-live'] });

  it.each<[Item['kind'], ItemDraft, string | boolean | number | null]>([
    ['number', ' 12 ', 12],
    ['number', 'lots', 'lots'],
    ['text', '  ', null],
    ['link', ' https://example.com/runbook ', 'https://example.com/runbook'],
    ['checkbox', true, true],
    ['checkbox', false, false],
    ['choice', 'Free overall', 'Free overall'],
  ])('sends a %s item typed as %j as %j', (kind, draft, answer) => {
    expect(answerOf(item(kind), draft)).toEqual(answer);
  });

  it('shows a saved number as text and an unticked box as false', () => {
    expect(draftOf(item('number'), 3)).toBe('3');
    expect(draftOf(item('checkbox'), undefined)).toBe(false);
    expect(draftOf(item('text'), undefined)).toBe('');
  });
});

describe('waivers in the panel', () => {
  it('expire at the earliest lifetime of the stages that need their target', () => {
    const config: GateConfigV2 = {
      ...addon,
      stages: addon.stages.map((s) => (s.key === 'go-live' ? { ...s, waiverLifetimeDays: 30 } : s)),
    };
    const waiver: WaiverRecord = { kind: 'waiver', schemaVersion: 2, issueId: '1', target: { kind: 'team', key: 'layered-sre' }, status: 'waived', by: 'acc-layered-sre', via: 'golive-layered-sre', at: T0, reason: 'No layered SRE team here' };
    expect(waiverExpiry(config, waiver)).toEqual({ at: '2026-03-31T09:00:00.000Z', stage: 'Go live' });
    expect(waiverExpiry(addon, waiver)).toBeUndefined();
    expect(targetName(config, waiver.target)).toBe('Layered SRE');
  });
});
