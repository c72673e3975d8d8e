import type { GateConfig } from './config';
import { integrityFix, readRecords } from './integrity';
import { IssueFixture } from '../../test/support/issue-fixture';
import { ANSWERS_PROPERTY, NUMBERS_PROPERTY, SUMMARY_PROPERTY, overrideProperty, teamProperty } from './records';
import { templateConfig } from '../../test/support/v1-templates';

const config = templateConfig('managed-addon') as GateConfig;
const T0 = '2026-03-01T09:00:00.000Z';

describe('readRecords', () => {
  it('trusts every record the app wrote on this issue', () => {
    const issue = new IssueFixture(config).recordNumbers({ capacity: 500 }, T0).answer({}, T0).approve('sre-p', T0).decline('cee', T0, 'No docs').override('go-live', 'Agreed with the VP of engineering', T0);
    const { properties } = issue.snapshot();
    const decisions = { 'sre-p': properties[teamProperty('sre-p')], cee: properties[teamProperty('cee')] };
    expect(readRecords(config, issue.snapshot())).toEqual({
      decisions,
      numbers: properties[NUMBERS_PROPERTY],
      answers: properties[ANSWERS_PROPERTY],
      overrides: { 'go-live': properties[overrideProperty('go-live')] },
      unverified: [],
      written: { decisions, numbers: properties[NUMBERS_PROPERTY], answers: properties[ANSWERS_PROPERTY] },
      firstApprovals: new Map([['acc-sre-p', 'sre-p']]),
    });
  });

  it('reads records written by version 1 (digest only) from the properties that match their digests', () => {
    const issue = new IssueFixture(config).recordNumbers({ capacity: 500 }, T0).approve('sre-p', T0).approve('cee', T0);
    const legacy = new IssueFixture(config);
    for (const key of [NUMBERS_PROPERTY, teamProperty('sre-p'), teamProperty('cee')]) legacy.writeWithDigestOnly(issue.property(key) as never);
    legacy.setProperty(teamProperty('cee'), { ...(issue.property(teamProperty('cee')) as object), by: 'acc-mallory' });
    const records = readRecords(config, legacy.snapshot());
    expect(records.written).toEqual({ decisions: { 'sre-p': issue.property(teamProperty('sre-p')) }, numbers: issue.property(NUMBERS_PROPERTY) });
    expect(records.unverified).toEqual([{ propertyKey: teamProperty('cee'), problem: 'digest-mismatch', team: 'cee', what: 'decision' }]);
  });

  it('keeps what the app wrote, whatever the properties now hold, and ignores a kept record that does not match its digest', () => {
    const issue = new IssueFixture(config).approve('sre-p', T0).approve('cee', T0);
    const approval = issue.property(teamProperty('sre-p'));
    issue.deleteProperty(teamProperty('sre-p')).setProperty(teamProperty('cee'), 'garbage');
    const snapshot = issue.snapshot();
    const records = readRecords(config, { ...snapshot, written: { ...snapshot.written, [teamProperty('cee')]: { ...(approval as object), team: 'cee', by: 'acc-x' } } });
    expect(records.decisions).toEqual({});
    expect(records.written.decisions).toEqual({ 'sre-p': approval });
    expect(records.firstApprovals).toEqual(new Map([['acc-sre-p', 'sre-p']]));
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
    const { written } = issue.snapshot();
    expect(readRecords(config, issue.snapshot())).toEqual({
      decisions: {},
      overrides: { 'go-live': issue.property(overrideProperty('go-live')) },
      written: {
        decisions: { 'sre-p': written?.[teamProperty('sre-p')], cee: written?.[teamProperty('cee')], 'ocm-pm': written?.[teamProperty('ocm-pm')] },
        numbers,
      },
      firstApprovals: new Map([['acc-sre-p', 'sre-p'], ['acc-ocm-pm', 'ocm-pm']]),
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
    expect(integrityFix(config, { propertyKey: 'golive-gate.decision.go-live.sre-p.acc-sre-p', problem: 'digest-mismatch', team: 'sre-p', what: 'decision', by: 'acc-sre-p' })).toBe(
      "The approver who gave it can re-affirm the decision; no other approver's decision replaces it.",
    );
    expect(integrityFix(config, { propertyKey: teamProperty('sre-p'), problem: 'deleted', team: 'sre-p', what: 'legacy-decision' })).toBe('An approver for SRE-P can re-affirm the decision.');
    expect(integrityFix(config, { propertyKey: 'golive-gate.waiver.team.layered-sre', problem: 'malformed', what: 'waiver' })).toBe('Its team or a member of an override group can mark it not applicable again.');
    expect(integrityFix(config, { propertyKey: 'golive-gate.pass.go-live', problem: 'no-digest', stage: 'go-live', what: 'pass' })).toBe('The stage is judged afresh until its next transition records the pass again.');
    expect(integrityFix(config, { propertyKey: NUMBERS_PROPERTY, problem: 'no-digest', what: 'numbers' })).toBe('Record the numbers again.');
    expect(integrityFix(config, { propertyKey: ANSWERS_PROPERTY, problem: 'malformed', what: 'answers' })).toBe('Answer the questions again.');
    expect(integrityFix(config, { propertyKey: overrideProperty('go-live'), problem: 'no-digest', stage: 'go-live', what: 'override' })).toBe(
      'A member of golive-overriders can override the stage again.',
    );
  });
});
