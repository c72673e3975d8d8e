import type { GateConfig } from './config';
import { readRecords } from './integrity';
import { IssueFixture } from '../../test/support/issue-fixture';
import { teamProperty } from './records';
import { mayDecide, mayOverride, teamPermissions } from './permissions';
import { templateConfig } from '../../test/support/v1-templates';

const config = templateConfig('managed-addon') as GateConfig;
const T0 = '2026-03-01T09:00:00.000Z';
const records = (issue: IssueFixture = new IssueFixture(config)) => readRecords(config, issue.snapshot());
const cee = { config, accountId: 'acc-cee', groups: ['golive-cee', 'jira-users'], reporterAccountId: 'acc-pm' };

describe('mayDecide', () => {
  it('lets a member of the team group approve, decline and re-approve, through that group', () => {
    expect(mayDecide({ ...cee, records: records(), team: 'cee', decision: 'approve' })).toEqual({ ok: true, via: 'golive-cee' });
    expect(mayDecide({ ...cee, records: records(), team: 'cee', decision: 'decline' })).toEqual({ ok: true, via: 'golive-cee' });
    expect(mayDecide({ ...cee, records: records(new IssueFixture(config).approve('cee', T0)), team: 'cee', decision: 'approve' })).toEqual({ ok: true, via: 'golive-cee' });
  });

  it('refuses someone outside the team group and names the group', () => {
    expect(mayDecide({ ...cee, records: records(), team: 'sre-p', decision: 'approve' })).toEqual({ ok: false, reason: 'You are not in golive-sre-p, the group that acts for SRE-P' });
    const twoGroups = { ...config, teams: config.teams.map((t) => (t.key === 'sre-p' ? { ...t, groups: ['golive-sre-p', 'sre-leads'] } : t)) };
    expect(mayDecide({ ...cee, config: twoGroups, records: records(), team: 'sre-p', decision: 'decline' })).toEqual({
      ok: false,
      reason: 'You are not in golive-sre-p or sre-leads, the groups that act for SRE-P',
    });
  });

  it('refuses an unknown team', () => {
    expect(mayDecide({ ...cee, records: records(), team: 'ceo', decision: 'approve' })).toEqual({ ok: false, reason: 'No team has the key "ceo"' });
  });

  it('lets the reporter decline but not approve, unless the policy allows it', () => {
    const reporter = { ...cee, accountId: 'acc-pm' };
    expect(mayDecide({ ...reporter, records: records(), team: 'cee', decision: 'approve' })).toEqual({ ok: false, reason: 'The reporter of this ticket may not approve' });
    expect(mayDecide({ ...reporter, records: records(), team: 'cee', decision: 'decline' })).toEqual({ ok: true, via: 'golive-cee' });
    const lenient = { ...config, policies: { ...config.policies, reporterMayApprove: true } };
    expect(mayDecide({ ...reporter, config: lenient, records: records(), team: 'cee', decision: 'approve' })).toEqual({ ok: true, via: 'golive-cee' });
  });

  it('refuses a second team to one person, unless the policy allows it', () => {
    const both = { ...cee, groups: ['golive-cee', 'golive-sre-p'] };
    const approvedSre = records(new IssueFixture(config).approve('sre-p', T0, { by: 'acc-cee' }));
    expect(mayDecide({ ...both, records: approvedSre, team: 'cee', decision: 'approve' })).toEqual({ ok: false, reason: 'You already approved for SRE-P' });
    expect(mayDecide({ ...both, records: approvedSre, team: 'cee', decision: 'decline' })).toEqual({ ok: true, via: 'golive-cee' });
    const lenient = { ...config, policies: { ...config.policies, onePersonOneTeam: false } };
    expect(mayDecide({ ...both, config: lenient, records: approvedSre, team: 'cee', decision: 'approve' })).toEqual({ ok: true, via: 'golive-cee' });
  });

  it('reads what the app last wrote: a member may revoke over a tampered property, and may not revoke a forged approval', () => {
    const approved = new IssueFixture(config).approve('cee', T0);
    const tampered = new IssueFixture(config).approve('cee', T0).setProperty(teamProperty('cee'), { decision: 'approved', by: 'acc-mallory' });
    expect(mayDecide({ ...cee, records: records(tampered), team: 'cee', decision: 'revoke' })).toEqual({ ok: true, via: 'golive-cee' });
    const revokedThenReplayed = new IssueFixture(config).approve('cee', T0).revoke('cee', T0).setProperty(teamProperty('cee'), approved.property(teamProperty('cee')));
    expect(mayDecide({ ...cee, records: records(revokedThenReplayed), team: 'cee', decision: 'revoke' })).toEqual({ ok: true, via: 'golive-cee' });
    const deletedApproval = new IssueFixture(config).approve('cee', T0).deleteProperty(teamProperty('cee'));
    expect(mayDecide({ ...cee, records: records(deletedApproval), team: 'cee', decision: 'revoke' })).toEqual({ ok: true, via: 'golive-cee' });
  });

  it('counts an approval the app wrote for one person, one team, even when its property was deleted', () => {
    const both = { ...cee, groups: ['golive-cee', 'golive-sre-p'] };
    const deleted = new IssueFixture(config).approve('sre-p', T0, { by: 'acc-cee' }).deleteProperty(teamProperty('sre-p'));
    expect(mayDecide({ ...both, records: records(deleted), team: 'cee', decision: 'approve' })).toEqual({ ok: false, reason: 'You already approved for SRE-P' });
  });

  it('revokes only an existing approval or decline', () => {
    expect(mayDecide({ ...cee, records: records(), team: 'cee', decision: 'revoke' })).toEqual({ ok: false, reason: 'CEE has no approval or decline to revoke' });
    expect(mayDecide({ ...cee, records: records(new IssueFixture(config).decline('cee', T0, 'No docs')), team: 'cee', decision: 'revoke' })).toEqual({ ok: true, via: 'golive-cee' });
    expect(mayDecide({ ...cee, records: records(new IssueFixture(config).approve('cee', T0).revoke('cee', T0)), team: 'cee', decision: 'revoke' })).toEqual({
      ok: false,
      reason: 'CEE has no approval or decline to revoke',
    });
  });
});

describe('teamPermissions', () => {
  it('lists every team with what the caller may do and why not', () => {
    const rights = teamPermissions({ ...cee, accountId: 'acc-pm', groups: ['golive-cee'], records: records(new IssueFixture(config).decline('cee', T0, 'No docs')) });
    expect(rights).toHaveLength(13);
    expect(rights.find((r) => r.team === 'cee')).toEqual({ team: 'cee', canAct: true, canApprove: false, canDecline: true, canRevoke: true, reason: 'The reporter of this ticket may not approve' });
    expect(rights.find((r) => r.team === 'sre-p')).toEqual({
      team: 'sre-p',
      canAct: false,
      canApprove: false,
      canDecline: false,
      canRevoke: false,
      reason: 'You are not in golive-sre-p, the group that acts for SRE-P',
    });
    expect(teamPermissions({ ...cee, records: records() }).find((r) => r.team === 'cee')).toEqual({ team: 'cee', canAct: true, canApprove: true, canDecline: true, canRevoke: false });
  });
});

describe('mayOverride', () => {
  const justification = 'Launch agreed with the VP; docs follow';
  it('lets a member of an override group override with a justification of at least 20 letters in 3 words', () => {
    expect(mayOverride({ config, stage: 'go-live', justification, groups: ['golive-overriders'] })).toEqual({ ok: true, via: 'golive-overriders' });
    expect(mayOverride({ config, stage: 'go-live', justification: ` ${'x'.repeat(20)} `, groups: ['golive-overriders'] })).toEqual({
      ok: false,
      reason: 'Write a justification of at least 20 letters in at least 3 words (this one has 20 letters in 1 word)',
    });
  });

  it('explains each refusal', () => {
    expect(mayOverride({ config, stage: 'go-live', justification, groups: ['golive-cee'] })).toEqual({
      ok: false,
      reason: 'You are not in golive-overriders, the group that may override a stage',
    });
    expect(mayOverride({ config, stage: 'go-live', justification: `  ${'x'.repeat(19)}  `, groups: ['golive-overriders'] })).toEqual({
      ok: false,
      reason: 'Write a justification of at least 20 letters in at least 3 words (this one has 19 letters in 1 word)',
    });
    expect(mayOverride({ config, stage: 'beta', justification, groups: ['golive-overriders'] })).toEqual({ ok: false, reason: 'No stage has the key "beta"' });
    const none = { ...config, policies: { ...config.policies, overrideGroups: [] } };
    expect(mayOverride({ config: none, stage: 'go-live', justification, groups: ['golive-overriders'] })).toEqual({
      ok: false,
      reason: 'This project names no override group, so no stage can be overridden',
    });
  });
});
