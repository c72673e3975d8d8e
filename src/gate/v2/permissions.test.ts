import type { GateConfigV2 } from './config';
import { IssueFixtureV2 } from '../../../test/support/v2-issue-fixture';
import type { CallerV2, DecisionRequest, PermissionV2 } from './permissions';
import { mayDecideV2, mayOverrideV2, mayRecordV2, mayWaive, refusalToRecordV2, stagePermissions } from './permissions';
import { decisionProperty } from './records';
import { OWNING_SIG_FIELD, templateConfigV2 } from './templates';

const addon = templateConfigV2('managed-addon') as GateConfigV2;
const prr = templateConfigV2('kubernetes-prr') as GateConfigV2;
const T0 = '2026-03-01T09:00:00.000Z';
const caller = (issue: IssueFixtureV2, accountId: string, groups: string[]): CallerV2 => ({ facts: issue.facts(), accountId, groups });
const addonIssue = (ticket = {}): IssueFixtureV2 => new IssueFixtureV2(addon, ticket);
const sigNodeIssue = (): IssueFixtureV2 => new IssueFixtureV2(prr, { fields: { [OWNING_SIG_FIELD]: ['sig-node'] } });
const SRE_P = ['golive-sre-p', 'jira-users'];

describe('mayDecideV2', () => {
  it.each<[string, () => IssueFixtureV2, string, string[], string, string, DecisionRequest, PermissionV2]>([
    ['an SRE-P member approves go-live through their group', () => addonIssue(), 'acc-sre-p', SRE_P, 'go-live', 'sre-p', 'approve', { ok: true, via: 'golive-sre-p', viaSource: 'team-group' }],
    ['an SRE-P member approves promote to prod on its own', () => addonIssue(), 'acc-sre-p', SRE_P, 'promote-to-prod', 'sre-p', 'approve', { ok: true, via: 'golive-sre-p', viaSource: 'team-group' }],
    ['CEE cannot sign off a stage that does not require it', () => addonIssue(), 'acc-cee', ['golive-cee'], 'promote-to-prod', 'cee', 'approve', { ok: false, reason: 'CEE does not sign off Promote to prod' }],
    ['someone outside the team is told which group acts for it', () => addonIssue(), 'acc-cee', ['golive-cee'], 'go-live', 'sre-p', 'decline', { ok: false, reason: 'You are not in golive-sre-p, the group that acts for SRE-P' }],
    [
      "an owning-SIG approver acts through the group the ticket's Owning SIG names",
      sigNodeIssue,
      'acc-node',
      ['golive-sig-node'],
      'alpha',
      'owning-sig',
      'approve',
      { ok: true, via: 'golive-sig-node', viaSource: 'ticket-field', viaFieldValue: 'sig-node' },
    ],
    [
      'a member of another SIG is told which group acts for this ticket',
      sigNodeIssue,
      'acc-apps',
      ['golive-sig-apps'],
      'alpha',
      'owning-sig',
      'approve',
      { ok: false, reason: 'You are not in golive-sig-node, the group that acts for Owning SIG on this ticket (from its Owning SIG)' },
    ],
    [
      'nobody acts for the owning SIG while the field is empty',
      () => new IssueFixtureV2(prr),
      'acc-node',
      ['golive-sig-node'],
      'alpha',
      'owning-sig',
      'approve',
      { ok: false, reason: 'Owning SIG is not set on this ticket, so nobody can act for Owning SIG on this ticket yet' },
    ],
    ['the reporter may decline but not approve', () => addonIssue(), 'acc-pm', ['golive-cee'], 'go-live', 'cee', 'approve', { ok: false, reason: 'The reporter of this ticket may not approve' }],
    ['the reporter may decline', () => addonIssue(), 'acc-pm', ['golive-cee'], 'go-live', 'cee', 'decline', { ok: true, via: 'golive-cee', viaSource: 'team-group' }],
    [
      'one person approves for one team, even at another stage',
      () => addonIssue().approve('promote-to-prod', 'sre-p', T0, { by: 'acc-both' }),
      'acc-both',
      ['golive-sre-p', 'golive-cee'],
      'go-live',
      'cee',
      'approve',
      { ok: false, reason: 'You already approved for SRE-P' },
    ],
    [
      'the SRE-P member who recorded capacity cannot approve for SRE-P',
      () => addonIssue().recordNumbers({ capacity: 500 }, T0, 'acc-sre-p'),
      'acc-sre-p',
      SRE_P,
      'go-live',
      'sre-p',
      'approve',
      { ok: false, reason: 'You recorded capacity, which SRE-P signs off; another approver for SRE-P must approve' },
    ],
    [
      'nothing is decided on a ticket the gate does not apply to',
      () => new IssueFixtureV2({ ...addon, scope: { issueTypes: ['SKU go-live'], labels: [] } }, { issueType: 'Bug' }),
      'acc-sre-p',
      SRE_P,
      'go-live',
      'sre-p',
      'approve',
      { ok: false, reason: 'Go-Live Gate does not apply to Bug tickets in SKU' },
    ],
    [
      'a passed stage is read-only',
      () => addonIssue().approve('promote-to-prod', 'sre-p', T0).pass('promote-to-prod', T0),
      'acc-sre-p',
      SRE_P,
      'promote-to-prod',
      'sre-p',
      'revoke',
      { ok: false, reason: 'Promote to prod passed on 2026-03-01 when acc-pm moved the ticket; its decisions are read-only until the ticket moves back' },
    ],
    ['an approver revokes their own approval', () => addonIssue().approve('go-live', 'sre-p', T0), 'acc-sre-p', SRE_P, 'go-live', 'sre-p', 'revoke', { ok: true, via: 'golive-sre-p', viaSource: 'team-group' }],
    [
      "one approver cannot revoke another's approval",
      () => addonIssue().approve('go-live', 'sre-p', T0),
      'acc-sre-p2',
      SRE_P,
      'go-live',
      'sre-p',
      'revoke',
      { ok: false, reason: 'You have no approval or decline for SRE-P at Go live to revoke' },
    ],
    [
      'an approver can revoke their decision while its property has been tampered with',
      () => addonIssue().approve('go-live', 'sre-p', T0).setProperty(decisionProperty('go-live', 'sre-p', 'acc-sre-p'), { forged: true }),
      'acc-sre-p',
      SRE_P,
      'go-live',
      'sre-p',
      'revoke',
      { ok: true, via: 'golive-sre-p', viaSource: 'team-group' },
    ],
    [
      'an approver can revoke their v1 ticket-wide approval',
      () => addonIssue().legacyDecide('sre-p', 'approved', T0),
      'acc-sre-p',
      SRE_P,
      'go-live',
      'sre-p',
      'revoke',
      { ok: true, via: 'golive-sre-p', viaSource: 'team-group' },
    ],
    ['an unknown stage', () => addonIssue(), 'acc-sre-p', SRE_P, 'ga', 'sre-p', 'approve', { ok: false, reason: 'No stage has the key "ga"' }],
    ['an unknown team', () => addonIssue(), 'acc-sre-p', SRE_P, 'go-live', 'ceo', 'approve', { ok: false, reason: 'No team has the key "ceo"' }],
  ])('%s', (_name, issue, accountId, groups, stage, team, decision, expected) => {
    expect(mayDecideV2(caller(issue(), accountId, groups), stage, team, decision)).toEqual(expected);
  });
});

describe('mayWaive', () => {
  const REASON = 'No layered SRE team runs this add-on';
  it.each<[string, string, string[], Parameters<typeof mayWaive>[1], string, PermissionV2]>([
    ['Layered SRE marks itself not applicable', 'acc-layered-sre', ['golive-layered-sre'], { kind: 'team', key: 'layered-sre' }, REASON, { ok: true, via: 'golive-layered-sre', viaSource: 'team-group' }],
    ['an override-group member marks a team not applicable', 'acc-admin', ['golive-overriders'], { kind: 'team', key: 'layered-sre' }, REASON, { ok: true, via: 'golive-overriders', viaSource: 'override-group' }],
    ['SRE-P waives the velocity it signs off', 'acc-sre-p', SRE_P, { kind: 'number', key: 'velocity' }, 'Free add-on, customers are not onboarded', { ok: true, via: 'golive-sre-p', viaSource: 'team-group' }],
    [
      'CEE cannot waive another team',
      'acc-cee',
      ['golive-cee'],
      { kind: 'team', key: 'layered-sre' },
      REASON,
      { ok: false, reason: 'Only an approver for Layered SRE or a member of golive-overriders can mark Layered SRE not applicable' },
    ],
    [
      'only an override-group member waives an item no team reviews',
      'acc-cee',
      ['golive-cee'],
      { kind: 'item', key: 'release-request' },
      REASON,
      {
        ok: false,
        reason:
          'Only a member of golive-overriders can mark "The merge request that releases content for non-Red Hat consumption, or the linked Jira where the SKU rules are requested to go live (teams may also +1 / LGTM there)" not applicable',
      },
    ],
    ['a reason of invisible characters is refused', 'acc-layered-sre', ['golive-layered-sre'], { kind: 'team', key: 'layered-sre' }, '\u200b'.repeat(30), { ok: false, reason: 'Say why it does not apply: write at least 10 visible characters (this has 0)' }],
    ['an unknown target is refused', 'acc-admin', ['golive-overriders'], { kind: 'number', key: 'budget' }, REASON, { ok: false, reason: 'No number has the key "budget"' }],
  ])('%s', (_name, accountId, groups, target, reason, expected) => {
    expect(mayWaive(caller(addonIssue(), accountId, groups), target, reason)).toEqual(expected);
  });
});

describe('mayOverrideV2', () => {
  const admin = (issue = addonIssue()): CallerV2 => caller(issue, 'acc-admin', ['golive-overriders']);
  it('lets an override-group member force a stage with a justification in words', () => {
    expect(mayOverrideV2(admin(), 'go-live', 'Customer launch agreed by the VP on 3 March')).toEqual({ ok: true, via: 'golive-overriders', viaSource: 'override-group' });
  });
  it('refuses a justification of dots, a non-member, and a passed stage', () => {
    expect(mayOverrideV2(admin(), 'go-live', '.'.repeat(40))).toEqual({ ok: false, reason: 'Justify the override: write the reason in words' });
    expect(mayOverrideV2(caller(addonIssue(), 'acc-cee', ['golive-cee']), 'go-live', 'Customer launch agreed by the VP on 3 March')).toEqual({
      ok: false,
      reason: 'You are not in golive-overriders, the group that may override a stage',
    });
    expect(mayOverrideV2(admin(addonIssue().pass('go-live', T0)), 'go-live', 'Customer launch agreed by the VP on 3 March')).toEqual({
      ok: false,
      reason: 'Go live passed on 2026-03-01 when acc-pm moved the ticket; its decisions are read-only until the ticket moves back',
    });
  });
});

describe('mayRecordV2', () => {
  it('lets the reporter, team members (also through a ticket field) and override-group members record, and nobody else', () => {
    expect(mayRecordV2(caller(addonIssue(), 'acc-pm', []))).toBe(true);
    expect(mayRecordV2(caller(addonIssue(), 'acc-cee', ['golive-cee']))).toBe(true);
    expect(mayRecordV2(caller(addonIssue(), 'acc-admin', ['golive-overriders']))).toBe(true);
    expect(mayRecordV2(caller(sigNodeIssue(), 'acc-node', ['golive-sig-node']))).toBe(true);
    expect(mayRecordV2(caller(sigNodeIssue(), 'acc-apps', ['golive-sig-apps']))).toBe(false);
    expect(mayRecordV2(caller(addonIssue(), 'acc-x', ['jira-users']))).toBe(false);
  });
});

describe('refusalToRecordV2', () => {
  it('says who may record, and that nobody may on a ticket outside the gate\'s scope (also not the reporter)', () => {
    expect(refusalToRecordV2(caller(addonIssue(), 'acc-pm', []), 'record numbers')).toBeUndefined();
    expect(refusalToRecordV2(caller(addonIssue(), 'acc-x', ['jira-users']), 'record numbers')).toBe('Only the reporter and the people who act for a team of this gate may record numbers on this ticket');
    const storiesOnly = new IssueFixtureV2({ ...addon, scope: { issueTypes: ['Story'], labels: [] } }, { issueType: 'Task' });
    expect(refusalToRecordV2(caller(storiesOnly, 'acc-pm', []), 'record numbers')).toBe('Go-Live Gate does not apply to Task tickets in SKU, so nobody can record numbers on this ticket');
    expect(mayRecordV2(caller(storiesOnly, 'acc-pm', []))).toBe(false);
  });
});

describe('stagePermissions', () => {
  it('offers SRE-P both of its stages at once, and says why CEE cannot act at promote to prod', () => {
    const rights = stagePermissions(caller(addonIssue(), 'acc-sre-p', SRE_P));
    expect(rights.filter((r) => r.canApprove).map((r) => [r.stage, r.team])).toEqual([
      ['promote-to-prod', 'sre-p'],
      ['go-live', 'sre-p'],
    ]);
    expect(rights.find((r) => r.stage === 'go-live' && r.team === 'cee')).toEqual({
      stage: 'go-live',
      team: 'cee',
      canApprove: false,
      canDecline: false,
      canRevoke: false,
      canWaive: false,
      reason: 'You are not in golive-cee, the group that acts for CEE',
    });
  });
});
