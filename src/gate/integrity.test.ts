import type { GateConfig } from './config';
import { integrityFix, readRecords } from './integrity';
import { IssueFixture } from '../../test/support/issue-fixture';
import { ANSWERS_PROPERTY, NUMBERS_PROPERTY, SUMMARY_PROPERTY, overrideProperty, teamProperty } from './records';
import { templateConfig } from './templates';

const config = templateConfig('managed-addon') as GateConfig;
const T0 = '2026-03-01T09:00:00.000Z';

describe('readRecords', () => {
  it('trusts every record the app wrote on this issue', () => {
    const issue = new IssueFixture(config).recordNumbers({ capacity: 500 }, T0).answer({}, T0).approve('sre-p', T0).decline('cee', T0, 'No docs').override('go-live', 'Agreed with the VP of engineering', T0);
    const { properties } = issue.snapshot();
    expect(readRecords(config, issue.snapshot())).toEqual({
      decisions: { 'sre-p': properties[teamProperty('sre-p')], cee: properties[teamProperty('cee')] },
      numbers: properties[NUMBERS_PROPERTY],
      answers: properties[ANSWERS_PROPERTY],
      overrides: { 'go-live': properties[overrideProperty('go-live')] },
      unverified: [],
    });
  });

  it('lists each kind of untrusted record with the team or stage it belongs to', () => {
    const other = new IssueFixture(config, { id: '99', key: 'SKU-99' }).approve('cee', T0);
    const issue = new IssueFixture(config).recordNumbers({ capacity: 500 }, T0);
    const numbers = issue.property(NUMBERS_PROPERTY) as object;
    issue
      .approve('sre-p', T0)
      .decline('cee', T0, 'No docs')
      .approve('ocm-pm', T0)
      .override('go-live', 'Agreed with the VP of engineering', T0)
      .setProperty(teamProperty('dev-team'), { kind: 'decision' })
      .setProperty(teamProperty('cee'), other.property(teamProperty('cee')))
      .setProperty(teamProperty('ocm-pm'), 'garbage')
      .deleteProperty(teamProperty('sre-p'))
      .setProperty(NUMBERS_PROPERTY, { ...numbers, by: 'acc-mallory' })
      .setProperty(overrideProperty('promote-to-prod'), { forged: true })
      .setProperty(SUMMARY_PROPERTY, { status: 'ready' })
      .setProperty(teamProperty('not-a-team'), { forged: true });
    expect(readRecords(config, issue.snapshot())).toEqual({
      decisions: {},
      overrides: { 'go-live': issue.property(overrideProperty('go-live')) },
      unverified: [
        { propertyKey: 'golive-gate.team.sre-p', problem: 'deleted', team: 'sre-p', what: 'decision' },
        { propertyKey: 'golive-gate.team.cee', problem: 'wrong-issue', team: 'cee', what: 'decision' },
        { propertyKey: 'golive-gate.team.ocm-pm', problem: 'malformed', team: 'ocm-pm', what: 'decision' },
        { propertyKey: 'golive-gate.team.dev-team', problem: 'no-digest', team: 'dev-team', what: 'decision' },
        { propertyKey: 'golive-gate.numbers', problem: 'digest-mismatch', what: 'numbers' },
        { propertyKey: 'golive-gate.override.promote-to-prod', problem: 'no-digest', stage: 'promote-to-prod', what: 'override' },
      ],
    });
  });
});

describe('integrityFix', () => {
  it('says who can repair each kind of record', () => {
    expect(integrityFix(config, { propertyKey: teamProperty('sre-p'), problem: 'deleted', team: 'sre-p', what: 'decision' })).toBe('An approver for SRE-P can re-affirm the decision.');
    expect(integrityFix(config, { propertyKey: NUMBERS_PROPERTY, problem: 'no-digest', what: 'numbers' })).toBe('Record the numbers again.');
    expect(integrityFix(config, { propertyKey: ANSWERS_PROPERTY, problem: 'malformed', what: 'answers' })).toBe('Answer the questions again.');
    expect(integrityFix(config, { propertyKey: overrideProperty('go-live'), problem: 'no-digest', stage: 'go-live', what: 'override' })).toBe(
      'A member of golive-overriders can override the stage again.',
    );
  });
});
